/**
 * Consensus boxes for one image from several annotators' boxes, where boxes of different
 * annotators have no correspondence until they are matched.
 *
 * `fuseBoxes` is weighted box fusion (Solovyev et al. 2021) adapted to crowds: boxes are taken in
 * order of their annotator's weight, each joins the cluster whose *running fused box* overlaps it
 * most (IoU ≥ threshold, one box per annotator per cluster), the fused box is the weight-averaged
 * corners, and a cluster is kept when the annotators in it hold more than `minShare` of the
 * image's total weight (annotators who drew nothing count against every cluster).
 * `majorityBoxes` is the baseline: clusters formed around their first box, kept on a strict
 * head-count majority, box = coordinate-wise median.
 * `boxWorkerSkills` scores annotators against a consensus without gold, for a second weighted pass.
 * `fuseImagesByModel` decides which clusters are real objects with Dawid-Skene instead of a fixed
 * share: every cluster is an item, every annotator of its image answers "drew it" or "did not",
 * and EM learns each annotator's recall and false-box rate from all images at once.
 */
import { encodeAnswers } from './answers.ts';
import { type Box, boxIoU } from './box-iou.ts';
import { dawidSkene } from './dawid-skene.ts';
import { median } from './numeric-aggregation.ts';
import { regionAgreement } from './region-agreement.ts';

export interface BoxAnnotation {
  worker: string;
  /** Empty when the annotator saw the image and drew nothing. */
  boxes: readonly Box[];
}

export interface FusedBox extends Box {
  /** Weighted share of the image's annotators whose box is in the cluster. */
  confidence: number;
  workers: string[];
}

export interface BoxFusionOptions {
  iouThreshold?: number;
  /** A cluster is kept when its weighted share is strictly above this. */
  minShare?: number;
  weights?: ReadonlyMap<string, number>;
}

interface Cluster {
  members: { box: Box; worker: string; weight: number }[];
  fused: Box;
}

function corners(b: Box): [number, number, number, number] {
  return [b.x, b.y, b.x + b.width, b.y + b.height];
}

function fromCornerArray([x1, y1, x2, y2]: number[]): Box {
  return { x: x1!, y: y1!, width: x2! - x1!, height: y2! - y1! };
}

function weightedMean(members: Cluster['members']): Box {
  const sum = [0, 0, 0, 0];
  let total = 0;
  for (const m of members) {
    corners(m.box).forEach((c, i) => (sum[i]! += c * m.weight));
    total += m.weight;
  }
  return fromCornerArray(sum.map((s) => s / total));
}

function totalWeight(annotations: readonly BoxAnnotation[], weight: (w: string) => number): number {
  return annotations.reduce((s, a) => s + weight(a.worker), 0);
}

export function fuseBoxes(annotations: readonly BoxAnnotation[], options: BoxFusionOptions = {}): FusedBox[] {
  const threshold = options.iouThreshold ?? 0.5;
  const minShare = options.minShare ?? 0.5;
  const weight = (worker: string): number => options.weights?.get(worker) ?? 1;
  const total = totalWeight(annotations, weight);
  if (total <= 0) return [];
  const boxes = annotations
    .flatMap((a) => a.boxes.map((box) => ({ box, worker: a.worker, weight: weight(a.worker) })))
    .filter((b) => b.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const clusters: Cluster[] = [];
  for (const entry of boxes) {
    let best: Cluster | null = null;
    let bestIoU = threshold;
    for (const cluster of clusters) {
      if (cluster.members.some((m) => m.worker === entry.worker)) continue;
      const iou = boxIoU(cluster.fused, entry.box);
      if (iou >= bestIoU) {
        best = cluster;
        bestIoU = iou;
      }
    }
    if (best) {
      best.members.push(entry);
      best.fused = weightedMean(best.members);
    } else clusters.push({ members: [entry], fused: entry.box });
  }
  return clusters
    .map((c) => ({
      ...c.fused,
      confidence: c.members.reduce((s, m) => s + m.weight, 0) / total,
      workers: c.members.map((m) => m.worker),
    }))
    .filter((b) => b.confidence > minShare)
    .sort((a, b) => b.confidence - a.confidence);
}

export function majorityBoxes(annotations: readonly BoxAnnotation[], options: Omit<BoxFusionOptions, 'weights'> = {}): FusedBox[] {
  const threshold = options.iouThreshold ?? 0.5;
  const minShare = options.minShare ?? 0.5;
  const total = annotations.length;
  if (total === 0) return [];
  const clusters: { seed: Box; members: { box: Box; worker: string }[] }[] = [];
  for (const a of annotations) {
    for (const box of a.boxes) {
      let best: (typeof clusters)[number] | null = null;
      let bestIoU = threshold;
      for (const cluster of clusters) {
        if (cluster.members.some((m) => m.worker === a.worker)) continue;
        const iou = boxIoU(cluster.seed, box);
        if (iou >= bestIoU) {
          best = cluster;
          bestIoU = iou;
        }
      }
      if (best) best.members.push({ box, worker: a.worker });
      else clusters.push({ seed: box, members: [{ box, worker: a.worker }] });
    }
  }
  return clusters
    .filter((c) => c.members.length / total > minShare)
    .map((c) => {
      const cs = c.members.map((m) => corners(m.box));
      return {
        ...fromCornerArray([0, 1, 2, 3].map((i) => median(cs.map((x) => x[i]!)))),
        confidence: c.members.length / total,
        workers: c.members.map((m) => m.worker),
      };
    })
    .sort((a, b) => b.confidence - a.confidence);
}

/**
 * Each annotator's agreement with the consensus: the mean over their images of the box F1 at
 * IoU ≥ threshold (1 when both drew nothing), with one pseudo-image at 0.5 so that an annotator
 * seen once is not trusted blindly.
 */
export function boxWorkerSkills(
  images: ReadonlyMap<string, readonly BoxAnnotation[]>,
  consensus: ReadonlyMap<string, readonly Box[]>,
  iouThreshold = 0.5,
): Map<string, number> {
  const sums = new Map<string, { f1: number; images: number }>();
  for (const [image, annotations] of images) {
    const agreed = consensus.get(image) ?? [];
    for (const a of annotations) {
      const s = sums.get(a.worker) ?? { f1: 0.5, images: 1 };
      s.f1 += regionAgreement(a.boxes, agreed, boxIoU, { threshold: iouThreshold }).f1;
      s.images++;
      sums.set(a.worker, s);
    }
  }
  return new Map([...sums].map(([worker, s]) => [worker, s.f1 / s.images]));
}

/** Two passes: fuse with equal weights, score annotators against that, fuse again by skill. */
export function fuseImages(
  images: ReadonlyMap<string, readonly BoxAnnotation[]>,
  options: Omit<BoxFusionOptions, 'weights'> = {},
): { boxes: Map<string, FusedBox[]>; skills: Map<string, number> } {
  const first = new Map([...images].map(([image, a]) => [image, fuseBoxes(a, options)]));
  const skills = boxWorkerSkills(images, first, options.iouThreshold);
  const boxes = new Map([...images].map(([image, a]) => [image, fuseBoxes(a, { ...options, weights: skills })]));
  return { boxes, skills };
}

export interface ModelFusion {
  boxes: Map<string, FusedBox[]>;
  /** Per annotator: P(draws a box | object is there), from the fitted confusion matrix. */
  recall: Map<string, number>;
  /** Per annotator: P(draws a box | nothing is there). */
  falseBoxRate: Map<string, number>;
}

export function fuseImagesByModel(
  images: ReadonlyMap<string, readonly BoxAnnotation[]>,
  options: { iouThreshold?: number; minProbability?: number } = {},
): ModelFusion {
  const minProbability = options.minProbability ?? 0.5;
  const candidates = new Map<string, FusedBox[]>();
  const answers: { item: string; worker: string; label: string }[] = [];
  for (const [image, annotations] of images) {
    const clusters = fuseBoxes(annotations, { iouThreshold: options.iouThreshold, minShare: 0 });
    candidates.set(image, clusters);
    clusters.forEach((cluster, c) => {
      for (const a of annotations) {
        answers.push({ item: `${image}\u0000${c}`, worker: a.worker, label: cluster.workers.includes(a.worker) ? 'box' : 'none' });
      }
    });
  }
  const boxes = new Map<string, FusedBox[]>();
  const recall = new Map<string, number>();
  const falseBoxRate = new Map<string, number>();
  if (answers.length === 0) return { boxes: new Map([...images.keys()].map((i) => [i, []])), recall, falseBoxRate };
  const data = encodeAnswers(answers, ['box', 'none']);
  const model = dawidSkene(data);
  const probability = new Map(model.items.map((it, i) => [it.item, model.posteriors[i * 2]!]));
  for (const [image, clusters] of candidates) {
    boxes.set(
      image,
      clusters
        .map((cluster, c) => ({ ...cluster, confidence: probability.get(`${image}\u0000${c}`) ?? 0 }))
        .filter((b) => b.confidence > minProbability)
        .sort((a, b) => b.confidence - a.confidence),
    );
  }
  for (const w of model.workers) {
    recall.set(w.worker, w.confusion![0]![0]!);
    falseBoxRate.set(w.worker, w.confusion![1]![0]!);
  }
  return { boxes, recall, falseBoxRate };
}
