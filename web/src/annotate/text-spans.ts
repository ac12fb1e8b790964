/**
 * Between the text annotator's annotations (a selector with quote and start/end offsets into the
 * text element's characters) and Atelier's span regions (UTF-16 offsets into the item's text, end
 * exclusive). The text is rendered as one text node, so both count the same characters.
 */
import type { SpanRegion } from '../api/types.ts';
import type { DraftRegion } from './draft.ts';

export interface SpanAnnotation {
  id: string;
  bodies: { id: string; annotation: string; purpose?: string; value?: string }[];
  target: { annotation: string; selector: { quote: string; start: number; end: number }[] };
  properties?: { control?: string; [key: string]: unknown };
}

export function spanAnnotationFromRegion(region: DraftRegion): SpanAnnotation | null {
  if (region.kind !== 'span') return null;
  return {
    id: region.id,
    bodies: [{ id: `${region.id}-label`, annotation: region.id, purpose: 'tagging', value: region.label }],
    target: { annotation: region.id, selector: [{ quote: region.text ?? '', start: region.start, end: region.end }] },
    properties: { control: region.control },
  };
}

/**
 * The span a selection stands for, trimmed of the spaces a double-click or a sloppy drag takes
 * along (a name never starts or ends with a space). Null when nothing but spaces was selected.
 */
export function spanRegionFromAnnotation(
  annotation: SpanAnnotation,
  text: string,
  fallback: { control: string; label: string } | null,
): DraftRegion | null {
  const label = annotation.bodies.find((b) => b.purpose === 'tagging')?.value ?? fallback?.label;
  const control = annotation.properties?.control ?? fallback?.control;
  const selector = annotation.target.selector[0];
  if (!label || !control || !selector) return null;
  let start = Math.max(0, Math.min(selector.start, text.length));
  let end = Math.max(start, Math.min(selector.end, text.length));
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  const span: SpanRegion & { id: string } = { id: annotation.id, control, kind: 'span', label, start, end, text: text.slice(start, end) };
  return span;
}
