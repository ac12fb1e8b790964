/** Small builders for store and service tests. */
import type { LabelSchema } from '../../src/core/label-schema.ts';
import type { Project } from '../../src/core/projects.ts';
import type { Actor, Role, User } from '../../src/core/users.ts';
import { createProject } from '../../src/services/create-project.ts';
import type { Db, Store } from '../../src/store/database.ts';
import { insertItemsWithTasks, type NewItemRecord } from '../../src/store/items.ts';
import type { Pool } from '../../src/core/workforce.ts';
import { insertPool, type NewPool } from '../../src/store/pools.ts';
import { insertUser } from '../../src/store/users.ts';

let counter = 0;
const unique = (): string => `${process.pid}-${Date.now().toString(36)}-${++counter}`;

export const boxSchema: LabelSchema = {
  controls: [
    { name: 'objects', kind: 'bbox', labels: [{ name: 'car', color: '#e6194b', hotkey: '1' }, { name: 'person', color: '#3cb44b', hotkey: '2' }] },
    { name: 'areas', kind: 'polygon', labels: [{ name: 'road', color: '#4363d8', hotkey: '3' }] },
  ],
};

export const nerSchema: LabelSchema = {
  controls: [
    { name: 'entities', kind: 'span', labels: [{ name: 'PER', color: '#e6194b', hotkey: '1' }, { name: 'LOC', color: '#3cb44b', hotkey: '2' }] },
    { name: 'sentiment', kind: 'single_choice', labels: [{ name: 'positive', color: '#4363d8' }, { name: 'negative', color: '#f58231' }] },
  ],
};

/** A user without a password (tests that need signing in use addUser instead). */
export async function makeUser(db: Db, role: Role = 'annotator'): Promise<User> {
  return insertUser(db, { email: `${role}-${unique()}@test.local`, name: `${role} ${counter}`, role, passwordHash: null });
}

export function actorOf(user: User): Actor {
  return { user, via: 'session', scopes: null };
}

export async function makeProject(
  store: Store,
  options: { kind?: 'image' | 'text'; overlap?: number; leaseSeconds?: number; schema?: LabelSchema } = {},
): Promise<Project> {
  const kind = options.kind ?? 'text';
  return store.transaction((tx) =>
    createProject(tx, {
      name: `project ${unique()}`,
      itemKind: kind,
      overlap: options.overlap ?? 1,
      leaseSeconds: options.leaseSeconds ?? 900,
      schema: options.schema ?? (kind === 'text' ? nerSchema : boxSchema),
      guidelines: '# Guidelines\nLabel every person.',
      createdBy: null,
    }),
  );
}

export function textItem(text: string, extra: Partial<NewItemRecord> = {}): NewItemRecord {
  return {
    externalId: null,
    kind: 'text',
    contentUri: null,
    text,
    mimeType: 'text/plain',
    width: null,
    height: null,
    metadata: {},
    sensitivity: 'internal',
    region: null,
    language: 'en',
    tags: [],
    edgeCase: false,
    ...extra,
  };
}

export async function addTextItems(db: Db, project: Project, count: number): Promise<number[]> {
  const items = Array.from({ length: count }, (_, i) => textItem(`Ada Lovelace met Charles Babbage in London, text ${i}.`, { externalId: `t-${i}` }));
  return insertItemsWithTasks(db, project.id, items, project.overlap);
}

/** A pool with a unique key; a vendor pool that may see internal data anywhere unless told otherwise. */
export async function makePool(db: Db, pool: Partial<NewPool> = {}): Promise<Pool> {
  const key = `pool-${unique()}`;
  return insertPool(db, {
    key, name: key, kind: 'vendor', vendor: null, costModel: null, skills: [], capacityHoursPerWeek: null, timeZone: null, sla: {},
    clearance: 'internal', regions: ['*'], languages: ['*'], ...pool,
  });
}
