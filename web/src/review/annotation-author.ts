/**
 * Who the review screen says made an annotation. An imported label says so: it was made elsewhere,
 * by someone this Atelier may not know (then no user at all), and a bare name, or none, would pass
 * it off as work done here or leave the reviewer guessing.
 */
import type { Annotation } from '../api/types.ts';

export type Names = ReadonlyMap<number, string>;

export function authorOf(annotation: Pick<Annotation, 'annotatorId' | 'source'>, names: Names): string {
  const name = annotation.annotatorId !== null ? (names.get(annotation.annotatorId) ?? `user ${annotation.annotatorId}`) : null;
  if (annotation.source === 'import') return name !== null ? `${name} (imported)` : 'Imported label';
  // A person's work whose account was since removed.
  return name ?? 'former user';
}

/** The authors of a queue entry's annotations, each once, as its line in the queue lists them. */
export function authorsOf(entry: { annotations: readonly Pick<Annotation, 'annotatorId' | 'source'>[]; annotators: readonly { id: number; name: string }[] }): string {
  const names = new Map(entry.annotators.map((a) => [a.id, a.name]));
  return [...new Set(entry.annotations.map((a) => authorOf(a, names)))].join(', ');
}

/**
 * The reviewer's own work in a queue entry: a correction they made of someone's annotation (the
 * item waits on the others' work), or an annotation of theirs. Nobody reviews their own work (the
 * server refuses it), so it is shown, marked, with nothing to decide.
 */
export function ownWork(annotation: Pick<Annotation, 'annotatorId' | 'supersedesId'>, me: number): 'correction' | 'annotation' | null {
  if (annotation.annotatorId !== me) return null;
  return annotation.supersedesId !== null ? 'correction' : 'annotation';
}
