/**
 * `atelier bench --scenario queues`: how long a reviewer and an expert wait for their queues on a
 * finished project of 1,000,000 annotations by default (`--items N`; three per item), with one
 * item in a hundred waiting for review and one in two hundred for the experts; and the count of
 * items per stage that the quality index shows for each project. The screens ask
 * for a page of the queue after every decision, and on the embedded database a slow look holds
 * its one connection, so every annotator waits with them.
 */
import { reviewQueueCount } from '../../services/quality/queue-pages.ts';
import { readableQueuePage } from '../../services/quality/readable-queue.ts';
import { createWorkCache } from '../../services/work-cache.ts';
import { insertPool, setProjectPools, upsertMember } from '../../store/pools.ts';
import { insertUser } from '../../store/users.ts';
import { recentChoiceAnswers } from '../../store/quality-answers.ts';
import { listReviewQueue } from '../../store/reviews.ts';
import { itemsInStage, stageCounts } from '../../store/stage-counts.ts';
import { addSmallProject, withFinishedProject } from '../finished-project.ts';
import { ownRssMb } from '../server-process.ts';
import type { BenchResult, BenchScenario } from '../types.ts';
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';

const RUNS = 20;
/** Annotations of the small project beside the large one. */
const SMALL = 3_000;

export const queuesScenario: BenchScenario = {
  name: 'queues',
  description: 'time of a page of the review and adjudication queues on a finished project of N annotations',
  async run(options) {
    return withFinishedProject(options, { end: new Date(), days: 90, reviewEvery: 100, adjudicationEvery: 200 }, async (store, project, history) => {
      const results: BenchResult[] = [];
      const time = async (what: string, page: number, fn: () => Promise<unknown[]>) => {
        const runs: number[] = [];
        let shown = 0;
        for (let i = 0; i <= RUNS; i++) {
          const start = performance.now();
          shown = (await fn()).length;
          if (i > 0) runs.push(performance.now() - start);
        }
        runs.sort((a, b) => a - b);
        const p50 = runs[Math.floor(runs.length / 2)]!;
        options.log(`  ${what}: ${shown} items, p50 ${p50.toFixed(1)} ms`);
        results.push({
          scenario: 'queues', db: options.db, items: history.annotations, concurrency: 1, value: Number(p50.toFixed(1)), unit: 'ms',
          baseline: null, ratio: null, p50_ms: Number(p50.toFixed(1)), p99_ms: Number(runs.at(-1)!.toFixed(1)), rss_mb: ownRssMb(), what, page, shown,
        });
      };
      await time('review queue page', 20, () => listReviewQueue(store.db, project.id, 20));
      // A vendor's own reviewer sees only items where their pool's work waits. Every item in review
      // is the first pool's: its reviewer's page, and that of a pool with nothing in review (which
      // looks at every item in review to find so).
      await time('review queue page, one pool’s work', 20, () => listReviewQueue(store.db, project.id, 20, null, [history.pools[0]!]));
      await time('review queue page, a pool with nothing in review', 20, () => listReviewQueue(store.db, project.id, 20, null, [history.pools[1]!]));
      await time('adjudication queue page', 50, () => itemsInStage(store.db, project.id, 'adjudication', 50));
      // A reader whose pools may not see the head of the queue walks on past it, chunk by chunk.
      const head = await listReviewQueue(store.db, project.id, 500);
      const walkedPast = head.at(-1)?.itemId ?? null;
      await time('review queue chunk after 500 items', 20, () => listReviewQueue(store.db, project.id, 20, walkedPast));
      const expertHead = await itemsInStage(store.db, project.id, 'adjudication', 500);
      await time('adjudication queue chunk after 500 items', 50, () => itemsInStage(store.db, project.id, 'adjudication', 50, expertHead.at(-1)?.itemId ?? null));
      // The worst look: a reader whose pools may see none of the first 1,000 waiting items (the
      // access check itself, a lookup per item, is left out: this is the walk through the queue).
      await time('review queue walk of 1,000 entries nobody may see', 0, async () =>
        (await readableQueuePage({ fetch: (after, size) => listReviewQueue(store.db, project.id, size, after), itemIdOf: (e) => e.itemId, read: async () => null, limit: 20 })).entries,
      );
      // The quality page's window of latest answers, for everyone and for one pool's reader (the third pool, 10 % of items).
      await time('latest 20,000 answers', 0, () => recentChoiceAnswers(store.db, project.id, 20_000));
      await time('latest 20,000 answers of one pool', 0, () => recentChoiceAnswers(store.db, project.id, 20_000, [history.pools[2]!]));
      // The same walk with the access checks: a reviewer of an in-house pool (which sees every pool's
      // work) cleared for public items only, while every item is internal.
      const outsider = await outsideReviewer(store.db, project.id, history.pools);
      const cache = createWorkCache();
      await time('review queue count for a reader who may see none (1,000 entries, access checked)', 0, async () =>
        [await reviewQueueCount(store.db, { actor: outsider, projectId: project.id, limit: 100 }, cache)],
      );
      // What the quality index asks of each project: a count per stage over all its settled items.
      await time('stage counts', 0, async () => [await stageCounts(store.db, project.id)]);
      // The quality page's, which also splits the items in review: waiting for a reviewer or for rework.
      await time('stage counts with the review split', 0, async () => [await stageCounts(store.db, project.id, { splitReview: true })]);
      // A small project in the same database, looked at after the large one's looks above: a
      // statement prepared with the project bound got, after five runs, one plan for both.
      const small = await addSmallProject(store, SMALL, { end: new Date(), days: 90, reviewEvery: 100, adjudicationEvery: 200 });
      await time(`latest answers of a project of ${SMALL.toLocaleString('en')} beside it`, 0, () => recentChoiceAnswers(store.db, small.id, 20_000));
      await time('its stage counts with the review split', 0, async () => [await stageCounts(store.db, small.id, { splitReview: true })]);
      return results;
    });
  },
};

/** A reviewer of an in-house pool, which reviews every pool's work, that may see none of the (internal) items. */
async function outsideReviewer(db: Db, projectId: number, pools: number[]): Promise<Actor> {
  const pool = await insertPool(db, {
    key: 'public-only', name: 'public only', kind: 'in_house', vendor: null, costModel: null, skills: [], capacityHoursPerWeek: null, timeZone: null, sla: {},
    clearance: 'public', regions: ['*'], languages: ['*'],
  });
  await setProjectPools(db, projectId, [...pools, pool.id]);
  const user = await insertUser(db, { email: 'outside-reviewer@bench.local', name: 'outside reviewer', role: 'annotator', passwordHash: null });
  await upsertMember(db, pool.id, user.id, 'reviewer');
  return { user, via: 'session', scopes: null };
}
