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
 */
export function reviewSplitWords({ review, reviewWaiting }: { review: number; reviewWaiting: number }): string {
  const rework = review - reviewWaiting;
  if (rework === 0) return 'all wait for a reviewer';
  if (reviewWaiting === 0) return 'all wait for rework';
  return `${reviewWaiting.toLocaleString()} for a reviewer, ${rework.toLocaleString()} for rework`;
}
