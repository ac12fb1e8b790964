/**
 * Configuration, read once at start-up from the environment and the command line, validated and
 * typed. Nothing else in Atelier reads process.env.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DomainError } from './core/errors.ts';
import { type S3Config, s3ConfigFromEnv } from './storage/s3/presign.ts';

const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  ATELIER_DATA_DIR: z.string().min(1).optional(),
  ATELIER_FILES_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  ATELIER_SESSION_HOURS: z.coerce.number().positive().max(24 * 90).optional(),
  ATELIER_COOKIE_SECURE: z.enum(['true', 'false', 'auto']).optional(),
  ATELIER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ATELIER_LEASE_SWEEP_SECONDS: z.coerce.number().positive().optional(),
  ATELIER_BODY_LIMIT_MB: z.coerce.number().positive().max(1024).optional(),
  ATELIER_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().optional(),
  ATELIER_DEBUG: z.string().optional(),
  ATELIER_JOB_WORKER: z.enum(['true', 'false']).optional(),
  ATELIER_S3_ENDPOINT: z.string().url().optional(),
  ATELIER_ALLOWED_ORIGINS: z.string().optional(),
  ATELIER_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().optional(),
  ATELIER_RETENTION_SWEEP_MINUTES: z.coerce.number().positive().optional(),
  TEST_DATABASE_URL: z.string().optional(),
});

export interface Config {
  /** PostgreSQL server URL; null means the embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Where item files and thumbnails are kept. */
  filesDir: string;
  host: string;
  port: number;
  sessionHours: number;
  cookieSecure: boolean | 'auto';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  leaseSweepSeconds: number;
  bodyLimitBytes: number;
  loginRatePerMinute: number;
  debug: boolean;
  /** Where export files are written (and downloaded from): `<dataDir>/exports`. */
  exportsDir: string;
  /** Where uploaded import files wait for their job: `<dataDir>/uploads`. */
  uploadsDir: string;
  /** S3-compatible object storage for `s3://` item content; null when no credentials are set. */
  s3: S3Config | null;
  /** Whether this server drains the background job queue (ATELIER_JOB_WORKER=false turns it off). */
  jobWorker: boolean;
  /** Origins whose pages may act with a session cookie besides the server's own (a proxy that rewrites Host). */
  allowedOrigins: string[];
  /** Refused passwords or tokens one address may present per minute before it must wait. */
  authFailuresPerMinute: number;
  /** How often the retention sweep erases expired items. */
  retentionSweepMinutes: number;
}

export interface ConfigOverrides {
  dataDir?: string;
  port?: number;
  host?: string;
  databaseUrl?: string | null;
  logLevel?: Config['logLevel'];
}

export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO=) means "not set", as shells and CI systems write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('invalid_input', `environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(overrides.dataDir ?? e.ATELIER_DATA_DIR ?? 'atelier-data');
  const secure = e.ATELIER_COOKIE_SECURE ?? 'auto';
  return {
    databaseUrl: overrides.databaseUrl !== undefined ? overrides.databaseUrl : (e.DATABASE_URL ?? null),
    dataDir,
    filesDir: resolve(e.ATELIER_FILES_DIR ?? resolve(dataDir, 'files')),
    host: overrides.host ?? e.HOST ?? '127.0.0.1',
    port: overrides.port ?? e.PORT ?? 8080,
    sessionHours: e.ATELIER_SESSION_HOURS ?? 12,
    cookieSecure: secure === 'auto' ? 'auto' : secure === 'true',
    logLevel: overrides.logLevel ?? e.ATELIER_LOG_LEVEL ?? 'warn',
    leaseSweepSeconds: e.ATELIER_LEASE_SWEEP_SECONDS ?? 5,
    bodyLimitBytes: Math.round((e.ATELIER_BODY_LIMIT_MB ?? 50) * 1024 * 1024),
    loginRatePerMinute: e.ATELIER_LOGIN_RATE_PER_MINUTE ?? 10,
    debug: Boolean(e.ATELIER_DEBUG),
    exportsDir: resolve(dataDir, 'exports'),
    uploadsDir: resolve(dataDir, 'uploads'),
    s3: s3ConfigFromEnv(env),
    jobWorker: e.ATELIER_JOB_WORKER !== 'false',
    allowedOrigins: allowedOrigins(e.ATELIER_ALLOWED_ORIGINS),
    authFailuresPerMinute: e.ATELIER_AUTH_FAILURES_PER_MINUTE ?? 30,
    retentionSweepMinutes: e.ATELIER_RETENTION_SWEEP_MINUTES ?? 60,
  };
}

/** `https://a.example, https://b.example` → their origins; anything else names the variable. */
function allowedOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').map((part) => {
    const text = part.trim();
    let origin: string | null = null;
    try {
      origin = new URL(text).origin;
    } catch {
      // reported below
    }
    if (!origin || origin === 'null') throw new DomainError('invalid_input', `environment variable ATELIER_ALLOWED_ORIGINS: "${text}" is not an origin such as https://atelier.example.org`);
    return origin;
  });
}

/** Where the store lives for this configuration. */
export function storeLocation(config: Config): { engine: 'postgres'; url: string } | { engine: 'pglite'; dataDir: string } {
  return config.databaseUrl ? { engine: 'postgres', url: config.databaseUrl } : { engine: 'pglite', dataDir: config.dataDir };
}
