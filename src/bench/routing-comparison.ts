/**
 * `atelier bench --scenario claim-submit --routing`: the same 32 annotators' claim–submit loop over
 * HTTP on two projects of one database — one unrouted, one routed over 10 pools by 5 rules with the
 * hard limits checked in every claim. value = routed cycles/s, baseline = unrouted cycles/s, in the
 * same run; target ratio ≥ 0.8.
 */
import type { Project } from '../core/projects.ts';
import type { RoutingPolicy } from '../core/routing/policy.ts';
import type { Actor } from '../core/users.ts';
import type { Pool, Sensitivity } from '../core/workforce.ts';
import { createApiToken } from '../services/manage-users.ts';
import { addPoolMember, createPool } from '../services/manage-pools.ts';
import { createProject } from '../services/create-project.ts';
import { setRoutingPolicy } from '../services/routing/set-routing-policy.ts';
import { loadTaskPlanner } from '../services/routing/task-planner.ts';
import type { Store } from '../store/database.ts';
import { saveQaPolicy } from '../store/workflow.ts';
import { qaPolicyOf } from '../core/quality/qa-policy.ts';
import { updatePrivacySettings } from '../services/privacy/project-privacy.ts';
import { DEFAULT_PRIVACY } from '../services/privacy/privacy-settings.ts';
import { insertItemsWithTasks, type NewItemRecord } from '../store/items.ts';
import { insertUser } from '../store/users.ts';
import { type LoadResult, runHttpLoad } from './load.ts';
import { Latencies } from './latency.ts';
import { BENCH_SCHEMA, type BenchAnnotator, finishPopulation, makeAnnotators, populateProject } from './populate.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { startServerProcess } from './server-process.ts';
import type { BenchOptions, BenchResult } from './types.ts';

const SYSTEM: Actor = { user: { id: 0, email: 'bench@atelier', name: 'bench', role: 'admin', disabled: false, createdAt: new Date(0) }, via: 'system', scopes: null };
const base = { vendor: null, costModel: null, skills: [], capacityHoursPerWeek: null, timeZone: null, sla: {} };

const POOLS: Omit<Pool, 'id'>[] = [
  { ...base, key: 'ih1', name: 'In-house 1', kind: 'in_house', clearance: 'restricted', regions: ['*'], languages: ['*'] },
  { ...base, key: 'ih2', name: 'In-house 2', kind: 'in_house', clearance: 'confidential', regions: ['eu'], languages: ['*'] },
  { ...base, key: 'vfr', name: 'Vendor FR', kind: 'vendor', clearance: 'internal', regions: ['eu'], languages: ['fr'] },
  ...[1, 2, 3, 4].map((k): Omit<Pool, 'id'> => ({ ...base, key: `v${k}`, name: `Vendor ${k}`, kind: 'vendor', clearance: 'internal', regions: ['eu', 'us', 'in'], languages: ['en'] })),
  ...[1, 2, 3].map((k): Omit<Pool, 'id'> => ({ ...base, key: `cr${k}`, name: `Crowd ${k}`, kind: 'crowd', clearance: 'public', regions: ['*'], languages: ['en'] })),
];

const POLICY: RoutingPolicy = {
  rules: [
    { name: 'edge cases to experts', when: { edgeCase: true }, to: [{ pool: 'ih1', weight: 1, role: 'expert' }], priority: 10 },
    { name: 'confidential in-house', when: { sensitivityAtLeast: 'confidential' }, to: [{ pool: 'ih1', weight: 1 }, { pool: 'ih2', weight: 1 }] },
    { name: 'French to the French vendor', when: { language: ['fr'] }, to: [{ pool: 'vfr', weight: 1 }] },
    { name: 'public to the crowd', when: { sensitivity: ['public'] }, to: [1, 2, 3].map((k) => ({ pool: `cr${k}`, weight: 1 })) },
    { name: 'the rest to vendors', when: {}, to: [1, 2, 3, 4].map((k) => ({ pool: `v${k}`, weight: k })), priorityByUncertainty: true },
  ],
};

/** Which pool each of the 32 annotators works in (and the one expert). */
const MEMBERS: [string, 'annotator' | 'expert'][] = [
  ['ih1', 'expert'], ['ih1', 'annotator'], ['ih1', 'annotator'], ['ih1', 'annotator'],
  ['ih2', 'annotator'], ['ih2', 'annotator'], ['ih2', 'annotator'],
  ['vfr', 'annotator'], ['vfr', 'annotator'], ['vfr', 'annotator'],
  ...[1, 2, 3, 4].flatMap((k) => [0, 1, 2].map((): [string, 'annotator'] => [`v${k}`, 'annotator'])),
  ...[1, 2, 3].flatMap((k) => [0, 1, 2].map((): [string, 'annotator'] => [`cr${k}`, 'annotator'])),
  ['v4', 'annotator'],
];

const SENSITIVITY: Sensitivity[] = ['internal', 'public', 'internal', 'internal', 'confidential', 'public', 'internal', 'restricted', 'internal', 'public'];
const REGIONS = ['eu', 'us', 'in', 'eu', null] as const;

export async function populateRouted(store: Store, items: number, log: (m: string) => void): Promise<{ project: Project; annotators: BenchAnnotator[] }> {
  const pools = await store.transaction(async (tx) => Promise.all(POOLS.map((p) => createPool(tx, SYSTEM, p))));
  const project = await store.transaction((tx) =>
    createProject(tx, { name: 'routed', itemKind: 'text', overlap: 1, schema: BENCH_SCHEMA, createdBy: null }),
  );
  await store.transaction((tx) => setRoutingPolicy(tx, { actor: SYSTEM, project, policy: POLICY }));
  // What is measured is routing: review sampling and redaction (which the unrouted staff project does
  // not get either) are switched off here, so that both projects do the same work per label.
  await saveQaPolicy(store.db, project.id, qaPolicyOf({ reviewRates: { in_house: 0, vendor: 0, crowd: 0, staff: 0 } }));
  await store.transaction((tx) => updatePrivacySettings(tx, SYSTEM, project.id, { ...DEFAULT_PRIVACY, redactPoolKinds: [], maskPoolKinds: [] }));
  const planner = await loadTaskPlanner(store.db, project);
  const batch = 10_000;
  for (let done = 0; done < items; done += batch) {
    const records = Array.from({ length: Math.min(batch, items - done) }, (_, k): NewItemRecord => {
      const i = done + k;
      return {
        externalId: null,
        kind: 'text',
        contentUri: null,
        text: `Sentence ${i}: the courier was friendly but the parcel was late.`,
        mimeType: 'text/plain',
        width: null,
        height: null,
        metadata: {},
        sensitivity: SENSITIVITY[i % SENSITIVITY.length]!,
        region: REGIONS[i % REGIONS.length]!,
        language: i % 13 === 0 ? 'fr' : 'en',
        tags: [],
        edgeCase: i % 97 === 0,
        modelConfidence: (i % 100) / 100,
      };
    });
    await insertItemsWithTasks(store.db, project.id, records, records.map((r, k) => planner.slots({ ...r, confidence: r.modelConfidence ?? null, position: done + k }, done + k)));
    if ((done / batch) % 10 === 9) log(`  routed: ${done + records.length} items`);
  }
  const annotators: BenchAnnotator[] = [];
  for (const [i, [poolKey, role]] of MEMBERS.entries()) {
    const user = await insertUser(store.db, { email: `routed-${i}-${Date.now()}@bench.local`, name: `Routed ${i}`, role: 'annotator', passwordHash: null });
    const pool = pools.find((p) => p.key === poolKey)!;
    await store.transaction((tx) => addPoolMember(tx, SYSTEM, pool.id, { email: user.email, role }));
    const { secret } = await createApiToken(store.db, { userId: user.id, name: 'bench', scopes: [], expiresAt: null });
    annotators.push({ actor: { user, via: 'token', scopes: [] }, token: secret });
  }
  return { project, annotators };
}

function mergedClaims(list: LoadResult[]): Latencies {
  const merged = new Latencies();
  for (const r of list) for (const v of r.claim.values()) merged.add(v);
  return merged;
}

export async function runRoutingComparison(options: BenchOptions, concurrency: number): Promise<BenchResult[]> {
  const items = options.items ?? 1_000_000;
  const seconds = Number(options.flags.seconds ?? 20);
  const scratch = await createScratchDatabase(options.db, options.databaseUrl);
  try {
    const store = await scratch.open();
    options.log(`populating two projects of ${items} items on ${options.db} …`);
    const plain = await populateProject(store, { name: 'plain', items, log: options.log });
    const plainAnnotators = await makeAnnotators(store, concurrency);
    const routed = await populateRouted(store, items, options.log);
    await finishPopulation(store);
    await store.close();
    const server = await startServerProcess({ dataDir: scratch.dataDir, databaseUrl: scratch.url });
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 250);
    try {
      // The two runs alternate (A B A B): whatever drifts during a run — checkpoints, dead rows at the
      // front of the queue — weighs on both alike.
      const half = (seconds * 1000) / 2;
      const runs = { without: [] as LoadResult[], with: [] as LoadResult[] };
      for (let round = 0; round < 2; round++) {
        options.log(`round ${round + 1}: no routing, then routing over 10 pools and 5 rules (${concurrency} annotators, ${half / 1000} s each) …`);
        runs.without.push(await runHttpLoad(server.url, plain.id, plainAnnotators, 2000, half));
        runs.with.push(await runHttpLoad(server.url, routed.project.id, routed.annotators, 2000, half));
      }
      const rate = (list: LoadResult[]) => list.reduce((s, r) => s + r.cycles, 0) / list.reduce((s, r) => s + r.seconds, 0);
      const without = { cyclesPerSecond: rate(runs.without), claim: mergedClaims(runs.without), errors: runs.without.reduce((s, r) => s + r.errors, 0) };
      const withRouting = { cyclesPerSecond: rate(runs.with), claim: mergedClaims(runs.with), errors: runs.with.reduce((s, r) => s + r.errors, 0) };
      return [
        {
          scenario: 'claim-submit',
          db: options.db,
          items,
          concurrency,
          value: Math.round(withRouting.cyclesPerSecond),
          unit: 'cycles/s (routed: 10 pools, 5 rules)',
          baseline: Math.round(without.cyclesPerSecond),
          ratio: Number((withRouting.cyclesPerSecond / without.cyclesPerSecond).toFixed(3)),
          p50_ms: withRouting.claim.percentile(50),
          p99_ms: withRouting.claim.percentile(99),
          rss_mb: Math.round(peak),
          baseline_p99_ms: without.claim.percentile(99),
          errors: withRouting.errors + without.errors,
          target: 'ratio >= 0.8',
          note: 'review sampling and redaction off in both projects: routing and hard limits only',
        },
      ];
    } finally {
      clearInterval(sampler);
      await server.stop();
    }
  } finally {
    await scratch.drop();
  }
}
