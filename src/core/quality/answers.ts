/**
 * The answers that quality statistics read: one label given by one worker to one item, in the
 * long `item,worker,label` form that crowd platforms export. Algorithms work on an integer
 * encoding of them (typed arrays), so that a million answers cost a few megabytes and no objects.
 */

/** One worker's label for one item; `pool` is the workforce the worker answered from. */
export interface Answer {
  item: string;
  worker: string;
  label: string;
  pool?: string;
}

/** Answers as integer indices into `items`, `workers` and `classes`, grouped by item. */
export interface EncodedAnswers {
  items: string[];
  workers: string[];
  /** Ordered: deterministic tie-breaking picks the first of the tied classes in this order. */
  classes: string[];
  /** Per answer, in the order the answers came. */
  item: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  /** Answers of item i are `byItem[itemStart[i]] .. byItem[itemStart[i+1]-1]` (answer indices). */
  itemStart: Int32Array;
  byItem: Int32Array;
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Numbers in numeric order when every label is a number, otherwise code-point order. */
export function orderClasses(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)];
  if (distinct.length > 0 && distinct.every((l) => NUMERIC.test(l))) {
    return distinct.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
  return distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function indexer(): { ids: string[]; index(id: string): number } {
  const ids: string[] = [];
  const map = new Map<string, number>();
  return {
    ids,
    index(id) {
      let i = map.get(id);
      if (i === undefined) {
        i = ids.length;
        map.set(id, i);
        ids.push(id);
      }
      return i;
    },
  };
}

/**
 * Encodes answers. Items and workers keep the order of first appearance; `classes` may fix the
 * class order (and name classes nobody chose), otherwise it comes from `orderClasses`.
 */
export function encodeAnswers(answers: readonly Answer[], classes?: readonly string[]): EncodedAnswers {
  const n = answers.length;
  const items = indexer();
  const workers = indexer();
  const classOrder = classes ? [...classes] : orderClasses(answers.map((a) => a.label));
  const classIndex = new Map(classOrder.map((c, i) => [c, i]));
  const item = new Int32Array(n);
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    const answer = answers[a]!;
    item[a] = items.index(answer.item);
    worker[a] = workers.index(answer.worker);
    const c = classIndex.get(answer.label);
    if (c === undefined) throw new RangeError(`label ${JSON.stringify(answer.label)} is not one of the classes`);
    label[a] = c;
  }
  return fromIndices(items.ids, workers.ids, classOrder, item, worker, label);
}

/** Builds the item grouping for answers already given as indices. */
export function fromIndices(
  items: string[],
  workers: string[],
  classes: string[],
  item: Int32Array,
  worker: Int32Array,
  label: Int32Array,
): EncodedAnswers {
  const itemStart = new Int32Array(items.length + 1);
  for (let a = 0; a < item.length; a++) itemStart[item[a]! + 1]!++;
  for (let i = 0; i < items.length; i++) itemStart[i + 1]! += itemStart[i]!;
  const fill = itemStart.slice(0, items.length);
  const byItem = new Int32Array(item.length);
  for (let a = 0; a < item.length; a++) byItem[fill[item[a]!]!++] = a;
  return { items, workers, classes, item, worker, label, itemStart, byItem };
}

/** The answers for which `keep(answer index)` holds, with the same items, workers and classes. */
export function subsetAnswers(data: EncodedAnswers, keep: (answer: number) => boolean): EncodedAnswers {
  const chosen: number[] = [];
  for (let a = 0; a < data.item.length; a++) if (keep(a)) chosen.push(a);
  const pick = (from: Int32Array): Int32Array => Int32Array.from(chosen, (a) => from[a]!);
  return fromIndices(data.items, data.workers, data.classes, pick(data.item), pick(data.worker), pick(data.label));
}

/**
 * The answers on items that at least two different workers answered. Only these say anything
 * about a worker's reliability: an item with one answer agrees with itself, so a worker model
 * fitted on it would credit the worker with their own labels.
 */
export function answersOnSharedItems<A extends Pick<Answer, 'item' | 'worker'>>(answers: readonly A[]): A[] {
  const workersOf = new Map<string, Set<string>>();
  for (const a of answers) {
    const set = workersOf.get(a.item);
    if (set) set.add(a.worker);
    else workersOf.set(a.item, new Set([a.worker]));
  }
  return answers.filter((a) => workersOf.get(a.item)!.size >= 2);
}

/** How many answers each item has of each class: row-major `items × classes`. */
export function voteCounts(data: EncodedAnswers, weights?: Float64Array): Float64Array {
  const k = data.classes.length;
  const counts = new Float64Array(data.items.length * k);
  for (let a = 0; a < data.item.length; a++) {
    counts[data.item[a]! * k + data.label[a]!]! += weights ? weights[data.worker[a]!]! : 1;
  }
  return counts;
}
