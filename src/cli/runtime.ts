/** What the data commands share: the configuration from flags and environment, and an open store. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { type Config, type ConfigOverrides, loadConfig, storeLocation } from '../config.ts';
import { DomainError } from '../core/errors.ts';
import { openStore, type Store } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

export interface DataDirOptions {
  dataDir?: string;
}

export function configFrom(options: DataDirOptions & ConfigOverrides): Config {
  return loadConfig({ dataDir: options.dataDir, port: options.port, host: options.host });
}

/** Whether the folder holds an embedded database: PGlite writes db/PG_VERSION when it creates one. */
export function holdsDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'db', 'PG_VERSION'));
}

/**
 * Refuses a data folder without a database. Opening one creates it, so a mistyped --data-dir would
 * otherwise answer from a new, empty database (and leave it behind) instead of saying so.
 */
export function requireDataFolder(config: Config): void {
  if (config.databaseUrl || holdsDatabase(config.dataDir)) return;
  throw new DomainError(
    'not_found',
    `no Atelier data folder at ${config.dataDir}: give the folder \`atelier demo\` or \`atelier serve\` made, or create one with \`atelier migrate --data-dir ${config.dataDir}\``,
  );
}

export interface StoreOptions {
  /** Create the data folder when it holds no database (`atelier migrate`); other commands refuse it. */
  create?: boolean;
  /** Apply the migrations before `fn` (default); `atelier migrate` applies them itself to report them. */
  migrate?: boolean;
}

/** Opens (and migrates) the store of an existing data folder for one command, and always closes it. */
export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>, options: StoreOptions = {}): Promise<T> {
  if (!options.create) requireDataFolder(config);
  const store = await openStore(storeLocation(config));
  try {
    if (options.migrate !== false) await migrate(store);
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
