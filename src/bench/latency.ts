import { quantile } from '../core/metrics/stats.ts';

/** Latencies in milliseconds, and their percentiles. */
export class Latencies {
  private readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  percentile(p: number): number | null {
    const q = quantile(this.values, p / 100);
    return q === null ? null : Number(q.toFixed(2));
  }
}
