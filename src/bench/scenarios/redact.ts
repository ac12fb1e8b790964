/**
 * `atelier bench --scenario redact`: PII detection and redaction of generated 1 KB business texts
 * (about ten PII strings each, among order numbers, times and prices). Documents per second and the
 * time per document, against a plain scan of the same texts with the e-mail pattern alone: the
 * least any detector must do. `--items N` sets the number of documents (default 20,000),
 * `--flag seed=N` the generator seed.
 */
import { redactPii } from '../../core/pii/redact.ts';
import { generatePiiDocument } from '../../core/pii/synthetic-text.ts';
import { seededRandom } from '../../core/quality/seeded-random.ts';
import type { BenchResult, BenchScenario } from '../types.ts';

export const TARGET_DOCUMENTS_PER_SECOND = 5_000;
const DOCUMENT_LENGTH = 1024;
const PLAIN_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Documents per second of `work` over all texts, after a warm-up pass over some of them. */
function timeAll(
  texts: readonly string[],
  work: (text: string) => number,
): { perSecond: number; perCpuSecond: number; durations: Float64Array; total: number } {
  for (const text of texts.slice(0, Math.min(1000, texts.length))) work(text);
  const durations = new Float64Array(texts.length);
  let total = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  texts.forEach((text, i) => {
    const t0 = performance.now();
    total += work(text);
    durations[i] = performance.now() - t0;
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { perSecond: texts.length / seconds, perCpuSecond: texts.length / cpuSeconds, durations: durations.sort(), total };
}

export const redactScenario: BenchScenario = {
  name: 'redact',
  description: 'PII detection and redaction of generated 1 KB texts: documents/s, p50/p99 per document',
  async run(options) {
    const count = options.items ?? 20_000;
    const seed = Number(options.flags.seed ?? 1);
    options.log(`redact: generating ${count} documents of about ${DOCUMENT_LENGTH} characters (seed ${seed})`);
    const random = seededRandom(seed);
    const texts = Array.from({ length: count }, () => generatePiiDocument(random, DOCUMENT_LENGTH).text);
    const characters = texts.reduce((sum, t) => sum + t.length, 0);

    options.log('redact: baseline, one e-mail regex over the same texts');
    const baseline = timeAll(texts, (text) => {
      let n = 0;
      for (const _ of text.matchAll(PLAIN_EMAIL)) n++;
      return n;
    });
    options.log('redact: detection and redaction');
    const run = timeAll(texts, (text) => redactPii(text).findings.length);

    const result: BenchResult = {
      scenario: 'redact',
      db: 'none',
      items: count,
      concurrency: 1,
      value: Math.round(run.perSecond),
      unit: 'documents/s',
      baseline: Math.round(baseline.perSecond),
      ratio: Number((run.perSecond / baseline.perSecond).toFixed(4)),
      p50_ms: Number(percentile(run.durations, 0.5).toFixed(4)),
      p99_ms: Number(percentile(run.durations, 0.99).toFixed(4)),
      rss_mb: Math.round(process.memoryUsage().rss / 1e6),
      // On a machine shared with other work, wall-clock rates drop; the rate per CPU second less so.
      documents_per_cpu_s: Math.round(run.perCpuSecond),
      baseline_documents_per_cpu_s: Math.round(baseline.perCpuSecond),
      characters_per_document: Math.round(characters / count),
      findings_per_document: Number((run.total / count).toFixed(2)),
      baseline_method: 'the same texts scanned with one e-mail regular expression, nothing replaced',
      target_documents_per_s: TARGET_DOCUMENTS_PER_SECOND,
      meets_target: run.perSecond >= TARGET_DOCUMENTS_PER_SECOND,
    };
    return [result];
  },
};
