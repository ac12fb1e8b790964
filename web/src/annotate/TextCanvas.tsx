/**
 * A text to mark spans in, with @recogito/text-annotator. The text is one text node, so the
 * annotator's offsets are the item's UTF-16 offsets. A selection becomes a span of the active label
 * at once; the draft is the truth and what is shown follows it.
 */
import { createTextAnnotator, type HighlightStyleExpression, Origin, type TextAnnotation, type TextAnnotator, UserSelectAction } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { DraftRegion, RegionEmphasis } from './draft.ts';
import { type SpanAnnotation, spanAnnotationFromRegion, spanRegionFromAnnotation } from './text-spans.ts';

export interface TextCanvasProps {
  readyKey: string;
  text: string;
  regions: DraftRegion[];
  colorOf: (control: string, label: string) => string;
  colorOfRegion?: (id: string) => string | undefined;
  emphasisOf?: (id: string) => RegionEmphasis | undefined;
  /** The span label a new selection gets; null lets nothing be marked. */
  tool: { control: string; label: string } | null;
  selectedId: string | null;
  readOnly?: boolean;
  label: string;
  onCreate?(region: DraftRegion): void;
  onSelect?(id: string | null): void;
  onReady?(key: string): void;
}

export default function TextCanvas(props: TextCanvasProps) {
  const element = useRef<HTMLDivElement>(null);
  const annotator = useRef<TextAnnotator<TextAnnotation, TextAnnotation> | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // One annotator per text: its index of ranges is built from the text it was made on.
  useLayoutEffect(() => {
    const el = element.current;
    if (!el) return;
    el.textContent = props.text;
    const anno = createTextAnnotator<TextAnnotation, TextAnnotation>(el, {
      annotatingEnabled: !latest.current.readOnly,
      renderer: 'SPANS',
      userSelectAction: latest.current.readOnly ? UserSelectAction.NONE : UserSelectAction.SELECT,
      style: ((a: unknown) => {
        const s = a as SpanAnnotation;
        const label = s.bodies.find((b) => b.purpose === 'tagging')?.value;
        const color =
          latest.current.colorOfRegion?.(s.id) ?? (label && s.properties?.control ? latest.current.colorOf(s.properties.control, label) : '#999999');
        const emphasis = latest.current.emphasisOf?.(s.id);
        const weight = emphasis === 'strong' ? { fillOpacity: 0.45, underlineThickness: 4 } : emphasis === 'faint' ? { fillOpacity: 0.1, underlineThickness: 1 } : { fillOpacity: 0.28, underlineThickness: 2 };
        return { fill: color, underlineColor: color, underlineStyle: 'solid', underlineOffset: 2, ...weight };
      }) as HighlightStyleExpression,
    });
    annotator.current = anno;
    // The annotator selects the span a selection has just made. Reported up, that made the next label
    // picked rename it: a span is only selected when clicked, by a gesture after the one that made it.
    const justMade = new Set<string>();
    const onPointerDown = () => justMade.clear();
    document.addEventListener('pointerdown', onPointerDown, true);
    const onChange = (event: { changes: { created?: TextAnnotation[] } }) => {
      for (const created of event.changes.created ?? []) {
        const p = latest.current;
        if (p.readOnly) continue;
        const region = spanRegionFromAnnotation(created as unknown as SpanAnnotation, p.text, p.tool);
        if (region) {
          justMade.add(created.id);
          p.onCreate?.(region);
        } else anno.removeAnnotation(created.id);
      }
    };
    anno.state.store.observe(onChange as never, { origin: 'LOCAL' as never });
    const onSelection = (selected: TextAnnotation[]) => {
      const first = selected[0];
      if (first && justMade.has(first.id)) {
        anno.cancelSelected();
        return;
      }
      latest.current.onSelect?.(first?.id ?? null);
    };
    anno.on('selectionChanged', onSelection);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      anno.state.store.unobserve(onChange as never);
      anno.off('selectionChanged', onSelection);
      anno.destroy();
      annotator.current = null;
    };
  }, [props.text, props.readOnly]);

  useLayoutEffect(() => {
    const anno = annotator.current;
    if (!anno) return;
    const wanted = props.regions.map(spanAnnotationFromRegion).filter((a): a is SpanAnnotation => a !== null);
    const shown = new Map(anno.getAnnotations().map((a) => [a.id, a as unknown as SpanAnnotation]));
    const same =
      shown.size === wanted.length &&
      wanted.every((w) => {
        const s = shown.get(w.id);
        const sel = s?.target.selector[0];
        return s && sel?.start === w.target.selector[0]!.start && sel.end === w.target.selector[0]!.end && s.bodies[0]?.value === w.bodies[0]!.value;
      });
    // Through the text store, not `setAnnotations`: that one hands the spans to the core store as
    // they are, without the DOM ranges the highlight layer is drawn from, so they were drawn only
    // when something made the annotator measure again (its first layout, a resize). Spans put on a
    // text already laid out (an expert starting from an annotator's answer) stayed in the store,
    // counted and submitted, but never drawn. REMOTE: the observer of what the person marks
    // (origin LOCAL) leaves them alone.
    if (!same) anno.state.store.bulkAddAnnotations(wanted as unknown as TextAnnotation[], true, Origin.REMOTE);
  }, [props.regions, props.text, props.readOnly]);

  useEffect(() => {
    const anno = annotator.current;
    if (!anno) return;
    anno.setAnnotatingEnabled(!props.readOnly && props.tool !== null);
  }, [props.tool, props.readOnly, props.text]);

  useEffect(() => {
    const anno = annotator.current;
    if (!anno) return;
    const current = anno.getSelected()[0]?.id ?? null;
    if (current === props.selectedId) return;
    if (props.selectedId && anno.getAnnotationById(props.selectedId)) anno.setSelected(props.selectedId);
    else anno.cancelSelected();
  }, [props.selectedId, props.regions]);

  useEffect(() => {
    const key = props.readyKey;
    const frame = requestAnimationFrame(() => latest.current.onReady?.(key));
    return () => cancelAnimationFrame(frame);
  }, [props.readyKey, props.text]);

  return (
    <div className="text-canvas" role="application" aria-roledescription="text annotator" aria-label={props.label}>
      <div ref={element} className="text-body" lang="en" />
    </div>
  );
}
