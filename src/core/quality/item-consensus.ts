/**
 * The label Atelier settles on for one item from its annotators' results, control by control, with
 * how sure it is and how much the annotators agree:
 *  - single choice: vote weighted by each annotator's gold accuracy; confidence = the winner's share;
 *    agreement = share of the weight that chose the winner;
 *  - multiple choice: each label kept when more than half the weight chose it; agreement = mean
 *    pairwise Jaccard of the choices;
 *  - boxes: fusion of IoU clusters per label (kept by weighted majority); agreement = mean pairwise F1
 *    after IoU matching;
 *  - polygons: the polygon of the most trusted annotator in each cluster (no averaging of shapes);
 *  - spans: span voting; agreement = mean pairwise exact span F1.
 * The item's agreement is the lowest over the controls that anyone answered: an item is as settled
 * as its least settled question. With the mean, a 1–1 split on a required choice beside identical
 * spans scored 0.75 and was accepted, where the agreement threshold exists to send it to the
 * experts. One annotator alone gives no agreement (null).
 */
import type { AnnotationResult, BoxRegion, LabelSchema, PolygonRegion, Region, SpanRegion } from '../label-schema.ts';
import { fuseBoxes } from './box-fusion.ts';
import { boxIoU } from './box-iou.ts';
import { choiceOverlap } from './choice-overlap.ts';
import { polygonIoU } from './polygon-iou.ts';
import { matchRegions, multiAnnotatorRegionAgreement } from './region-agreement.ts';
import { spanF1 } from './span-f1.ts';
import { voteSpans } from './span-voting.ts';

export interface ItemAnswer {
  annotator: string;
  result: AnnotationResult;
  /** 0..1, e.g. gold accuracy; 1 when unknown. */
  weight: number;
}

export interface ItemConsensusResult {
  result: AnnotationResult;
  /** 0..1: the mean over controls of the consensus's weighted support. */
  confidence: number;
  /** 0..1, the lowest of the controls'; null with fewer than two annotators. */
  agreement: number | null;
  byControl: { control: string; confidence: number; agreement: number | null }[];
}

function meanPairwise<T>(values: readonly T[], score: (a: T, b: T) => number): number | null {
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      total += score(values[i]!, values[j]!);
      pairs++;
    }
  }
  return pairs === 0 ? null : total / pairs;
}

const asBox = (r: BoxRegion) => ({ x: r.x, y: r.y, width: r.width, height: r.height });

export function itemConsensus(schema: LabelSchema, answers: readonly ItemAnswer[]): ItemConsensusResult {
  const result: AnnotationResult = { choices: {}, regions: [] };
  const byControl: ItemConsensusResult['byControl'] = [];
  const totalWeight = answers.reduce((s, a) => s + a.weight, 0) || 1;
  const weights = new Map(answers.map((a) => [a.annotator, a.weight]));

  for (const control of schema.controls) {
    const name = control.name;
    if (control.kind === 'single_choice' || control.kind === 'multi_choice') {
      const chosen = answers.map((a) => a.result.choices[name] ?? []);
      if (chosen.every((c) => c.length === 0)) continue;
      const support = new Map<string, number>();
      answers.forEach((a, i) => chosen[i]!.forEach((label) => support.set(label, (support.get(label) ?? 0) + a.weight)));
      if (control.kind === 'single_choice') {
        // Ties go to the label that comes first in the schema: deterministic, and the schema's order is the manager's.
        const order = control.labels.map((l) => l.name);
        const ranked = [...support.entries()].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]));
        const [winner, weight] = ranked[0]!;
        result.choices[name] = [winner];
        const share = weight / totalWeight;
        byControl.push({ control: name, confidence: share, agreement: answers.length > 1 ? share : null });
      } else {
        const kept = [...support.entries()].filter(([, w]) => w / totalWeight > 0.5).map(([l]) => l);
        result.choices[name] = kept;
        const confidence = kept.length === 0 ? 1 : kept.reduce((s, l) => s + support.get(l)! / totalWeight, 0) / kept.length;
        byControl.push({ control: name, confidence, agreement: meanPairwise(chosen, choiceOverlap) });
      }
      continue;
    }

    const regionsOf = (a: ItemAnswer): Region[] => a.result.regions.filter((r) => r.control === name);
    if (answers.every((a) => regionsOf(a).length === 0)) continue;
    if (control.kind === 'bbox') {
      const labels = new Set(answers.flatMap((a) => regionsOf(a).map((r) => r.label)));
      const confidences: number[] = [];
      for (const label of labels) {
        const fused = fuseBoxes(
          answers.map((a) => ({ worker: a.annotator, boxes: (regionsOf(a) as BoxRegion[]).filter((r) => r.label === label).map(asBox) })),
          { weights },
        );
        for (const box of fused) {
          result.regions.push({ control: name, kind: 'bbox', label, x: box.x, y: box.y, width: box.width, height: box.height });
          confidences.push(box.confidence);
        }
      }
      const agreement = multiAnnotatorRegionAgreement(answers.map((a) => regionsOf(a) as BoxRegion[]), boxIoU, { label: (r) => r.label });
      byControl.push({ control: name, confidence: mean(confidences), agreement: agreement.pairs > 0 ? agreement.f1 : null });
    } else if (control.kind === 'polygon') {
      const { regions, confidences } = polygonConsensus(answers, (a) => regionsOf(a) as PolygonRegion[], totalWeight);
      result.regions.push(...regions);
      const agreement = multiAnnotatorRegionAgreement(answers.map((a) => regionsOf(a) as PolygonRegion[]), (x, y) => polygonIoU(x.points, y.points), { label: (r) => r.label });
      byControl.push({ control: name, confidence: mean(confidences), agreement: agreement.pairs > 0 ? agreement.f1 : null });
    } else {
      const spansOf = (a: ItemAnswer) => (regionsOf(a) as SpanRegion[]).map((s) => ({ start: s.start, end: s.end, label: s.label }));
      const voted = voteSpans(answers.map((a) => ({ worker: a.annotator, spans: spansOf(a) })), { weights });
      for (const s of voted) {
        const text = (answers.flatMap((a) => regionsOf(a) as SpanRegion[]).find((r) => r.start === s.start && r.end === s.end)?.text);
        result.regions.push({ control: name, kind: 'span', label: s.label, start: s.start, end: s.end, ...(text !== undefined && { text }) });
      }
      byControl.push({ control: name, confidence: mean(voted.map((s) => s.confidence)), agreement: meanPairwise(answers.map(spansOf), (a, b) => spanF1(a, b, 'exact').f1) });
    }
  }

  const agreements = byControl.map((c) => c.agreement).filter((a): a is number => a !== null);
  return {
    result,
    confidence: byControl.length === 0 ? 1 : mean(byControl.map((c) => c.confidence)),
    agreement: answers.length < 2 ? null : agreements.length === 0 ? 1 : Math.min(...agreements),
    byControl,
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 1 : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Polygons clustered by IoU against the most trusted annotator's; a cluster kept by weighted majority. */
function polygonConsensus(answers: readonly ItemAnswer[], regionsOf: (a: ItemAnswer) => PolygonRegion[], totalWeight: number) {
  const ranked = [...answers].sort((a, b) => b.weight - a.weight);
  const lead = ranked[0]!;
  const regions: PolygonRegion[] = [];
  const confidences: number[] = [];
  for (const polygon of regionsOf(lead)) {
    let support = lead.weight;
    for (const other of ranked.slice(1)) {
      const matched = matchRegions([polygon], regionsOf(other), (x, y) => polygonIoU(x.points, y.points), { label: (r) => r.label });
      if (matched.length > 0) support += other.weight;
    }
    const share = support / totalWeight;
    if (share > 0.5) {
      regions.push(polygon);
      confidences.push(share);
    }
  }
  return { regions, confidences };
}
