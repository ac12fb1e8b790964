/**
 * Splits many files into uploads of bounded size, so that a folder of thousands of images goes up
 * in steps that each fit the server's limits and the progress bar moves steadily.
 */
export interface Sized {
  size: number;
}

export function batchFiles<T extends Sized>(files: T[], maxFiles: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (batch.length > 0 && (batch.length >= maxFiles || bytes + file.size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(file);
    bytes += file.size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Overall progress from bytes sent in finished batches plus the fraction of the current one. */
export function overallProgress(doneBytes: number, currentBytes: number, currentFraction: number, totalBytes: number): number {
  if (totalBytes <= 0) return 1;
  return Math.min(1, (doneBytes + currentBytes * currentFraction) / totalBytes);
}
