/**
 * Load loops: N simulated annotators claiming and submitting, either over HTTP against a server or
 * with the same SQL straight on the database (the baseline), for a fixed time after a warm-up.
 */
import type { Project } from '../core/projects.ts';
import type { Store } from '../store/database.ts';
import { completeTaskWithAnnotation } from '../store/annotations.ts';
import { claimTask } from '../store/task-claims.ts';
import { httpClient } from './http-client.ts';
import { Latencies } from './latency.ts';
import type { BenchAnnotator } from './populate.ts';

export interface LoadResult {
  cycles: number;
  seconds: number;
  cyclesPerSecond: number;
  claim: Latencies;
  cycle: Latencies;
  errors: number;
}

const RESULT = { choices: { sentiment: ['positive'] }, regions: [] };

async function runLoop(annotators: BenchAnnotator[], warmupMs: number, durationMs: number, cycle: (a: BenchAnnotator, claim: Latencies) => Promise<boolean>): Promise<LoadResult> {
  const claim = new Latencies();
  const cycleLatency = new Latencies();
  let cycles = 0;
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  const warm = new Latencies();
  await Promise.all(
    annotators.map(async (a) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const measuring = t0 >= measureFrom;
        try {
          const more = await cycle(a, measuring ? claim : warm);
          if (!more) return;
          if (measuring && performance.now() <= end) {
            cycles++;
            cycleLatency.add(performance.now() - t0);
          }
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (Math.min(performance.now(), end) - measureFrom) / 1000;
  return { cycles, seconds, cyclesPerSecond: cycles / seconds, claim, cycle: cycleLatency, errors };
}

/** The baseline: the claim and submit statements sent straight to the database by 32 workers. */
export function runSqlLoad(store: Store, project: Project, annotators: BenchAnnotator[], warmupMs: number, durationMs: number): Promise<LoadResult> {
  return runLoop(annotators, warmupMs, durationMs, async (a, claim) => {
    const t0 = performance.now();
    const claimed = await claimTask(store.db, { projectId: project.id, userId: a.actor.user.id, stage: 'label', leaseSeconds: 900, holding: [], contexts: [{ poolId: null, memberRole: null, limits: null }] });
    claim.add(performance.now() - t0);
    if (!claimed) return false;
    const done = await completeTaskWithAnnotation(store.db, {
      projectId: project.id,
      taskId: claimed.task.id,
      userId: a.actor.user.id,
      schemaVersion: claimed.schemaVersion,
      guidelinesVersion: claimed.guidelinesVersion,
      result: RESULT,
      timeSpentMs: 1000,
      clientToken: null,
    });
    if (!done) throw new Error('submit refused');
    return true;
  });
}

/** The real thing: each annotator claims and submits over HTTP with its API token. */
export async function runHttpLoad(url: string, projectId: number, annotators: BenchAnnotator[], warmupMs: number, durationMs: number): Promise<LoadResult> {
  const client = httpClient(url);
  const claimBody = '{}';
  try {
    return await runLoop(annotators, warmupMs, durationMs, async (a, claim) => {
      const headers = { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' };
      const t0 = performance.now();
      const next = await client.post(`/api/v1/projects/${projectId}/tasks/next`, headers, claimBody);
      claim.add(performance.now() - t0);
      if (next.status === 204) return false;
      if (next.status !== 200) throw new Error(`claim answered ${next.status}: ${next.body}`);
      const { task, schemaVersion } = JSON.parse(next.body) as { task: { id: number }; schemaVersion: number };
      const submit = await client.post(`/api/v1/tasks/${task.id}/annotations`, headers, JSON.stringify({ result: RESULT, schemaVersion, timeSpentMs: 1000 }));
      if (submit.status !== 201) throw new Error(`submit answered ${submit.status}: ${submit.body}`);
      return true;
    });
  } finally {
    client.close();
  }
}
