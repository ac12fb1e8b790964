/**
 * The export benchmark: generated box annotations (no database) streamed through the COCO and
 * JSONL exporters into a file, measuring annotations per second and the peak RSS sampled during
 * each run. The baseline is the nearest limit of the same work: the same records written as plain
 * `JSON.stringify` lines with no export logic.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabelSchema } from '../core/label-schema.ts';
import { exportCoco } from './coco-export.ts';
import { exportJsonl } from './jsonl-export.ts';
import { ChunkedWriter } from './output.ts';
import type { ExportAnnotation, ExportItem } from './records.ts';

export const TARGET_ANNOTATIONS_PER_SECOND = 20_000;
export const TARGET_PEAK_RSS_MB = 300;
const ANNOTATIONS_PER_ITEM = 4;

export const BENCH_SCHEMA: LabelSchema = {
  controls: [
    {
      name: 'objects',
      kind: 'bbox',
      labels: ['car', 'truck', 'bus', 'person', 'bicycle', 'sign'].map((name, i) => ({ name, color: `#${(i * 40).toString(16).padStart(2, '0')}8080` })),
    },
  ],
};

/** A small linear congruential generator: the data set is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `annotations` box annotations, four per image, each by another annotator. */
export async function* generatedItems(annotations: number, seed = 42): AsyncGenerator<ExportItem> {
  const random = lcg(seed);
  const labels = BENCH_SCHEMA.controls[0]!.labels.map((l) => l.name);
  const createdAt = '2024-05-01T10:00:00.000Z';
  let made = 0;
  for (let id = 1; made < annotations; id++) {
    const list: ExportAnnotation[] = [];
    for (let k = 0; k < ANNOTATIONS_PER_ITEM && made < annotations; k++, made++) {
      const x = Math.round(random() * 1500 * 100) / 100;
      const y = Math.round(random() * 900 * 100) / 100;
      list.push({
        id: made + 1,
        annotator: { id: 100 + k, email: `annotator${k}@vendor.example` },
        pool: { id: 1 + (k % 2), key: k % 2 === 0 ? 'acme' : 'crowd', kind: k % 2 === 0 ? 'vendor' : 'crowd' },
        schemaVersion: 1,
        guidelinesVersion: 3,
        result: {
          choices: {},
          regions: [{ control: 'objects', kind: 'bbox', label: labels[Math.floor(random() * labels.length)]!, x, y, width: 20 + Math.round(random() * 300), height: 20 + Math.round(random() * 150) }],
        },
        source: 'human',
        model: null,
        confidences: null,
        timeSpentMs: 1000 + Math.floor(random() * 20000),
        createdAt,
        supersedesId: null,
        review: null,
      });
    }
    yield {
      id,
      externalId: `frame-${id}`,
      kind: 'image',
      fileName: `frame_${String(id).padStart(7, '0')}.jpg`,
      uri: `s3://fleet-data/frames/frame_${String(id).padStart(7, '0')}.jpg`,
      width: 1920,
      height: 1080,
      text: null,
      metadata: { camera: 'front' },
      handling: { sensitivity: 'internal', region: null, language: null, tags: [], edgeCase: false, modelConfidence: null },
      annotations: list,
      consensus: null,
    };
  }
}

export interface ExportBenchRun {
  format: 'coco-spooled' | 'coco-two-pass' | 'jsonl' | 'baseline-stringify';
  annotations: number;
  seconds: number;
  annotationsPerSecond: number;
  peakRssMb: number;
  fileMb: number;
}

/** Samples RSS every 20 ms (and whenever asked) while `work` runs; returns the peak in MB. */
async function withPeakRss<T>(work: (sample: () => void) => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await work(sample);
    sample();
    return { result, peakMb: peak / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}

async function* sampled(items: AsyncIterable<ExportItem>, sample: () => void): AsyncGenerator<ExportItem> {
  let n = 0;
  for await (const item of items) {
    if (++n % 1000 === 0) sample();
    yield item;
  }
}

export async function runExportFormat(format: ExportBenchRun['format'], annotations: number, dir: string): Promise<ExportBenchRun> {
  const path = join(dir, `${format}.out`);
  const started = performance.now();
  const { peakMb } = await withPeakRss(async (sample) => {
    const out = createWriteStream(path);
    const items = (): AsyncIterable<ExportItem> => sampled(generatedItems(annotations), sample);
    const options = { selection: 'all' as const };
    if (format === 'coco-spooled') await exportCoco(BENCH_SCHEMA, items(), out, { ...options, spoolDir: dir });
    else if (format === 'coco-two-pass') await exportCoco(BENCH_SCHEMA, items, out, options);
    else if (format === 'jsonl') await exportJsonl(BENCH_SCHEMA, items(), out, options);
    else {
      const writer = new ChunkedWriter(out);
      for await (const item of items()) await writer.write(`${JSON.stringify(item)}\n`);
      await writer.end();
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const fileMb = (await stat(path)).size / (1024 * 1024);
  await rm(path, { force: true });
  return { format, annotations, seconds, annotationsPerSecond: annotations / seconds, peakRssMb: peakMb, fileMb };
}

/** Runs the baseline and the exporters one after the other in a scratch folder, removed after. */
export async function runExportBench(
  annotations: number,
  formats: ExportBenchRun['format'][],
  log: (message: string) => void,
): Promise<ExportBenchRun[]> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-export-'));
  try {
    // Warm the JIT on a small set first, so that the first format measured is not the slow one.
    for (const format of formats) await runExportFormat(format, Math.min(annotations, 20_000), dir);
    const runs: ExportBenchRun[] = [];
    for (const format of formats) {
      log(`export bench: ${format}, ${annotations.toLocaleString('en')} annotations…`);
      const run = await runExportFormat(format, annotations, dir);
      log(`  ${Math.round(run.annotationsPerSecond).toLocaleString('en')} annotations/s, peak RSS ${run.peakRssMb.toFixed(0)} MB, ${run.fileMb.toFixed(0)} MB written`);
      runs.push(run);
    }
    return runs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// `node --import tsx src/formats/bench-export.ts [annotations]` runs it alone, before the CLI has it.
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const annotations = Number(process.argv[2] ?? 1_000_000);
  const runs = await runExportBench(annotations, ['baseline-stringify', 'coco-spooled', 'coco-two-pass', 'jsonl'], (m) => process.stderr.write(`${m}\n`));
  for (const run of runs) process.stdout.write(`${JSON.stringify(run)}\n`);
}
