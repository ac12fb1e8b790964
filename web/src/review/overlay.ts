/**
 * Several annotators' regions on one canvas (review and adjudication): each region coloured by its
 * annotator; where they differ, the regions not everyone matched bold and the matched ones faint, or
 * only the former when asked. Side by side, each annotator's pane is their part of the same overlay,
 * so that "differences only" and the emphasis hold there too. Pure, so it is tested without a browser.
 */
import type { ItemDifferences } from '../../../src/core/quality/item-differences.ts';
import type { Annotation } from '../api/types.ts';
import type { DraftRegion, RegionEmphasis } from '../annotate/draft.ts';

/** Colours of annotators, chosen to stay apart from one another (and readable by the colour-blind). */
export const ANNOTATOR_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

export const annotatorColor = (index: number): string => ANNOTATOR_COLORS[index % ANNOTATOR_COLORS.length]!;

export interface Overlay {
  regions: DraftRegion[];
  colorOfRegion(id: string): string | undefined;
  /** Absent when every region is matched: then nothing needs to stand out. */
  emphasisOf?: (id: string) => RegionEmphasis;
  /** Some region is not matched by everyone. */
  anyUnmatched: boolean;
  /** Only those are shown (asked for, and there are some). */
  onlyDifferences: boolean;
}

export function overlayOf(annotations: readonly Pick<Annotation, 'id' | 'result'>[], differences: ItemDifferences | null, onlyDifferences = false): Overlay {
  const anyUnmatched = differences !== null && [...differences.unmatched.values()].some((set) => set.size > 0);
  const only = onlyDifferences && anyUnmatched;
  const regions: DraftRegion[] = [];
  const colors = new Map<string, string>();
  const unmatched = new Set<string>();
  annotations.forEach((a, n) => {
    a.result.regions.forEach((r, i) => {
      const id = `a${a.id}-${i}`;
      const flagged = differences?.unmatched.get(a.id)?.has(i) ?? false;
      if (flagged) unmatched.add(id);
      if (only && !flagged) return;
      regions.push({ ...r, id });
      colors.set(id, annotatorColor(n));
    });
  });
  return {
    regions,
    colorOfRegion: (id) => colors.get(id),
    ...(anyUnmatched && { emphasisOf: (id: string): RegionEmphasis => (unmatched.has(id) ? 'strong' : 'faint') }),
    anyUnmatched,
    onlyDifferences: only,
  };
}

/** One annotator's regions of an overlay, for their pane side by side: the same ones shown, with the same emphasis. */
export function paneRegions(overlay: Overlay, annotationId: number): DraftRegion[] {
  const prefix = `a${annotationId}-`;
  return overlay.regions.filter((r) => r.id.startsWith(prefix));
}
