/** "12 items wait for review." from a queue page of at most `cap` items ("100+" when it is full). */
export function waitingWords(count: number | undefined, cap: number, what: string): string {
  if (count === undefined) return 'Counting…';
  if (count === 0) return 'Nothing waits.';
  return `${count}${count >= cap ? '+' : ''} item${count === 1 ? '' : 's'} wait${count === 1 ? 's' : ''} for ${what}.`;
}
