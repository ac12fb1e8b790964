/** One measured figure, printed as one JSON line by `atelier bench --json`. */
export interface BenchResult {
  scenario: string;
  db: 'pglite' | 'postgres' | 'none';
  items: number;
  concurrency: number;
  value: number;
  unit: string;
  /** The same work measured in the same run by the nearest limit (null when there is none). */
  baseline: number | null;
  /** value / baseline, or null. */
  ratio: number | null;
  p50_ms: number | null;
  p99_ms: number | null;
  rss_mb: number;
  /** Anything else a scenario reports (data set, method, published figure, target...). */
  [extra: string]: unknown;
}

export interface BenchOptions {
  db: 'pglite' | 'postgres';
  /** The PostgreSQL server to use with `db: 'postgres'` (a scratch database is made on it). */
  databaseUrl: string | null;
  items: number | undefined;
  /** Scenario-specific switches, e.g. `routing` for claim-submit. */
  flags: Record<string, string | boolean>;
  /** Progress for humans, on stderr. */
  log: (message: string) => void;
}

export interface BenchScenario {
  name: string;
  description: string;
  run(options: BenchOptions): AsyncIterable<BenchResult> | Promise<BenchResult[]>;
}
