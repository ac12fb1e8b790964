/**
 * `atelier bench --scenario box-fusion`: consensus boxes on `bbox_pedestrians` (7 crowd workers per
 * image) against the expert boxes of the 938 images that have them: precision and recall of the
 * consensus boxes at IoU ≥ 0.5 (one-to-one optimal matching per image). The baseline is
 * majority-style fusion (clusters around their first box, strict head-count majority, median
 * corners); the fused methods are skill-weighted box fusion and the Dawid-Skene cluster model.
 */
import { type Box, boxFromCorners, boxIoU } from '../../core/quality/box-iou.ts';
import { type BoxAnnotation, fuseImages, fuseImagesByModel, majorityBoxes } from '../../core/quality/box-fusion.ts';
import { matchRegions } from '../../core/quality/region-agreement.ts';
import type { BenchResult, BenchScenario } from '../types.ts';
import { readCsv } from './aggregation.ts';

/** Rows with empty box fields mean "looked, drew nothing": the image still counts for that annotator. */
function boxesBy(rows: Record<string, string>[], who: string): Map<string, Map<string, Box[]>> {
  const images = new Map<string, Map<string, Box[]>>();
  for (const r of rows) {
    const byAnnotator = images.get(r.item!) ?? new Map<string, Box[]>();
    images.set(r.item!, byAnnotator);
    const boxes = byAnnotator.get(r[who]!) ?? [];
    byAnnotator.set(r[who]!, boxes);
    if (r.x1 !== '') boxes.push(boxFromCorners(Number(r.x1), Number(r.y1), Number(r.x2), Number(r.y2)));
  }
  return images;
}

export function loadPedestrians(): { crowd: Map<string, BoxAnnotation[]>; expert: Map<string, Box[]> } {
  const crowd = new Map(
    [...boxesBy(readCsv('bbox_pedestrians/answers.csv'), 'worker')].map(([image, m]) => [image, [...m].map(([worker, boxes]) => ({ worker, boxes }))]),
  );
  // One expert per image: their boxes are the truth.
  const expert = new Map([...boxesBy(readCsv('bbox_pedestrians/gold.csv'), 'expert')].map(([image, m]) => [image, [...m.values()].flat()]));
  return { crowd, expert };
}

export interface DetectionScore {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  expected: number;
}

export function scoreBoxes(predicted: ReadonlyMap<string, readonly Box[]>, expert: ReadonlyMap<string, readonly Box[]>): DetectionScore {
  let matched = 0;
  let p = 0;
  let e = 0;
  for (const [image, truth] of expert) {
    const boxes = predicted.get(image) ?? [];
    matched += matchRegions(boxes, truth, boxIoU, { threshold: 0.5 }).length;
    p += boxes.length;
    e += truth.length;
  }
  return { precision: p ? matched / p : 0, recall: e ? matched / e : 0, f1: p + e ? (2 * matched) / (p + e) : 0, predicted: p, expected: e };
}

export const boxFusionScenario: BenchScenario = {
  name: 'box-fusion',
  description: 'Consensus pedestrian boxes from 7 crowd workers vs expert boxes: precision and recall at IoU ≥ 0.5',
  async run(options) {
    const { crowd, expert } = loadPedestrians();
    const answers = [...crowd.values()].reduce((s, a) => s + a.reduce((t, x) => t + x.boxes.length, 0), 0);
    const timed = <T>(f: () => T): [T, number] => {
      const start = performance.now();
      const value = f();
      return [value, performance.now() - start];
    };
    const [majority, majorityMs] = timed(() => new Map([...crowd].map(([image, a]) => [image, majorityBoxes(a)])));
    const [weighted, weightedMs] = timed(() => fuseImages(crowd).boxes);
    const [model, modelMs] = timed(() => fuseImagesByModel(crowd).boxes);
    const base = scoreBoxes(majority, expert);
    const out: BenchResult[] = [];
    const runs: [string, Map<string, readonly Box[]>, number][] = [
      ['majority', majority, majorityMs],
      ['weighted-box-fusion', weighted, weightedMs],
      ['dawid-skene-clusters', model, modelMs],
    ];
    for (const [method, boxes, ms] of runs) {
      const s = scoreBoxes(boxes, expert);
      options.log(`box-fusion ${method}: precision ${s.precision.toFixed(4)} recall ${s.recall.toFixed(4)}`);
      for (const [metric, value, baseline] of [
        ['precision', s.precision, base.precision],
        ['recall', s.recall, base.recall],
      ] as const) {
        out.push({
          scenario: 'box-fusion', db: 'none', items: crowd.size, concurrency: 1,
          value: Number(value.toFixed(4)), unit: metric, baseline: Number(baseline.toFixed(4)), ratio: Number((value / baseline).toFixed(4)),
          p50_ms: null, p99_ms: null, rss_mb: Math.round(process.memoryUsage().rss / 1e6),
          method, f1: Number(s.f1.toFixed(4)), boxes: s.predicted, expert_boxes: s.expected, expert_images: expert.size,
          crowd_boxes: answers, iou_threshold: 0.5, ms: Math.round(ms), baseline_method: 'majority',
        });
      }
    }
    return out;
  },
};
