/** An Atelier HTTP app over a test store, driven with `app.inject` (no sockets). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Role, User } from '../../src/core/users.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { openContext } from '../../src/server/runtime.ts';
import { addUser } from '../../src/services/manage-users.ts';
import type { Store } from '../../src/store/database.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  /** Adds a user with a password and signs them in; returns the cookie header value. */
  signedIn(role: Role): Promise<{ user: User; cookie: string }>;
  request(options: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;
export const TEST_PASSWORD = 'correct horse battery';

export async function startTestApp(store: Store, overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-app-'));
  const config: Config = { ...loadConfig({ dataDir, logLevel: 'silent' }, {}), ...overrides };
  const ctx = await openContext(config, store);
  const app = await buildApp(ctx, { logger: false, webRoot: join(dataDir, 'no-web') });
  const request: TestApp['request'] = ({ cookie, headers, ...options }) =>
    app.inject({ ...options, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  return {
    app,
    ctx,
    config,
    request,
    async signedIn(role) {
      const email = `${role}-${process.pid}-${++counter}@app.test`;
      const user = await addUser(store.db, { email, role, password: TEST_PASSWORD });
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
      const cookie = String(response.headers['set-cookie']).split(';')[0]!;
      return { user, cookie };
    },
    async close() {
      await app.close();
    },
  };
}
