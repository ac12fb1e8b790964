/**
 * `atelier bench --scenario analytics`: the time of a project's cost, speed and quality report
 * (the analytics page and `atelier report`) on a finished project of 1,000,000 annotations by
 * default (`--items N`): three per item from three pools over 90 days, with reviews, gold scores
 * and workflow verdicts made in the database. Also the time of one grouping (per pool), what the
 * dashboard asks first, of what the analytics page asks at once, and the report of a small project
 * in the same database.
 */
import { projectAnalytics, projectReport } from '../../services/analytics/project-report.ts';
import { projectVelocity } from '../../services/analytics/velocity.ts';
import { addSmallProject, withFinishedProject } from '../finished-project.ts';
import { ownRssMb } from '../server-process.ts';
import type { BenchResult, BenchScenario } from '../types.ts';

/** Annotations of the small project beside the large one. */
const SMALL = 9_000;

export const analyticsScenario: BenchScenario = {
  name: 'analytics',
  description: 'time of the project report and of one grouping on a finished project of N annotations',
  async run(options) {
    const end = new Date();
    return withFinishedProject(options, { end, days: 90 }, async (store, project, history) => {
      const results: BenchResult[] = [];
      const time = async (what: string, fn: () => Promise<unknown>, items = history.annotations) => {
        const runs: number[] = [];
        for (let i = 0; i < 2; i++) {
          const start = performance.now();
          await fn();
          runs.push((performance.now() - start) / 1000);
          options.log(`  ${what}: ${runs.at(-1)!.toFixed(2)} s`);
        }
        results.push({
          scenario: 'analytics', db: options.db, items, concurrency: 1, value: Number(Math.min(...runs).toFixed(2)), unit: 's',
          baseline: null, ratio: null, p50_ms: null, p99_ms: null, rss_mb: ownRssMb(), what, runs_s: runs.map((r) => Number(r.toFixed(2))),
        });
      };
      await time('report', () => projectReport(store.db, { id: project.id, name: project.name }, { now: end }));
      await time('by pool', () => projectAnalytics(store.db, { id: project.id, name: project.name }, [['pool']], { now: end }));
      await time('velocity (weeks and what is left)', () => projectVelocity(store.db, project.id, { now: end }));
      // What the analytics page asks at once: both its groupings in one request, and the velocity.
      await time('analytics page (per pool, per pool and day, velocity)', () =>
        Promise.all([
          projectAnalytics(store.db, { id: project.id, name: project.name }, [['pool'], ['pool', 'day']], { now: end }),
          projectVelocity(store.db, project.id, { now: end }),
        ]),
      );
      // A small project beside the large one: its statements are planned on its own few rows, where
      // a misestimate once made every item rescan the project's aggregates (quadratic).
      const small = await addSmallProject(store, SMALL, { end, days: 90 });
      await time(`report of a project of ${SMALL.toLocaleString('en')} annotations beside it`, () => projectReport(store.db, { id: small.id, name: small.name }, { now: end }), SMALL);
      return results;
    });
  },
};
