/**
 * How close one annotation result is to a known answer (a gold item, a qualification question), from
 * 0 to 1: per control, choices by set overlap (Jaccard: exact for single choice), boxes and polygons
 * by F1 after one-to-one IoU matching (IoU ≥ 0.5, same label), spans by exact-match F1; the score is
 * the mean over the controls that either side answered.
 */
import type { AnnotationResult, BoxRegion, LabelSchema, PolygonRegion, SpanRegion } from '../label-schema.ts';
import { boxIoU } from './box-iou.ts';
import { choiceOverlap } from './choice-overlap.ts';
import { polygonIoU } from './polygon-iou.ts';
import { regionAgreement } from './region-agreement.ts';
import { spanF1 } from './span-f1.ts';

export interface ResultScore {
  score: number;
  byControl: { control: string; score: number }[];
}

export function scoreResult(given: AnnotationResult, known: AnnotationResult, schema: LabelSchema, iouThreshold = 0.5): ResultScore {
  const byControl: { control: string; score: number }[] = [];
  for (const control of schema.controls) {
    const name = control.name;
    if (control.kind === 'single_choice' || control.kind === 'multi_choice') {
      const a = given.choices[name] ?? [];
      const b = known.choices[name] ?? [];
      if (a.length === 0 && b.length === 0) continue;
      byControl.push({ control: name, score: choiceOverlap(a, b) });
      continue;
    }
    const mine = given.regions.filter((r) => r.control === name);
    const theirs = known.regions.filter((r) => r.control === name);
    if (mine.length === 0 && theirs.length === 0) continue;
    let score: number;
    if (control.kind === 'bbox') {
      score = regionAgreement(mine as BoxRegion[], theirs as BoxRegion[], boxIoU, { threshold: iouThreshold, label: (r) => r.label }).f1;
    } else if (control.kind === 'polygon') {
      score = regionAgreement(mine as PolygonRegion[], theirs as PolygonRegion[], (x, y) => polygonIoU(x.points, y.points), { threshold: iouThreshold, label: (r) => r.label }).f1;
    } else {
      score = spanF1(mine as SpanRegion[], theirs as SpanRegion[], 'exact').f1;
    }
    byControl.push({ control: name, score });
  }
  const score = byControl.length === 0 ? 1 : byControl.reduce((s, c) => s + c.score, 0) / byControl.length;
  return { score, byControl };
}
