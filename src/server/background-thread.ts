/**
 * The background thread's own side (see `background-engines.ts`): its own connections, its own
 * caches, the workflow engine and the audit chainer on their timers. It tells the server when it
 * paused annotators, so that the server forgets the memberships it has cached, and it reports what
 * failed; it stops when the server asks, after the rounds in progress.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createWorkCache } from '../services/work-cache.ts';
import { openStore } from '../store/database.ts';
import { pingDatabase } from '../store/health.ts';
import { type FromBackground, relayingWorkCache, runEngines, type ToBackground } from './background-engines.ts';

const port = parentPort;
if (!port) throw new Error('background-thread.ts runs as a worker thread of the server');
const send = (message: FromBackground): void => port.postMessage(message);
const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

const store = await openStore({ engine: 'postgres', url: (workerData as { databaseUrl: string }).databaseUrl, poolSize: 4 });
// A thread that cannot reach the database fails now, and the server runs the engines itself.
await pingDatabase(store.db);
const cache = createWorkCache();
const relayed = relayingWorkCache(cache, send);
const engines = runEngines(store, relayed, { warn: (message, error) => send({ type: 'warn', message, error: errorText(error) }) });

port.on('message', (message: ToBackground) => {
  if (message.type !== 'stop') return;
  void (async () => {
    await engines.stop();
    await store.close();
    port.close();
  })();
});
send({ type: 'ready' });
