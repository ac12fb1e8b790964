/**
 * The pool an imported label is credited to. Work done here has its pool through its task; an
 * import makes no task, so the annotation keeps one of its own:
 *  - the pool the file names (Atelier JSONL carries it), when this Atelier has a pool of that key
 *    and kind: pool keys name a workforce, the ids in the file are another instance's;
 *  - else the pool its annotator (known here by e-mail) works in for this project, when they are a
 *    member of exactly one of the project's pools: with two, which one it was is a guess;
 *  - else none, as for in-house staff outside any pool.
 */
import type { ImportedAnnotation, ImportedItem } from '../../formats/records.ts';
import type { Db } from '../../store/database.ts';
import { onlyProjectPoolOf, poolsByKey } from '../../store/imported-work.ts';

export type PoolOf = (annotation: ImportedAnnotation, annotatorId: number | null) => number | null;

export class ImportPools {
  /** Pools the file names that this Atelier has not (or has as another kind of workforce). */
  private readonly unknown = new Set<string>();
  private lost = 0;

  constructor(private readonly projectId: number) {}

  /** The pools of one batch's ground truth, looked up at once. */
  async forBatch(tx: Db, batch: readonly ImportedItem[], userIdByEmail: Map<string, number>): Promise<PoolOf> {
    const truths = batch.flatMap((r) => r.annotations.filter((a) => a.kind === 'ground_truth'));
    const named = await poolsByKey(tx, [...new Set(truths.flatMap((a) => (a.provenance?.pool ? [a.provenance.pool.key] : [])))]);
    const people = [...new Set(truths.flatMap((a) => (a.annotatorEmail ? [userIdByEmail.get(a.annotatorEmail.toLowerCase())] : [])))].filter((id): id is number => id !== undefined);
    const memberOf = await onlyProjectPoolOf(tx, this.projectId, people);
    return (annotation, annotatorId) => {
      const wanted = annotation.provenance?.pool ?? null;
      const here = wanted ? named.get(wanted.key) : undefined;
      const known = here && here.kind === wanted!.kind ? here.id : null;
      if (wanted && known === null) this.unknown.add(wanted.key);
      const pool = known ?? (annotatorId !== null ? (memberOf.get(annotatorId) ?? null) : null);
      if (pool === null && wanted) this.lost++;
      return pool;
    };
  }

  /** What the import's report says of the pools. */
  warnings(): string[] {
    if (this.unknown.size === 0) return [];
    const keys = [...this.unknown].sort().join(', ');
    return [
      `the file names pools this Atelier has not (${keys}): their annotations were credited to their annotator's one pool in the project where there is one; ${this.lost} belong to no pool`,
    ];
  }
}
