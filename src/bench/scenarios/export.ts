/**
 * `atelier bench --scenario export`: 1,000,000 generated box annotations streamed through the COCO
 * exporter (both ways it orders images before annotations) and the Atelier JSONL exporter into a
 * file; annotations per second against the plain-stringify baseline, and the peak RSS of each run.
 * `--items N` changes the number of annotations; `--flag format=jsonl` runs one exporter.
 */
import { runDbExportBench } from '../export-from-db.ts';
import type { BenchResult, BenchScenario } from '../types.ts';
import {
  runExportBench,
  TARGET_ANNOTATIONS_PER_SECOND,
  TARGET_PEAK_RSS_MB,
  type ExportBenchRun,
} from '../../formats/bench-export.ts';

const EXPORTERS: ExportBenchRun['format'][] = ['coco-spooled', 'coco-two-pass', 'jsonl'];

export const exportScenario: BenchScenario = {
  name: 'export',
  description: 'Generated box annotations streamed to COCO and JSONL files: annotations/s and peak RSS',
  async run(options) {
    // `--flag source=db`: the same export from a real database (items and annotations stored first).
    if (options.flags.source === 'db') return runDbExportBench(options);
    const annotations = options.items ?? 1_000_000;
    const only = options.flags.format;
    const formats = typeof only === 'string' ? EXPORTERS.filter((f) => f.startsWith(only)) : EXPORTERS;
    const runs = await runExportBench(annotations, ['baseline-stringify', ...formats], options.log);
    const baseline = runs[0]!;
    return runs.slice(1).map(
      (run): BenchResult => ({
        scenario: 'export',
        db: 'none',
        items: run.annotations,
        concurrency: 1,
        value: Math.round(run.annotationsPerSecond),
        unit: 'annotations/s',
        baseline: Math.round(baseline.annotationsPerSecond),
        ratio: Number((run.annotationsPerSecond / baseline.annotationsPerSecond).toFixed(3)),
        p50_ms: null,
        p99_ms: null,
        rss_mb: Math.round(run.peakRssMb),
        format: run.format,
        seconds: Number(run.seconds.toFixed(2)),
        file_mb: Math.round(run.fileMb),
        baseline_method: 'the same records as JSON.stringify lines, no export logic',
        target_annotations_per_s: TARGET_ANNOTATIONS_PER_SECOND,
        target_rss_mb: TARGET_PEAK_RSS_MB,
        meets_target: run.annotationsPerSecond >= TARGET_ANNOTATIONS_PER_SECOND && run.peakRssMb <= TARGET_PEAK_RSS_MB,
      }),
    );
  },
};
