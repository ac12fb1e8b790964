/**
 * "12 items wait for review." from a queue page of at most `cap` items: "100+" when the page is
 * full, or when the server stopped looking before filling it (`cutShort`: the head of the queue
 * held items beyond the reader's pools, and more within them may wait further on).
 */
export function waitingWords(count: number | undefined, cap: number, what: string, cutShort = false): string {
  if (count === undefined) return 'Counting…';
  if (count === 0) return cutShort ? nothingWithinLimitsWords(what) : 'Nothing waits.';
  return `${count}${count >= cap || cutShort ? '+' : ''} item${count === 1 ? '' : 's'} wait${count === 1 ? 's' : ''} for ${what}.`;
}

/** An empty page whose walk was cut short: the head of the queue held only items beyond the reader's pools. */
export function nothingWithinLimitsWords(what: string): string {
  return `Nothing within your pools' limits among the first items waiting for ${what}; more may wait further on.`;
}

/**
 * Items in review wait either for a reviewer or, after a rejection, for the annotator's redo: the
 * reviewers' queue holds only the first kind, and the figure says so instead of looking larger.
 * For a reader of some pools, `reviewElsewhere` of the first kind go to another pool's reviewers
 * (a routing rule's reviewBy), and are not in their queue either.
 */
export function reviewSplitWords({ review, reviewWaiting, reviewElsewhere = null }: { review: number; reviewWaiting: number; reviewElsewhere?: number | null }): string {
  const elsewhere = reviewElsewhere ?? 0;
  const parts: [number, string][] = [
    [reviewWaiting - elsewhere, reviewElsewhere === null ? 'for a reviewer' : 'for your reviewers'],
    [elsewhere, "for another pool's reviewers"],
    [review - reviewWaiting, 'for rework'],
  ];
  const some = parts.filter(([n]) => n > 0);
  if (some.length === 1) return `all wait ${some[0]![1]}`;
  return some.map(([n, words]) => `${n.toLocaleString()} ${words}`).join(', ');
}
