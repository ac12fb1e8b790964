/**
 * The server's background engines: the quality workflow (items move along as their annotations
 * come in) and the audit chainer (outbox events into the hash-chained trail).
 *
 * On a PostgreSQL server they run on a worker thread with connections of their own. Node runs a
 * server's JavaScript on one thread, and under load these engines took a third of it: on the
 * claim–submit benchmark, 0.3 of the 0.9 ms of the server's CPU per cycle, the audit chain's hashing
 * and the workflow's consensus and statements. On their own thread they use the machine's other
 * cores. On PGlite, whose one connection lives on the main thread, they stay there.
 *
 * Both engines are driven by what the database holds (the outbox, the workflow cursor), so a thread
 * that fails loses nothing: the engines are started again on the main thread and carry on.
 */
import { Worker } from 'node:worker_threads';
import { startChainer } from '../services/audit/chain-events.ts';
import type { WorkCache } from '../services/work-cache.ts';
import { startWorkflowEngine } from '../services/workflow/advance-workflow.ts';
import type { Store } from '../store/database.ts';

export type ToBackground = { type: 'stop' };
export type FromBackground =
  | { type: 'ready' }
  | { type: 'forget-workforce' }
  | { type: 'warn'; message: string; error: string };

export interface BackgroundLog {
  warn(message: string, error?: unknown): void;
}

export interface BackgroundEngines {
  /** Where the engines run now. */
  where(): 'thread' | 'main';
  /** Resolves once the engines run (the thread has opened its connections). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The thread's work cache: as its own, and when it forgets the workforce (it paused an annotator),
 * it tells the server, whose cached memberships would otherwise let the annotator claim on.
 */
export function relayingWorkCache(cache: WorkCache, send: (message: FromBackground) => void): WorkCache {
  return {
    ...cache,
    forgetWorkforce() {
      cache.forgetWorkforce();
      send({ type: 'forget-workforce' });
    },
  };
}

/** What the server does with a message of the thread. */
export function onBackgroundMessage(message: FromBackground, cache: WorkCache, log: BackgroundLog, markReady: () => void): void {
  if (message.type === 'ready') markReady();
  else if (message.type === 'forget-workforce') cache.forgetWorkforce();
  else if (message.type === 'warn') log.warn(message.message, message.error);
}

/** How long a stopping thread may take to finish its rounds before it is ended. */
const STOP_TIMEOUT_MS = 30_000;

/** Both engines on their timers, on the thread this is called on; `stop` waits for their rounds. */
export function runEngines(store: Store, cache: WorkCache, log: BackgroundLog): { stop(): Promise<void> } {
  const workflow = startWorkflowEngine(store, cache, { onError: (error) => log.warn('workflow round failed', error) });
  const chainer = startChainer(store, { onError: (error) => log.warn('audit chaining failed', error) });
  return {
    async stop() {
      await workflow.stop();
      await chainer.stop();
    },
  };
}

export function startBackgroundEngines(store: Store, cache: WorkCache, options: { databaseUrl: string | null; log: BackgroundLog }): BackgroundEngines {
  const { log } = options;
  if (store.engine !== 'postgres' || !options.databaseUrl) {
    const engines = runEngines(store, cache, log);
    return { where: () => 'main', ready: Promise.resolve(), stop: () => engines.stop() };
  }

  let fallback: { stop(): Promise<void> } | null = null;
  let stopping = false;
  const worker = new Worker(new URL('./background-thread.mjs', import.meta.url), { workerData: { databaseUrl: options.databaseUrl } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const takeOver = (why: string, error?: unknown): void => {
    if (stopping || fallback) return;
    log.warn(`the background thread ${why}: its engines run on the main thread from now on`, error);
    fallback = runEngines(store, cache, log);
    markReady();
  };
  worker.on('message', (message: FromBackground) => onBackgroundMessage(message, cache, log, markReady));
  worker.on('error', (error) => takeOver('failed', error));
  worker.on('exit', (code) => takeOver(`ended (exit code ${code})`));

  return {
    where: () => (fallback ? 'main' : 'thread'),
    ready,
    async stop() {
      stopping = true;
      if (fallback) return fallback.stop();
      worker.postMessage({ type: 'stop' } satisfies ToBackground);
      const timeout = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timeout);
    },
  };
}
