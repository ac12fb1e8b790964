/**
 * Agreement on drawn regions (boxes, polygons, text spans) broken down as the quality screen asks:
 * for the project, per pool (annotators of one pool among themselves), per pair of annotators and
 * per label. Every two annotators of one item are compared: their regions are matched one-to-one
 * (optimal assignment on IoU for shapes, exact offsets for spans, never across labels) and the
 * comparison scores 2·matches / (|A| + |B|), the F1 of one against the other (1 when neither drew
 * anything: both saw nothing to mark). Figures are means over comparisons, as an item's own
 * agreement is; the mean IoU of matched shapes says how tightly they were drawn.
 */
import { boxIoU } from './box-iou.ts';
import { polygonIoU } from './polygon-iou.ts';
import { type RegionMatch, matchRegions } from './region-agreement.ts';

/** The regions one annotator drew on one item for one control (possibly none). */
export interface RegionAnswer<R> {
  item: string;
  worker: string;
  pool?: string;
  regions: readonly R[];
}

export interface RegionAgreementSummary {
  items: number;
  /** Items with answers from two or more annotators. */
  pairableItems: number;
  comparisons: number;
  /** Mean F1 over comparisons; NaN without any. */
  f1: number;
  /** Mean IoU of matched regions; NaN without matches (and for spans, which match exactly). */
  meanIoU: number;
}

export interface RegionPairAgreement {
  workerA: string;
  workerB: string;
  sharedItems: number;
  f1: number;
  meanIoU: number;
}

export interface RegionLabelAgreement {
  label: string;
  regions: number;
  /** Mean F1 of this label's regions over the comparisons where either side drew it; NaN if none. */
  f1: number;
}

export interface RegionAgreementBreakdown {
  project: RegionAgreementSummary;
  byPool: (RegionAgreementSummary & { pool: string })[];
  byPair: RegionPairAgreement[];
  byLabel: RegionLabelAgreement[];
}

export type RegionMatcher<R> = (a: readonly R[], b: readonly R[]) => RegionMatch[];

type Box = { label: string; x: number; y: number; width: number; height: number };
type Polygon = { label: string; points: [number, number][] };
type Span = { label: string; start: number; end: number };
export type RegionKind = 'bbox' | 'polygon' | 'span';
/** A control whose answers are drawn regions (not choices). */
export const isRegionKind = (kind: string): kind is RegionKind => kind === 'bbox' || kind === 'polygon' || kind === 'span';

/** How two regions of a kind overlap, and from what overlap on they are the same region. */
const OVERLAP: Record<RegionKind, { iou(x: never, y: never): number; threshold: number }> = {
  bbox: { iou: (x: Box, y: Box) => boxIoU(x, y), threshold: 0.5 },
  polygon: { iou: (x: Polygon, y: Polygon) => polygonIoU(x.points, y.points), threshold: 0.5 },
  // Spans match when their offsets are identical (exact span F1).
  span: { iou: (x: Span, y: Span) => (x.start === y.start && x.end === y.end ? 1 : 0), threshold: 1 },
};

const byLabel = (r: { label: string }) => r.label;

/**
 * The one-to-one matching of regions of one kind: within a label (the agreement figures), or
 * across labels (what only the label tells apart). Spans report no IoU: theirs is always 1.
 */
export function matcherOf(kind: RegionKind, labels: 'same' | 'any' = 'same'): RegionMatcher<{ label: string }> {
  const { iou, threshold } = OVERLAP[kind] as { iou(x: { label: string }, y: { label: string }): number; threshold: number };
  const options = { threshold, ...(labels === 'same' && { label: byLabel }) };
  if (kind === 'span') return (a, b) => matchRegions(a, b, iou, options).map((m) => ({ ...m, iou: Number.NaN }));
  return (a, b) => matchRegions(a, b, iou, options);
}

export const matchBoxes: RegionMatcher<Box> = matcherOf('bbox');
export const matchPolygons: RegionMatcher<Polygon> = matcherOf('polygon');
export const matchSpans: RegionMatcher<Span> = matcherOf('span');

class Tally {
  f1 = 0;
  comparisons = 0;
  iou = 0;
  matches = 0;
  items = new Set<string>();
  pairable = new Set<string>();

  add(item: string, f1: number, matches: readonly RegionMatch[]): void {
    this.f1 += f1;
    this.comparisons++;
    this.pairable.add(item);
    for (const m of matches) {
      if (Number.isNaN(m.iou)) continue;
      this.iou += m.iou;
      this.matches++;
    }
  }

  summary(): RegionAgreementSummary {
    return {
      items: this.items.size,
      pairableItems: this.pairable.size,
      comparisons: this.comparisons,
      f1: this.comparisons ? this.f1 / this.comparisons : Number.NaN,
      meanIoU: this.matches ? this.iou / this.matches : Number.NaN,
    };
  }
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

export interface RegionBreakdownOptions {
  /** Pairs sharing fewer items are left out (their figure would be noise). */
  minSharedItems?: number;
}

export function regionAgreementBreakdown<R extends { label: string }>(
  answers: readonly RegionAnswer<R>[],
  match: RegionMatcher<R>,
  options: RegionBreakdownOptions = {},
): RegionAgreementBreakdown {
  const project = new Tally();
  const pools = new Map<string, Tally>();
  const pairs = new Map<string, { a: string; b: string; tally: Tally }>();
  const labels = new Map<string, { regions: number; f1: number; comparisons: number }>();
  const items = new Map<string, RegionAnswer<R>[]>();
  for (const answer of answers) {
    getOr(items, answer.item, () => []).push(answer);
    project.items.add(answer.item);
    if (answer.pool !== undefined) getOr(pools, answer.pool, () => new Tally()).items.add(answer.item);
    for (const r of answer.regions) getOr(labels, r.label, () => ({ regions: 0, f1: 0, comparisons: 0 })).regions++;
  }
  for (const [item, list] of items) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = list[i]!.worker < list[j]!.worker ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
        if (x.worker === y.worker) continue;
        const matches = match(x.regions, y.regions);
        const total = x.regions.length + y.regions.length;
        const f1 = total === 0 ? 1 : (2 * matches.length) / total;
        project.add(item, f1, matches);
        if (x.pool !== undefined && x.pool === y.pool) pools.get(x.pool)!.add(item, f1, matches);
        getOr(pairs, `${x.worker}\u0000${y.worker}`, () => ({ a: x.worker, b: y.worker, tally: new Tally() })).tally.add(item, f1, matches);
        addLabelComparisons(labels, x.regions, y.regions, matches);
      }
    }
  }
  const minShared = options.minSharedItems ?? 5;
  return {
    project: project.summary(),
    byPool: [...pools].map(([pool, tally]) => ({ pool, ...tally.summary() })),
    byPair: [...pairs.values()]
      .filter((p) => p.tally.pairable.size >= minShared)
      .map(({ a, b, tally }) => {
        const { pairableItems, f1, meanIoU } = tally.summary();
        return { workerA: a, workerB: b, sharedItems: pairableItems, f1, meanIoU };
      })
      .sort((p, q) => p.f1 - q.f1 || q.sharedItems - p.sharedItems),
    byLabel: [...labels.keys()].sort().map((label) => {
      const l = labels.get(label)!;
      return { label, regions: l.regions, f1: l.comparisons ? l.f1 / l.comparisons : Number.NaN };
    }),
  };
}

/** Per label, one comparison's F1 restricted to that label, where either side drew it. */
function addLabelComparisons<R extends { label: string }>(
  labels: Map<string, { f1: number; comparisons: number }>,
  a: readonly R[],
  b: readonly R[],
  matches: readonly RegionMatch[],
): void {
  const drawn = new Map<string, number>();
  for (const r of [...a, ...b]) drawn.set(r.label, (drawn.get(r.label) ?? 0) + 1);
  const matched = new Map<string, number>();
  for (const m of matches) matched.set(a[m.a]!.label, (matched.get(a[m.a]!.label) ?? 0) + 1);
  for (const [label, total] of drawn) {
    const l = labels.get(label)!;
    l.f1 += (2 * (matched.get(label) ?? 0)) / total;
    l.comparisons++;
  }
}
