/**
 * A running Atelier: the store opened and migrated, the HTTP server listening, expired leases swept
 * back into the queue on a timer, and a clean stop on SIGINT/SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import { type Config, storeLocation } from '../config.ts';
import { FileStore } from '../media/file-store.ts';
import { needsOwnVacuum, startEmbeddedVacuum } from '../services/maintenance/embedded-vacuum.ts';
import { createAuthenticator } from '../services/authenticate.ts';
import { useObjectStorage } from '../services/item-content.ts';
import { type JobWorker, startJobWorker } from '../services/jobs/job-worker.ts';
import { startRetentionSweep } from '../services/privacy/retention.ts';
import { createWorkCache } from '../services/work-cache.ts';
import { createClaimBatches } from '../services/claim-together.ts';
import { createSubmitBatches } from '../services/submit-together.ts';
import { openStore, type Store } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { requeueExpiredLeases } from '../store/tasks.ts';
import { buildApp } from './app.ts';
import { startBackgroundEngines } from './background-engines.ts';
import type { AppContext } from './context.ts';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  stop(): Promise<void>;
}

export async function openContext(config: Config, store?: Store): Promise<AppContext> {
  const s = store ?? (await openStore(storeLocation(config)));
  await migrate(s);
  useObjectStorage(config.s3);
  return { config, store: s, auth: createAuthenticator(s.db), work: createWorkCache(), claims: createClaimBatches(s.queueDb), submissions: createSubmitBatches(s.db), files: new FileStore(config.filesDir) };
}

export async function startServer(config: Config, options: { store?: Store; webRoot?: string } = {}): Promise<RunningServer> {
  const ctx = await openContext(config, options.store);
  const app = await buildApp(ctx, { webRoot: options.webRoot });
  const sweep = setInterval(() => {
    requeueExpiredLeases(ctx.store.db).catch((error) => app.log.warn({ err: error }, 'lease sweep failed'));
  }, config.leaseSweepSeconds * 1000);
  sweep.unref();
  // The quality workflow and the audit chain, on a thread of their own where the database allows.
  const engines = startBackgroundEngines(ctx.store, ctx.work, {
    databaseUrl: config.databaseUrl,
    log: { warn: (message, error) => app.log.warn({ err: error }, message) },
  });
  await engines.ready;
  const retention = startRetentionSweep(
    { store: ctx.store, files: ctx.files, exportsDir: config.exportsDir },
    { intervalMs: config.retentionSweepMinutes * 60_000, onError: (error) => app.log.warn({ err: error }, 'retention sweep failed') },
  );
  const ownVacuum = await needsOwnVacuum(ctx.store.engine, ctx.store.db);
  if (ctx.store.engine === 'postgres' && ownVacuum) app.log.warn('autovacuum is off on this PostgreSQL server: Atelier vacuums its own tables');
  const vacuum =
    ownVacuum
      ? startEmbeddedVacuum(ctx.store.db, {
          onRound: (round) => round.vacuumed.length > 0 && app.log.info({ vacuumed: round.vacuumed }, 'embedded vacuum'),
          onError: (error) => app.log.warn({ err: error }, 'embedded vacuum failed'),
        })
      : null;
  // Background jobs (imports, exports, webhook deliveries) drained from the database's queue.
  const jobs = { store: ctx.store, files: ctx.files, exportsDir: config.exportsDir, log: (message: string, error?: unknown) => app.log.warn({ err: error }, message) };
  const worker: JobWorker | null = config.jobWorker ? await startJobWorker(jobs) : null;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    clearInterval(sweep);
    await engines.stop();
    await worker?.stop();
    await retention.stop();
    await vacuum?.stop();
    await app.close();
    await ctx.store.close();
  };
  return { app, store: ctx.store, url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`, stop };
}

/** Stops the server on the first SIGINT/SIGTERM; a second one exits at once. */
export function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
