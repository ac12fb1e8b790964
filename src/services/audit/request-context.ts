/**
 * Where the current request comes from, for the audit events recorded while serving it. The
 * server enters the context once per request (server/security.ts); services read it when they
 * record an event, so that no route has to thread the address down to every use-case.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  sourceIp: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The address of the request being served, or null outside a request (CLI, timers). */
export function currentSourceIp(): string | null {
  return storage.getStore()?.sourceIp ?? null;
}
