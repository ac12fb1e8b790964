/** A project with a large queue and a crowd of annotators with API tokens, for load benchmarks. */
import type { LabelSchema } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Actor } from '../core/users.ts';
import { createProject } from '../services/create-project.ts';
import { createApiToken } from '../services/manage-users.ts';
import type { Store } from '../store/database.ts';
import { analyzeTables } from '../store/health.ts';
import { insertItemsWithTasks, type NewItemRecord } from '../store/items.ts';
import { insertUser } from '../store/users.ts';

export const BENCH_SCHEMA: LabelSchema = {
  controls: [{ name: 'sentiment', kind: 'single_choice', labels: [{ name: 'positive', color: '#2e7d32', hotkey: '1' }, { name: 'negative', color: '#c62828', hotkey: '2' }] }],
};

export interface BenchAnnotator {
  actor: Actor;
  token: string;
}

export async function populateProject(store: Store, options: { name: string; items: number; log: (m: string) => void }): Promise<Project> {
  const project = await store.transaction((tx) =>
    createProject(tx, { name: options.name, itemKind: 'text', overlap: 1, schema: BENCH_SCHEMA, guidelines: 'Is the sentence positive?', createdBy: null }),
  );
  const batch = 10_000;
  const started = Date.now();
  for (let done = 0; done < options.items; done += batch) {
    const n = Math.min(batch, options.items - done);
    const items = Array.from({ length: n }, (_, i): NewItemRecord => ({
      externalId: null,
      kind: 'text',
      contentUri: null,
      text: `Sentence ${done + i}: the service was quick and the staff were kind.`,
      mimeType: 'text/plain',
      width: null,
      height: null,
      metadata: {},
      sensitivity: 'internal',
      region: null,
      language: 'en',
      tags: [],
      edgeCase: false,
    }));
    await insertItemsWithTasks(store.db, project.id, items, 1);
    if ((done / batch) % 10 === 9) options.log(`  ${options.name}: ${done + n} items (${Math.round((done + n) / ((Date.now() - started) / 1000))}/s)`);
  }
  return project;
}

export async function makeAnnotators(store: Store, count: number): Promise<BenchAnnotator[]> {
  const annotators: BenchAnnotator[] = [];
  for (let i = 0; i < count; i++) {
    const user = await insertUser(store.db, { email: `bench-${i}-${Date.now()}@bench.local`, name: `Bench ${i}`, role: 'annotator', passwordHash: null });
    const { secret } = await createApiToken(store.db, { userId: user.id, name: 'bench', scopes: [], expiresAt: null });
    annotators.push({ actor: { user, via: 'token', scopes: [] }, token: secret });
  }
  return annotators;
}

export async function finishPopulation(store: Store): Promise<void> {
  await analyzeTables(store.db);
}
