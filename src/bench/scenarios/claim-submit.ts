/**
 * `atelier bench --scenario claim-submit`: 32 simulated annotators claim and submit over HTTP on a
 * project of 1,000,000 items (`--items`). The baseline is the same claim and submit statements sent
 * straight to the database by 32 workers, in the same run; ratio = HTTP cycles/s ÷ baseline.
 * `--flag seconds=N` sets the measured time of each phase (default 20). Each phase starts on a
 * vacuumed queue: a phase leaves tens of thousands of finished tasks behind, whose dead entries at
 * the front of the queue index the next phase would otherwise walk (the PostgreSQL server here runs
 * with autovacuum off; on a default server autovacuum clears them), and on analysed tables.
 */
import { runRoutingComparison } from '../routing-comparison.ts';
import { createScratchDatabase } from '../scratch-database.ts';
import { runHttpLoad, runSqlLoad } from '../load.ts';
import { finishPopulation, makeAnnotators, populateProject } from '../populate.ts';
import { startServerProcess } from '../server-process.ts';
import { vacuumTable } from '../../store/maintenance.ts';
import type { BenchResult, BenchScenario } from '../types.ts';

export const CONCURRENCY = 32;

export const claimSubmitScenario: BenchScenario = {
  name: 'claim-submit',
  description: '32 annotators claim and submit over HTTP on a project of 1,000,000 items; baseline: the same SQL without HTTP',
  async run(options) {
    if (options.flags.routing) return runRoutingComparison(options, CONCURRENCY);
    const items = options.items ?? 1_000_000;
    const seconds = Number(options.flags.seconds ?? 20);
    const scratch = await createScratchDatabase(options.db, options.databaseUrl);
    try {
      const store = await scratch.open();
      options.log(`populating ${items} items on ${options.db} …`);
      const project = await populateProject(store, { name: 'bench', items, log: options.log });
      const annotators = await makeAnnotators(store, CONCURRENCY);
      await finishPopulation(store);
      await vacuumTable(store.db, 'public', 'tasks', true);
      options.log(`baseline: the same SQL, ${CONCURRENCY} workers, ${seconds} s …`);
      const sql = await runSqlLoad(store, project, annotators, 2000, seconds * 1000);
      await vacuumTable(store.db, 'public', 'tasks', true);
      // The baseline left annotations behind in a table last analysed empty: the workflow engine's
      // reads would be planned as scans of the whole table until a vacuum round (30 s) analysed it.
      await vacuumTable(store.db, 'public', 'annotations', true);
      await store.close();

      options.log(`HTTP: ${CONCURRENCY} annotators against a server process, ${seconds} s …`);
      const server = await startServerProcess({ dataDir: scratch.dataDir, databaseUrl: scratch.url });
      let peakRss = server.rssMb();
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMb())), 250);
      const http = await runHttpLoad(server.url, project.id, annotators, 3000, seconds * 1000).finally(() => clearInterval(sampler));
      await server.stop();
      if (http.errors > 0 || sql.errors > 0) options.log(`errors: http ${http.errors}, sql ${sql.errors}`);
      const result: BenchResult = {
        scenario: 'claim-submit',
        db: options.db,
        items,
        concurrency: CONCURRENCY,
        value: Math.round(http.cyclesPerSecond),
        unit: 'cycles/s',
        baseline: Math.round(sql.cyclesPerSecond),
        ratio: Number((http.cyclesPerSecond / sql.cyclesPerSecond).toFixed(3)),
        p50_ms: http.claim.percentile(50),
        p99_ms: http.claim.percentile(99),
        rss_mb: Math.round(peakRss),
        cycle_p50_ms: http.cycle.percentile(50),
        cycle_p99_ms: http.cycle.percentile(99),
        baseline_claim_p99_ms: sql.claim.percentile(99),
        errors: http.errors,
        target: options.db === 'postgres' ? '>= 1000 cycles/s, ratio >= 0.5' : '>= 500 cycles/s, ratio >= 0.5, rss <= 600 MB',
      };
      return [result];
    } finally {
      await scratch.drop();
    }
  },
};
