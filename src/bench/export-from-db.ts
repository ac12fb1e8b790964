/**
 * The export benchmark from a real database (`atelier bench --scenario export --flag source=db`):
 * the format layer's generated box annotations are written into a scratch database (PGlite or
 * PostgreSQL), then exported by the export service — keyset batches read below a watermark,
 * mapped, streamed to a file — as Atelier JSONL and as COCO (read twice). The baseline is the
 * nearest limit of the same work: reading the same batches from the database and mapping them,
 * writing nothing. Peak RSS is sampled during each run; on PGlite it includes the embedded
 * database's own memory, so what tells a flat export is its growth over the RSS before the run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, BenchResult } from './types.ts';
import { createScratchDatabase } from './scratch-database.ts';
import { BENCH_SCHEMA, generatedItems, TARGET_PEAK_RSS_MB } from '../formats/bench-export.ts';
import type { ExportItem } from '../formats/records.ts';
import { FileStore } from '../media/file-store.ts';
import type { Store } from '../store/database.ts';
import { exportWatermark, readExportBatch } from '../store/exports.ts';
import { insertItemsWithTasks, type NewItemRecord } from '../store/items.ts';
import { allocateAnnotationIds, type ImportedAnnotationRow, insertImportedAnnotations } from '../store/jobs-import-writes.ts';
import { insertUser } from '../store/users.ts';
import type { Project } from '../core/projects.ts';
import { createProject } from '../services/create-project.ts';
import { planExport, writeExport } from '../services/export-project.ts';
import { toExportItem } from '../services/jobs/export-records.ts';

const BATCH_ITEMS = 2500;

async function populate(store: Store, annotations: number, log: (m: string) => void): Promise<Project> {
  const project = await store.transaction((tx) =>
    createProject(tx, { name: `export bench ${Date.now()}`, itemKind: 'image', overlap: 1, schema: BENCH_SCHEMA, guidelines: 'Box every vehicle.', createdBy: null }),
  );
  const users = new Map<string, number>();
  let batch: ExportItem[] = [];
  let written = 0;
  const flush = async (): Promise<void> => {
    const items = batch;
    batch = [];
    await store.transaction(async (tx) => {
      for (const email of new Set(items.flatMap((i) => i.annotations.map((a) => a.annotator!.email)))) {
        if (!users.has(email)) users.set(email, (await insertUser(tx, { email: `${project.id}-${email}`, name: email, role: 'annotator', passwordHash: null })).id);
      }
      const ids = await insertItemsWithTasks(tx, project.id, items.map((i): NewItemRecord => ({
        externalId: i.externalId, kind: 'image', contentUri: i.uri, text: null, mimeType: 'image/jpeg', width: i.width, height: i.height,
        metadata: { ...i.metadata, fileName: i.fileName }, sensitivity: 'internal', region: null, language: null, tags: [], edgeCase: false,
      })), 1);
      const annotationIds = await allocateAnnotationIds(tx, items.reduce((n, i) => n + i.annotations.length, 0));
      let next = 0;
      const rows: ImportedAnnotationRow[] = items.flatMap((item, k) => item.annotations.map((a) => ({
        id: annotationIds[next++]!, projectId: project.id, itemId: ids[k]!, annotatorId: users.get(a.annotator!.email)!, source: 'human' as const,
        modelName: null, modelVersion: null, confidence: null, confidences: null, schemaVersion: 1, guidelinesVersion: 1, result: a.result,
        timeSpentMs: a.timeSpentMs, supersedesId: null, createdAt: new Date(a.createdAt),
      })));
      await insertImportedAnnotations(tx, rows);
      written += rows.length;
    });
    if (written % 50_000 < BATCH_ITEMS * 4) log(`  ${written.toLocaleString('en')} annotations in the database`);
  };
  for await (const item of generatedItems(annotations)) {
    batch.push(item);
    if (batch.length >= BATCH_ITEMS) await flush();
  }
  if (batch.length > 0) await flush();
  return project;
}

async function measured(work: (sample: () => void) => Promise<void>): Promise<{ seconds: number; peakMb: number; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  try {
    await work(sample);
    sample();
    return { seconds: (performance.now() - started) / 1000, peakMb: peak / (1024 * 1024), growthMb: (peak - before) / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}

export async function runDbExportBench(options: BenchOptions): Promise<BenchResult[]> {
  const annotations = options.items ?? 200_000;
  const scratch = await createScratchDatabase(options.db, options.databaseUrl);
  const dir = await mkdtemp(join(tmpdir(), 'atelier-bench-db-export-'));
  const store = await scratch.open();
  try {
    options.log(`export bench from ${options.db}: writing ${annotations.toLocaleString('en')} annotations…`);
    const project = await populate(store, annotations, options.log);
    const ctx = { db: store.db, files: new FileStore(join(dir, 'files')) };
    const runs: { method: string; seconds: number; peakMb: number; growthMb: number }[] = [];

    options.log('  baseline: reading and mapping the batches, writing nothing…');
    runs.push({ method: 'read', ...(await measured(async (sample) => {
      const mark = await exportWatermark(store.db);
      for (let afterId = 0; ;) {
        const batch = await readExportBatch(store.db, { projectId: project.id, filter: {}, mark, afterId, limit: 500 });
        for (const stored of batch) toExportItem(stored);
        sample();
        if (batch.length < 500) break;
        afterId = batch[batch.length - 1]!.id;
      }
    })) });
    for (const format of ['jsonl', 'coco'] as const) {
      options.log(`  ${format}…`);
      const plan = await planExport(store.db, project, { format, selection: 'all', filters: {} });
      runs.push({ method: format, ...(await measured(async (sample) => {
        await writeExport(ctx, plan, join(dir, `export.${format}`), { onProgress: sample });
      })) });
      await rm(join(dir, `export.${format}`), { force: true });
    }
    const baseline = runs[0]!;
    return runs.slice(1).map((run): BenchResult => {
      const perSecond = annotations / run.seconds;
      const basePerSecond = annotations / baseline.seconds;
      options.log(`  ${run.method}: ${Math.round(perSecond).toLocaleString('en')} annotations/s, peak RSS ${run.peakMb.toFixed(0)} MB (+${run.growthMb.toFixed(0)} MB during the run)`);
      return {
        scenario: 'export',
        db: options.db,
        items: annotations,
        concurrency: 1,
        value: Math.round(perSecond),
        unit: 'annotations/s',
        baseline: Math.round(basePerSecond),
        ratio: Number((perSecond / basePerSecond).toFixed(3)),
        p50_ms: null,
        p99_ms: null,
        rss_mb: Math.round(run.peakMb),
        source: 'db',
        format: run.method === 'coco' ? 'coco-two-pass' : 'jsonl',
        seconds: Number(run.seconds.toFixed(2)),
        baseline_method: 'the same keyset batches read from the database and mapped, nothing written',
        rss_growth_mb: Math.round(run.growthMb),
        baseline_rss_mb: Math.round(baseline.peakMb),
        target_rss_growth_mb: TARGET_PEAK_RSS_MB,
        meets_target: run.growthMb <= TARGET_PEAK_RSS_MB,
      };
    });
  } finally {
    await store.close();
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
