/**
 * The workflow engine: reads the annotations made since it last looked and moves their items along
 * label → consensus → review → adjudication → accepted. It runs beside the hot path (a timer in every
 * server, one at a time across servers), never inside a claim or a submit: a submission costs what it
 * cost before, and the heavier work — consensus, agreement, gold scoring — happens here.
 */
import { scoreResult } from '../../core/quality/result-score.ts';
import { shouldPause } from '../../core/quality/qa-policy.ts';
import type { Store } from '../../store/database.ts';
import type { Db } from '../../store/database.ts';
import { setKnownAnswer, knownAnswers } from '../../store/onboarding.ts';
import { membershipsOf, poolIdsOfProject } from '../../store/pools.ts';
import { findProject } from '../../store/projects.ts';
import { goldTally, insertGoldResult } from '../../store/gold-results.ts';
import { saveItemState } from '../../store/item-states.ts';
import { type NewWork, newWork, readCursor, tryLockWorkflow, writeCursor } from '../../store/workflow.ts';
import { emitAnnotatorPaused } from '../webhooks/events.ts';
import { pausePoolMember } from '../manage-pools.ts';
import type { WorkCache } from '../work-cache.ts';
import { itemLabellers } from '../../store/task-claims.ts';
import { reopenAdjudication } from '../routing/escalate-item.ts';
import { settleItems } from './settle-item.ts';

export interface AdvanceOptions {
  /** Annotations per transaction: small, so that the embedded database is never held for long. */
  batch?: number;
  /** Only annotations at least this old are read (ids are handed out before commit). */
  settleSeconds?: number;
}

const DEFAULT_BATCH = 100;

export interface AdvanceReport {
  annotations: number;
  items: number;
  gold: number;
  paused: number;
}

/** One batch; returns what it did (zero when there was nothing, or another server holds the engine). */
export async function advanceWorkflow(store: Store, cache: WorkCache, options: AdvanceOptions = {}): Promise<AdvanceReport> {
  return store.transaction(async (tx) => {
    const report: AdvanceReport = { annotations: 0, items: 0, gold: 0, paused: 0 };
    if (!(await tryLockWorkflow(tx))) return report;
    const cursor = await readCursor(tx);
    const work = await newWork(tx, cursor, options.batch ?? DEFAULT_BATCH, options.settleSeconds ?? 1);
    if (work.length === 0) return report;
    const items = new Map<number, Set<number>>();
    for (const w of work) {
      if (w.gold) {
        report.gold++;
        if (await scoreGold(tx, w, cache)) report.paused++;
      } else if (w.stage === 'adjudicate') {
        await acceptAdjudication(tx, w);
      } else if (w.stage === 'label') {
        const ids = items.get(w.projectId) ?? new Set<number>();
        ids.add(w.itemId);
        items.set(w.projectId, ids);
      }
    }
    let settled = 0;
    for (const [projectId, ids] of items) {
      const project = await cache.project(tx, projectId);
      if (project) settled += (await settleItems(tx, project, [...ids], cache)).size;
    }
    await writeCursor(tx, work.at(-1)!.annotationId);
    return { ...report, annotations: work.length, items: settled };
  });
}

/**
 * Runs batches until the backlog is read: until a batch comes back short. Under steady load new
 * annotations keep ripening, and draining until a batch came back empty kept the engine polling
 * dozens of times a second for a handful of rows each (a fifth of the database's work at 1,000
 * submissions a second); the rest waits for the next round.
 */
export async function drainWorkflow(store: Store, cache: WorkCache, options: AdvanceOptions = {}): Promise<AdvanceReport> {
  const total: AdvanceReport = { annotations: 0, items: 0, gold: 0, paused: 0 };
  for (;;) {
    const r = await advanceWorkflow(store, cache, options);
    total.annotations += r.annotations;
    total.items += r.items;
    total.gold += r.gold;
    total.paused += r.paused;
    if (r.annotations < (options.batch ?? DEFAULT_BATCH)) return total;
  }
}

/**
 * An expert's adjudication is the item's label, and a known answer from then on (gold) — unless
 * they labelled the item. Claims no longer hand them its adjudication (notLabelledBy in
 * store/task-claims.ts), but one taken before that, and resumed since, can still be submitted:
 * the submission does not look (it is the hot path, and the task was theirs). Here, beside it, the
 * answer is kept as work done, and the task goes back to the queue for another expert
 * (reopenAdjudication); the item stays with the experts.
 */
async function acceptAdjudication(tx: Db, w: NewWork): Promise<void> {
  if (w.annotatorId !== null && (await itemLabellers(tx, w.projectId, w.itemId)).has(w.annotatorId)) {
    await reopenAdjudication(tx, w.projectId, w.itemId, w.taskId);
    return;
  }
  await saveItemState(tx, { projectId: w.projectId, itemId: w.itemId, stage: 'accepted', consensus: w.result, method: 'adjudication', confidence: 1, agreement: null, reason: 'adjudicated', acceptedAt: w.createdAt });
  await setKnownAnswer(tx, w.projectId, w.itemId, w.result, 'adjudication', w.annotatorId);
}

/** Scores a gold answer; pauses the annotator when their accuracy falls under the project's bar. Returns whether it paused. */
async function scoreGold(tx: Db, w: NewWork, cache: WorkCache): Promise<boolean> {
  const project = await cache.project(tx, w.projectId);
  if (!project) return false;
  const known = (await knownAnswers(tx, w.projectId, [w.itemId])).get(w.itemId);
  if (!known) return false;
  const schema = await cache.schema(tx, w.projectId, project.schemaVersion);
  const { score } = scoreResult(w.result, known, schema);
  const policy = project.qaPolicy;
  await insertGoldResult(tx, { projectId: w.projectId, itemId: w.itemId, annotationId: w.annotationId, annotatorId: w.annotatorId, poolId: w.poolId, score, passed: score >= policy.goldPassScore, answeredAt: w.createdAt });
  if (w.annotatorId === null) return false;
  const tally = await goldTally(tx, w.projectId, w.annotatorId);
  if (!shouldPause(policy, tally)) return false;
  const projectPools = new Set(await poolIdsOfProject(tx, w.projectId));
  const memberships = (await membershipsOf(tx, w.annotatorId)).filter((m) => !m.membership.paused && (projectPools.has(m.pool.id) || m.pool.kind === 'in_house'));
  const accuracy = tally.passed / tally.answered;
  const reason = `gold accuracy ${accuracy.toFixed(2)} below ${policy.goldMinAccuracy.toFixed(2)} over ${tally.answered} gold tasks in ${project.name}`;
  for (const m of memberships) {
    await pausePoolMember(tx, null, m.pool.id, w.annotatorId, reason);
    await emitAnnotatorPaused(tx, { projectId: w.projectId, userId: w.annotatorId, poolId: m.pool.id, reason, details: { ...tally, accuracy }, pausedAt: new Date() });
  }
  cache.forgetWorkforce();
  return memberships.length > 0;
}

/** The engine on a timer in a server; `stop` waits for the round in progress. */
export function startWorkflowEngine(store: Store, cache: WorkCache, options: AdvanceOptions & { intervalMs?: number; onError?: (error: unknown) => void } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await drainWorkflow(store, cache, options);
      } catch (error) {
        options.onError?.(error);
      }
    });
  }, options.intervalMs ?? 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
