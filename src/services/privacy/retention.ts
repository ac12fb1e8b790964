/**
 * Retention: a project may keep its items for a number of days; the sweep erases what is older,
 * exactly as an erasure request would (tombstones included), and removes long-dead sessions.
 * Every server runs it on a timer.
 */
import { listRetentionPeriods } from '../../store/privacy.ts';
import type { Db } from '../../store/database.ts';
import { countItemsCreatedBefore, type ExpiredCounts, itemIdsCreatedBefore, scrubDeletedRows } from '../../store/privacy-erasure.ts';
import { countDeadSessions, deleteDeadSessions } from '../../store/privacy-sessions.ts';
import { type Repeating, repeatEvery } from '../audit/repeat.ts';
import { CONTENT_TABLES, type ErasureContext, type ErasureReport, eraseItems } from './erase-items.ts';

const DAY_MS = 86_400_000;
const PAGE = 2000;
/** Ended sessions keep their address and browser name this long, for the sign-in history. */
export const DEAD_SESSION_DAYS = 30;

export interface SweepReport extends ErasureReport {
  projects: number;
  sessions: number;
}

/** What a sweep at `now` would erase: each project's expired items with their tasks, annotations and reviews. */
export interface SweepPreview extends ExpiredCounts {
  projects: { projectId: number; retentionDays: number; counts: ExpiredCounts }[];
  sessions: number;
}

const expiredBefore = (now: Date, retentionDays: number): Date => new Date(now.getTime() - retentionDays * DAY_MS);

/** Counts what sweepExpired(now) would erase, erasing nothing (`atelier erase --expired --dry-run`). */
export async function previewExpired(db: Db, now: Date): Promise<SweepPreview> {
  const preview: SweepPreview = { items: 0, tasks: 0, annotations: 0, reviews: 0, projects: [], sessions: 0 };
  for (const { projectId, retentionDays } of await listRetentionPeriods(db)) {
    const counts = await countItemsCreatedBefore(db, projectId, expiredBefore(now, retentionDays));
    if (counts.items === 0) continue;
    preview.projects.push({ projectId, retentionDays, counts });
    for (const k of ['items', 'tasks', 'annotations', 'reviews'] as const) preview[k] += counts[k];
  }
  preview.sessions = await countDeadSessions(db, expiredBefore(now, DEAD_SESSION_DAYS));
  return preview;
}

/**
 * Erases every item past its project's retention period, `now` deciding what is past. Two servers
 * sweeping at once do no harm: each item is locked while it is erased, and the second finds it gone.
 */
export async function sweepExpired(ctx: ErasureContext, now: Date, options: { batchSize?: number; scrub?: 'auto' | 'always' | 'never' } = {}): Promise<SweepReport> {
  const total: SweepReport = { items: 0, tasks: 0, annotations: 0, reviews: 0, files: 0, exports: 0, webhookDeliveries: 0, outside: [], scrubbed: false, projects: 0, sessions: 0 };
  for (const { projectId, retentionDays } of await listRetentionPeriods(ctx.store.db)) {
    const before = expiredBefore(now, retentionDays);
    let erasedHere = 0;
    for (;;) {
      const ids = await itemIdsCreatedBefore(ctx.store.db, projectId, before, PAGE);
      if (ids.length === 0) break;
      const report = await eraseItems(ctx, ids, { actor: null, basis: 'retention', scrub: 'never', batchSize: options.batchSize });
      for (const k of ['items', 'tasks', 'annotations', 'reviews', 'files', 'exports', 'webhookDeliveries'] as const) total[k] += report[k];
      total.outside.push(...report.outside);
      erasedHere += report.items;
      // Another sweep took this page: the next read gives what is left.
      if (report.items === 0 && ids.length < PAGE) break;
    }
    if (erasedHere > 0) total.projects++;
  }
  total.sessions = await deleteDeadSessions(ctx.store.db, expiredBefore(now, DEAD_SESSION_DAYS));
  const scrub = options.scrub ?? 'auto';
  if (total.items > 0 && (scrub === 'always' || (scrub === 'auto' && ctx.store.engine === 'pglite'))) {
    await scrubDeletedRows(ctx.store.db, CONTENT_TABLES);
    total.scrubbed = true;
  }
  return total;
}

/** Sweeps on a timer (hourly by default) until stopped; the first turn comes after one interval. */
export function startRetentionSweep(ctx: ErasureContext, options: { intervalMs?: number; onError?: (error: unknown) => void; onSweep?: (report: SweepReport) => void } = {}): Repeating {
  return repeatEvery(options.intervalMs ?? 3_600_000, async () => options.onSweep?.(await sweepExpired(ctx, new Date())), options.onError);
}
