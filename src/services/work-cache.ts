/**
 * What a server remembers between handing out a task and receiving its annotation, so that a
 * submission costs one statement: the facts of the claimed task's item (immutable content) and the
 * label schema versions (immutable once recorded). Everything here is also read from the database
 * when missing — another server handed the task out, or this one restarted — so it is only a
 * shortcut, never the truth: the write itself checks that the task is still the annotator's.
 */
import { notFound } from '../core/errors.ts';
import type { ItemFacts, LabelSchema } from '../core/label-schema.ts';
import type { Db } from '../store/database.ts';
import type { Project } from '../core/projects.ts';
import type { Membership } from '../core/work-contexts.ts';
import { membershipsOf, poolIdsOfProject } from '../store/pools.ts';
import { findProject, findSchemaVersion } from '../store/projects.ts';
import type { ClaimedTask } from '../store/task-claims.ts';

export interface ClaimFacts {
  projectId: number;
  itemId: number;
  assigneeId: number;
  /** The pool the task was routed to (null: unrouted); what the annotator saw depends on it. */
  poolId: number | null;
  item: ItemFacts;
  schemaVersion: number;
  guidelinesVersion: number | null;
  until: number;
}

export interface WorkCache {
  schema(db: Db, projectId: number, version: number): Promise<LabelSchema>;
  /** A project as read at most PROJECT_TTL_MS ago: settings change rarely, claims happen all the time. */
  project(db: Db, projectId: number): Promise<Project | null>;
  /** A user's pool memberships, read at most PROJECT_TTL_MS ago. */
  memberships(db: Db, userId: number): Promise<Membership[]>;
  /** The pools a project's policy sends work to, read at most PROJECT_TTL_MS ago. */
  projectPools(db: Db, projectId: number): Promise<ReadonlySet<number>>;
  /** Forget what is cached of memberships and project pools (after a change made here). */
  forgetWorkforce(): void;
  /** Any other project setting read on the hot path, kept for PROJECT_TTL_MS under its key. */
  setting<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Steps that stay done once done (an acknowledged guideline version, a passed qualification). */
  done(key: string): boolean;
  markDone(key: string): void;
  rememberClaim(claimed: ClaimedTask, leaseSeconds: number): void;
  /** The facts of a task claimed through this server, if still fresh. */
  claim(taskId: number): ClaimFacts | undefined;
  forgetClaim(taskId: number): void;
}

function boundedSet<V>(map: Map<string | number, V>, key: string | number, value: V, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value as string | number);
  map.set(key, value);
}

export const PROJECT_TTL_MS = 2_000;

export function createWorkCache(options: { maxSchemas?: number; maxClaims?: number } = {}): WorkCache {
  const schemas = new Map<string | number, LabelSchema>();
  const projects = new Map<string | number, { project: Project | null; until: number }>();
  const members = new Map<string | number, { value: Membership[]; until: number }>();
  const projectPools = new Map<string | number, { value: ReadonlySet<number>; until: number }>();
  const doneSteps = new Set<string>();
  const settings = new Map<string | number, { value: unknown; until: number }>();
  async function fresh<V>(map: Map<string | number, { value: V; until: number }>, key: number, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = map.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    boundedSet(map, key, { value, until: now + PROJECT_TTL_MS }, 10_000);
    return value;
  }
  const claims = new Map<string | number, ClaimFacts>();
  const maxSchemas = options.maxSchemas ?? 1000;
  const maxClaims = options.maxClaims ?? 100_000;
  return {
    async schema(db, projectId, version) {
      const key = `${projectId}:${version}`;
      const hit = schemas.get(key);
      if (hit) return hit;
      const found = await findSchemaVersion(db, projectId, version);
      if (!found) throw notFound(`schema version ${version} of project`, projectId);
      boundedSet(schemas, key, found.schema, maxSchemas);
      return found.schema;
    },
    async project(db, projectId) {
      const now = Date.now();
      const hit = projects.get(projectId);
      if (hit && hit.until > now) return hit.project;
      const project = await findProject(db, projectId);
      boundedSet(projects, projectId, { project, until: now + PROJECT_TTL_MS }, 10_000);
      return project;
    },
    memberships(db, userId) {
      return fresh(members, userId, async () =>
        (await membershipsOf(db, userId)).map(({ membership, pool }) => ({ pool, role: membership.role, paused: membership.paused })),
      );
    },
    projectPools(db, projectId) {
      return fresh(projectPools, projectId, async () => new Set(await poolIdsOfProject(db, projectId)));
    },
    async setting<T>(key: string, load: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const hit = settings.get(key);
      if (hit && hit.until > now) return hit.value as T;
      const value = await load();
      boundedSet(settings, key, { value, until: now + PROJECT_TTL_MS }, 10_000);
      return value;
    },
    done(key) {
      return doneSteps.has(key);
    },
    markDone(key) {
      if (doneSteps.size >= 100_000) doneSteps.clear();
      doneSteps.add(key);
    },
    forgetWorkforce() {
      settings.clear();
      members.clear();
      projectPools.clear();
      projects.clear();
    },
    rememberClaim(claimed, leaseSeconds) {
      const { task, item } = claimed;
      boundedSet(
        claims,
        task.id,
        {
          projectId: task.projectId,
          itemId: task.itemId,
          assigneeId: task.assigneeId!,
          poolId: task.poolId,
          item: { kind: item.kind, width: item.width, height: item.height, text: item.text },
          schemaVersion: claimed.schemaVersion,
          guidelinesVersion: claimed.guidelinesVersion,
          until: Date.now() + leaseSeconds * 1000,
        },
        maxClaims,
      );
    },
    claim(taskId) {
      const facts = claims.get(taskId);
      if (facts && facts.until < Date.now()) {
        claims.delete(taskId);
        return undefined;
      }
      return facts;
    },
    forgetClaim(taskId) {
      claims.delete(taskId);
    },
  };
}
