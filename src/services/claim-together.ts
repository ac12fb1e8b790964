/**
 * Claims under load go together: the claims that arrive in one turn of the event loop, or while a
 * batch of them is with the database, are shared out from one read of the front of the queue in one
 * statement (`store/task-claims-together.ts`) instead of one walk of the queue each. A lone claim
 * goes as the single statement it always was. Claimers a batch could not decide, and every claimer
 * of a batch that lost a race, are claimed one by one after it: nothing is lost, nobody is served
 * twice.
 */
import type { Db } from '../store/database.ts';
import { type ClaimedTask, type ClaimQuery, claimTask } from '../store/task-claims.ts';
import { type BatchClaimer, type BatchClaimOutcome, claimForMany, type SharedClaim } from '../store/task-claims-together.ts';
import { asError, type Coalescer, createCoalescer } from './coalesce.ts';

const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';
const MAX_ATTEMPTS = 3;

/** One claim as a single statement, tried again when two claims of one user raced for one item. */
export async function claimAlone(db: Db, query: ClaimQuery): Promise<ClaimedTask | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await claimTask(db, query);
    } catch (error) {
      // Two claims of one user raced for two slots of the same item; the database kept one. Try again.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

function sharedOf(q: ClaimQuery): SharedClaim {
  return { projectId: q.projectId, stage: q.stage, leaseSeconds: q.leaseSeconds, versions: q.versions };
}

/** Some of a section's front is work a claimer did already (overlap > 1): read past it for the others. */
const frontFor = (claimers: number) => 2 * claimers + 4;

/**
 * Claims a batch of claimers of one project and stage together, whatever their queue sections (the
 * members of different pools go in one batch); see the module comment.
 */
export async function claimTogether(db: Db, queries: ClaimQuery[]): Promise<(ClaimedTask | null | Error)[]> {
  const shared = sharedOf(queries[0]!);
  const claimers: BatchClaimer[] = queries.map((q) => ({ userId: q.userId, holding: q.holding, contexts: q.contexts, readAudit: q.readAudit ?? null }));
  let decided: BatchClaimOutcome;
  try {
    decided = await claimForMany(db, shared, claimers, frontFor);
  } catch (error) {
    // A race, such as a claimer's claim elsewhere taking a slot of the same item: each goes alone,
    // as before. Anything else is a fault, not a race, and is not hidden behind single claims.
    const code = (error as { code?: string }).code;
    if (code !== UNIQUE_VIOLATION && code !== DEADLOCK) throw error;
    decided = { claimed: new Map(), undecided: queries.map((q) => q.userId) };
  }
  const undecided = new Set(decided.undecided);
  return Promise.all(
    queries.map((q) => {
      const claimed = decided.claimed.get(q.userId);
      if (claimed) return claimed;
      return undecided.has(q.userId) ? claimAlone(db, q).catch(asError) : null;
    }),
  );
}

export type ClaimBatches = Coalescer<ClaimQuery, ClaimedTask | null>;

/** The server's claim batches, on its pool of connections (never inside a caller's transaction). */
export function createClaimBatches(db: Db, options: { maxBatch?: number } = {}): ClaimBatches {
  return createCoalescer({
    key: (q) => JSON.stringify(sharedOf(q)),
    identity: (q) => q.userId,
    one: (q) => claimAlone(db, q),
    many: (queries) => claimTogether(db, queries),
    maxBatch: options.maxBatch ?? 32,
  });
}
