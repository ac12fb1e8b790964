/**
 * The background worker each Atelier server runs: pg-boss queues in the same database (PGlite or
 * PostgreSQL, through the store's own connection), drained by any server.
 *
 *   atelier-export, atelier-import   one queue job per job row; retried with backoff on unexpected
 *                                    errors; on PostgreSQL a worker that dies is noticed by its
 *                                    missed heartbeats, on PGlite (one process) at the next start
 *   atelier-webhook                  one queue job per delivery attempt; the next attempt is queued
 *                                    with its delay in the transaction that logs the failed one
 *
 * A pump, every second, hands new job rows and pending webhook deliveries to the queues (each in
 * one transaction with the queue job it makes) and runs the webhook event scanners.
 */
import { randomUUID } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type { Db } from '../../store/database.ts';
import { queueDatabase, queueDatabaseIn } from '../../store/jobs-boss.ts';
import { claimUnqueuedJobs, type JobKind, runningQueueJobs, setQueueJobId } from '../../store/jobs.ts';
import { schedulePendingDeliveries, scanEvents } from '../../store/webhooks.ts';
import { attemptDelivery, DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from '../webhooks/deliver.ts';
import type { LiveProgress } from './progress.ts';
import { type JobContext, runJob } from './run-job.ts';

export const QUEUES = { export: 'atelier-export', import: 'atelier-import', webhook: 'atelier-webhook' } as const;

export interface JobWorkerOptions {
  /** How often an idle worker asks for work, in seconds (pg-boss's minimum is 0.5). */
  pollingSeconds?: number;
  /** How often the pump runs. */
  pumpEveryMs?: number;
  /** Delay of the first retry of a failed job, in seconds (doubled each time). */
  jobRetrySeconds?: number;
  /** Rows younger than this are read again by the next scan (see store/webhooks.ts). */
  settleSeconds?: number;
  delivery?: Partial<DeliveryOptions>;
  onProgress?: (jobId: number, progress: LiveProgress) => void;
}

export interface JobWorker {
  /** Runs the pump now rather than at its next tick. */
  pump(): Promise<void>;
  /**
   * Stops taking work. Graceful: running jobs get `timeoutMs` to finish, then are interrupted and
   * given back to the queue, like those of a worker stopped at once.
   */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

type DataJob = { jobId: number };
type DeliveryJob = { deliveryId: number; attempt: number };

const SCAN_BATCH = 1000;

export async function startJobWorker(ctx: JobContext, options: JobWorkerOptions = {}): Promise<JobWorker> {
  const { store } = ctx;
  const log = ctx.log ?? (() => {});
  const polling = options.pollingSeconds ?? 1;
  const delivery = { ...DEFAULT_DELIVERY_OPTIONS, ...options.delivery };
  const settle = options.settleSeconds ?? 30;
  const embedded = store.engine === 'pglite';

  const boss = new PgBoss({
    db: queueDatabase(store.pool),
    backend: embedded ? 'pglite' : 'postgres',
    schedule: false,
    registerInstance: false,
    monitorVacuum: false,
    reindex: false,
  });
  boss.on('error', (error) => log('job queue error', error));
  await boss.start();

  const dataQueue = {
    retryLimit: 2,
    retryDelay: options.jobRetrySeconds ?? 10,
    retryBackoff: true,
    expireInSeconds: 6 * 3600,
    // Heartbeats tell a dead worker from a slow one on PostgreSQL. On PGlite an import holds the
    // only connection for its whole transaction, so no heartbeat could be written meanwhile.
    ...(embedded ? {} : { heartbeatSeconds: 60 }),
  };
  await boss.createQueue(QUEUES.export, dataQueue);
  await boss.createQueue(QUEUES.import, dataQueue);
  await boss.createQueue(QUEUES.webhook, { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 });

  if (embedded) {
    // One process holds a PGlite data folder: jobs still running are those of a process that died.
    const orphans = await runningQueueJobs(store.db);
    for (const kind of ['export', 'import'] as const) {
      const ids = orphans.filter((o) => o.kind === kind).map((o) => o.queueJobId);
      if (ids.length > 0) await boss.fail(QUEUES[kind], ids, { message: 'the Atelier process running it stopped' });
    }
  }

  // pg-boss aborts a job's signal when it stops, but on PGlite only once it can reach the database,
  // which a running import's transaction holds: stopping aborts this signal first.
  const stopping = new AbortController();
  const handleData = async (jobs: { id: string; data: DataJob; signal: AbortSignal; retryCount: number; retryLimit: number }[]) => {
    const results = [];
    for (const job of jobs) {
      const signal = AbortSignal.any([job.signal, stopping.signal]);
      try {
        const run = await runJob(ctx, job.data.jobId, {
          signal,
          lastAttempt: job.retryCount >= job.retryLimit,
          onProgress: options.onProgress && ((p) => options.onProgress!(job.data.jobId, p)),
        });
        results.push({ id: job.id, status: 'completed' as const, output: { outcome: run.outcome } });
      } catch (error) {
        if (!signal.aborted) log(`job ${job.data.jobId} failed; the queue will retry it`, error);
        results.push({ id: job.id, status: 'failed' as const, output: { message: (error as Error).message } });
      }
    }
    return results;
  };
  const dataWork = { batchSize: 2, burstWhenBatchFull: true, pollingIntervalSeconds: polling, includeMetadata: true, perJobResults: true } as const;
  await boss.work<DataJob, unknown, typeof dataWork>(QUEUES.export, dataWork, handleData);
  await boss.work<DataJob, unknown, typeof dataWork>(QUEUES.import, dataWork, handleData);

  const recordAttempt = (deliveryId: number) => (logAttempt: (tx: Db) => Promise<boolean>, result: Awaited<ReturnType<typeof attemptDelivery>>) =>
    store.transaction(async (tx) => {
      if (!(await logAttempt(tx)) || result.outcome !== 'retry') return;
      const startAfter = new Date(Date.now() + result.inSeconds * 1000);
      await boss.insert(QUEUES.webhook, [{ data: { deliveryId, attempt: result.nextAttempt }, startAfter }], { db: queueDatabaseIn(tx) });
    });
  await boss.work<DeliveryJob>(QUEUES.webhook, { batchSize: 10, burstWhenBatchFull: true, pollingIntervalSeconds: polling }, async (jobs) => {
    await Promise.all(jobs.map((job) => attemptDelivery(store.db, job.data.deliveryId, job.data.attempt, delivery, recordAttempt(job.data.deliveryId))));
  });

  const handOverJobs = () =>
    store.transaction(async (tx) => {
      for (const job of await claimUnqueuedJobs(tx, 50)) {
        const id = randomUUID();
        await boss.insert(QUEUES[job.kind as JobKind], [{ id, data: { jobId: job.id } }], { db: queueDatabaseIn(tx) });
        await setQueueJobId(tx, job.id, id);
      }
    });
  const handOverDeliveries = () =>
    store.transaction(async (tx) => {
      const ids = await schedulePendingDeliveries(tx, 200);
      if (ids.length > 0) await boss.insert(QUEUES.webhook, ids.map((deliveryId) => ({ data: { deliveryId, attempt: 1 } })), { db: queueDatabaseIn(tx) });
    });

  let pumping: Promise<void> | null = null;
  let stopped = false;
  const pump = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    pumping ??= (async () => {
      try {
        await handOverJobs();
        for (const source of ['task.completed', 'item.accepted'] as const) await store.transaction((tx) => scanEvents(tx, source, settle, SCAN_BATCH));
        await handOverDeliveries();
      } catch (error) {
        log('job pump failed; it runs again in a moment', error);
      } finally {
        pumping = null;
      }
    })();
    return pumping;
  };
  const timer = setInterval(() => void pump(), options.pumpEveryMs ?? 1000);
  timer.unref();
  await pump();

  return {
    pump,
    async stop(stopOptions = {}) {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      const graceful = stopOptions.graceful ?? true;
      const timeout = stopOptions.timeoutMs ?? 10_000;
      const interrupt = setTimeout(() => stopping.abort(), graceful ? timeout : 0);
      try {
        await pumping;
        await boss.stop({ graceful, timeout, close: false });
      } finally {
        clearTimeout(interrupt);
      }
    },
  };
}
