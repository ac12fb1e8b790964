/**
 * Where the annotators of one item differ, for the reviewer who has to decide between them: per
 * region control, how well their regions match (the same one-to-one IoU matching as the quality
 * screen's agreement, so the two never tell different stories) and which regions not everyone
 * drew; per choice question, whether they answered alike. A reviewer then looks at the few
 * places that disagree instead of comparing every box by eye.
 */
import type { AnnotationResult, LabelSchema, Region } from '../label-schema.ts';
import type { RegionMatch } from './region-agreement.ts';
import { type RegionKind, isRegionKind, matcherOf } from './region-agreement-breakdown.ts';

export interface ComparedAnnotation {
  id: number;
  result: AnnotationResult;
}

export interface RegionControlDifference {
  control: string;
  kind: RegionKind;
  /** Regions of this control over all annotations. */
  regions: number;
  /** Of those, the ones some other annotator has no match for. */
  unmatched: number;
  /** Pairs of unmatched regions that would match but for their label: marked alike, named differently. */
  relabelled: number;
  /** Mean F1 over pairs of annotations (1 when neither drew anything). */
  f1: number;
  /** Mean IoU of matched shapes; NaN without matches, and for spans (which match exactly). */
  meanIoU: number;
}

export interface ChoiceControlDifference {
  control: string;
  kind: 'single_choice' | 'multi_choice';
  agree: boolean;
  /** Each annotation's labels, sorted; empty when it left the question open. */
  answers: { annotationId: number; labels: string[] }[];
}

export interface ItemDifferences {
  regionControls: RegionControlDifference[];
  choiceControls: ChoiceControlDifference[];
  /** Per annotation id, the indexes into its `result.regions` of the regions not everyone matched. */
  unmatched: Map<number, Set<number>>;
}

type Matcher = (a: readonly Region[], b: readonly Region[]) => RegionMatch[];
type Matchers = { sameLabel: Matcher; anyLabel: Matcher };

/** Compares every two annotations of one item; with fewer than two there is nothing to compare. */
export function itemDifferences(schema: LabelSchema, annotations: readonly ComparedAnnotation[]): ItemDifferences {
  const differences: ItemDifferences = { regionControls: [], choiceControls: [], unmatched: new Map() };
  if (annotations.length < 2) return differences;
  for (const a of annotations) differences.unmatched.set(a.id, new Set());
  for (const control of schema.controls) {
    if (isRegionKind(control.kind)) {
      const match = { sameLabel: matcherOf(control.kind), anyLabel: matcherOf(control.kind, 'any') };
      differences.regionControls.push(compareRegions(control.name, control.kind, match, annotations, differences.unmatched));
    } else differences.choiceControls.push(compareChoices(control.name, control.kind as ChoiceControlDifference['kind'], annotations));
  }
  return differences;
}

function compareRegions(
  control: string,
  kind: RegionControlDifference['kind'],
  match: Matchers,
  annotations: readonly ComparedAnnotation[],
  unmatched: Map<number, Set<number>>,
): RegionControlDifference {
  // Each annotation's regions of this control, with their indexes in the whole result.
  const own = annotations.map((a) => {
    const indexes: number[] = [];
    a.result.regions.forEach((r, i) => r.control === control && indexes.push(i));
    return { id: a.id, indexes, regions: indexes.map((i) => a.result.regions[i]!) };
  });
  let f1 = 0;
  let pairs = 0;
  let iou = 0;
  let matches = 0;
  let relabelled = 0;
  for (let x = 0; x < own.length; x++) {
    for (let y = x + 1; y < own.length; y++) {
      const a = own[x]!;
      const b = own[y]!;
      const found = match.sameLabel(a.regions, b.regions);
      const total = a.regions.length + b.regions.length;
      f1 += total === 0 ? 1 : (2 * found.length) / total;
      pairs++;
      const matchedA = new Set(found.map((m) => m.a));
      const matchedB = new Set(found.map((m) => m.b));
      a.indexes.forEach((index, k) => matchedA.has(k) || unmatched.get(a.id)!.add(index));
      b.indexes.forEach((index, k) => matchedB.has(k) || unmatched.get(b.id)!.add(index));
      // What is left on both sides, matched again without labels: the same thing, named differently.
      const leftA = a.regions.filter((_, k) => !matchedA.has(k));
      const leftB = b.regions.filter((_, k) => !matchedB.has(k));
      relabelled += match.anyLabel(leftA, leftB).length;
      for (const m of found) {
        if (Number.isNaN(m.iou)) continue;
        iou += m.iou;
        matches++;
      }
    }
  }
  return {
    control,
    kind,
    regions: own.reduce((n, o) => n + o.regions.length, 0),
    unmatched: own.reduce((n, o) => n + o.indexes.filter((i) => unmatched.get(o.id)!.has(i)).length, 0),
    relabelled,
    f1: f1 / pairs,
    meanIoU: matches > 0 ? iou / matches : Number.NaN,
  };
}

function compareChoices(control: string, kind: ChoiceControlDifference['kind'], annotations: readonly ComparedAnnotation[]): ChoiceControlDifference {
  const answers = annotations.map((a) => ({ annotationId: a.id, labels: [...(a.result.choices[control] ?? [])].sort() }));
  const first = answers[0]!.labels.join('\u0000');
  return { control, kind, agree: answers.every((a) => a.labels.join('\u0000') === first), answers };
}
