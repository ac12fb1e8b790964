/**
 * A page of a work queue (review, adjudication) as one reader may see it.
 *
 * Who may see an item is decided per item, from the reader's pools (clearance, region, language;
 * item-access.ts), not in SQL. A page cut in SQL and filtered afterwards comes back short, or
 * empty, for a vendor reviewer whenever the head of the queue holds items their pool may not see,
 * while work they may see waits further down. So the queue is walked in chunks until the page is
 * full or the queue ends, and the walk stops after `maxScanned` entries, so that a reader who may
 * see almost nothing does not walk a whole project on every look.
 */
export interface ReadableQueueInput<E, R> {
  /** The next `size` entries of the queue after the given item (null: from its head), in order. */
  fetch: (afterItemId: number | null, size: number) => Promise<E[]>;
  itemIdOf: (entry: E) => number;
  /** The entry as the reader sees it, or null when they may not see it. */
  read: (entry: E) => Promise<R | null>;
  limit: number;
  /** The most entries looked at for one page (1,000 when absent). */
  maxScanned?: number;
}

export interface ReadableQueuePage<R> {
  entries: R[];
  /** Entries looked at, readable or not. */
  scanned: number;
  /** The walk stopped at `maxScanned` with the page not full: more the reader may see can wait further on. */
  cutShort: boolean;
}

export async function readableQueuePage<E, R>(input: ReadableQueueInput<E, R>): Promise<ReadableQueuePage<R>> {
  const maxScanned = input.maxScanned ?? 1000;
  const entries: R[] = [];
  let scanned = 0;
  let after: number | null = null;
  // Most readers see every item: the first chunk is what the page needs. A reader who sees few
  // walks on in chunks that double, so a long walk takes few round trips.
  let growth = 1;
  while (entries.length < input.limit && scanned < maxScanned) {
    const size = Math.min(maxScanned - scanned, Math.max(input.limit - entries.length, 20) * growth);
    growth = Math.min(growth * 2, 16);
    const chunk = await input.fetch(after, size);
    for (const entry of chunk) {
      scanned++;
      const seen = await input.read(entry);
      if (seen !== null) entries.push(seen);
      if (entries.length === input.limit) return { entries, scanned, cutShort: false };
    }
    if (chunk.length < size) return { entries, scanned, cutShort: false };
    after = input.itemIdOf(chunk[chunk.length - 1]!);
  }
  return { entries, scanned, cutShort: entries.length < input.limit };
}
