/** What the data commands share: the configuration from flags and environment, and an open store. */
import cliProgress from 'cli-progress';
import { type Config, type ConfigOverrides, loadConfig, storeLocation } from '../config.ts';
import { openStore, type Store } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

export interface DataDirOptions {
  dataDir?: string;
}

export function configFrom(options: DataDirOptions & ConfigOverrides): Config {
  return loadConfig({ dataDir: options.dataDir, port: options.port, host: options.host });
}

/** Opens (and migrates) the store for one command, and always closes it. */
export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeLocation(config));
  try {
    await migrate(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got "${value}"`);
  return port;
}

export interface Progress {
  update(done: number, total: number | null, phase: string): void;
  stop(): void;
}

/** A progress bar on a terminal; occasional plain lines otherwise (logs, CI). */
export function progressBar(label: string): Progress {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(done, total, phase) {
        const now = Date.now();
        if (now - last < 2000 && done !== total) return;
        last = now;
        process.stderr.write(`${label}: ${phase} ${done}${total ? `/${total}` : ''}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} {phase} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let currentTotal = 0;
  return {
    update(done, total, phase) {
      const t = total ?? Math.max(done, 1);
      if (!started) {
        bar.start(t, done, { phase });
        started = true;
        currentTotal = t;
      } else if (t !== currentTotal) {
        bar.setTotal(t);
        currentTotal = t;
      }
      bar.update(done, { phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
