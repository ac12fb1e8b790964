/**
 * An image to zoom, pan and draw on: OpenSeadragon with Annotorious. The viewer lives as long as
 * the screen; a new task only swaps the image (its bytes are already decoded by the look-ahead) and
 * the shapes, so the next task is drawn without building a viewer again.
 * The draft is the truth: shapes drawn or edited here are reported up as regions, and the regions
 * passed down are what Annotorious shows (undo, redo and deletion happen on the draft).
 */
import '@annotorious/react/annotorious-react.css';
import {
  Annotorious,
  type AnnotoriousOpenSeadragonAnnotator,
  type DrawingStyle,
  type ImageAnnotation,
  OpenSeadragonAnnotator,
  OpenSeadragonViewer,
  Origin,
  useAnnotator,
  UserSelectAction,
  useViewer,
} from '@annotorious/react';
import type OpenSeadragon from 'openseadragon';
import { useEffect, useMemo, useRef } from 'react';
import type { DraftRegion } from './draft.ts';
import { regionFromShape, type ShapeAnnotation, shapeFromRegion } from './image-shapes.ts';

export interface ImageCanvasProps {
  /** Changes with each task; reported back by `onReady` once its image is drawn. */
  readyKey: string;
  url: string;
  width: number;
  height: number;
  regions: DraftRegion[];
  colorOf: (control: string, label: string) => string;
  /** Colours a region by its id instead of its label (the review overlay colours by annotator). */
  colorOfRegion?: (id: string) => string | undefined;
  /** The region label being drawn, or null to pan and select. */
  tool: { control: string; label: string; kind: 'bbox' | 'polygon' } | null;
  selectedId: string | null;
  readOnly?: boolean;
  label: string;
  onCreate?(region: DraftRegion): void;
  onChange?(region: DraftRegion): void;
  onDelete?(id: string): void;
  onSelect?(id: string | null): void;
  onReady?(key: string): void;
}

type Anno = AnnotoriousOpenSeadragonAnnotator<ImageAnnotation, ImageAnnotation>;

const VIEWER_OPTIONS: Omit<OpenSeadragon.Options, 'tileSources'> = {
  drawer: 'canvas',
  showNavigationControl: false,
  showNavigator: false,
  animationTime: 0.25,
  blendTime: 0,
  immediateRender: true,
  visibilityRatio: 0.6,
  constrainDuringPan: true,
  maxZoomPixelRatio: 6,
  minZoomImageRatio: 0.5,
  gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: false },
  crossOriginPolicy: false,
  preserveImageSizeOnResize: true,
};

export default function ImageCanvas(props: ImageCanvasProps) {
  const options = useMemo(
    () => ({ ...VIEWER_OPTIONS, tileSources: { type: 'image', url: props.url, buildPyramid: false } }) as OpenSeadragon.Options,
    [props.url],
  );
  const colorOf = useRef(props.colorOf);
  colorOf.current = props.colorOf;
  const colorOfRegion = useRef(props.colorOfRegion);
  colorOfRegion.current = props.colorOfRegion;
  const style = useMemo(
    () =>
      (annotation: ImageAnnotation): DrawingStyle => {
        const shape = annotation as unknown as ShapeAnnotation;
        const label = shape.bodies.find((b) => b.purpose === 'tagging')?.value;
        const color =
          colorOfRegion.current?.(shape.id) ?? (label && shape.properties?.control ? colorOf.current(shape.properties.control, label) : '#ffffff');
        return { fill: color as DrawingStyle['fill'], fillOpacity: 0.18, stroke: color as DrawingStyle['stroke'], strokeOpacity: 1, strokeWidth: 2 };
      },
    [],
  );
  const drawing = !props.readOnly && props.tool !== null;
  return (
    <div className="image-canvas" role="application" aria-label={props.label} aria-roledescription="image annotator">
      <Annotorious>
        <OpenSeadragonAnnotator
          drawingEnabled={drawing}
          drawingMode={props.tool?.kind === 'polygon' ? 'click' : 'drag'}
          tool={props.tool?.kind === 'polygon' ? 'polygon' : 'rectangle'}
          style={style}
          userSelectAction={props.readOnly ? UserSelectAction.NONE : UserSelectAction.EDIT}
          onInitError={(error) => console.error('the image annotator could not start', error)}
        >
          <OpenSeadragonViewer className="osd" options={options} />
          <Bridge {...props} />
        </OpenSeadragonAnnotator>
      </Annotorious>
    </div>
  );
}

/** Inside the Annotorious context: events up, regions down, and the ready signal. */
function Bridge(props: ImageCanvasProps) {
  const anno = useAnnotator<Anno>();
  const viewer = useViewer();
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!anno) return;
    const size = () => ({ width: latest.current.width, height: latest.current.height });
    const justDrawn = new Set<string>();
    // The store tells at once what the person did (LOCAL); Annotorious's own events come later and
    // only on deselection, which would leave a moved shape out of a submit made while it is selected.
    const onStore = (event: { changes: { created?: ImageAnnotation[]; updated?: { newValue: ImageAnnotation }[]; deleted?: ImageAnnotation[] } }) => {
      const p = latest.current;
      for (const a of event.changes.created ?? []) {
        const region = regionFromShape(a as unknown as ShapeAnnotation, size(), p.tool);
        if (!region) {
          anno.removeAnnotation(a.id);
          continue;
        }
        justDrawn.add(a.id);
        setTimeout(() => justDrawn.delete(a.id), 200);
        p.onCreate?.(region);
      }
      for (const { newValue } of event.changes.updated ?? []) {
        const region = regionFromShape(newValue as unknown as ShapeAnnotation, size(), null);
        if (region) p.onChange?.(region);
      }
      for (const a of event.changes.deleted ?? []) p.onDelete?.(a.id);
    };
    const onSelection = (selected: ImageAnnotation[]) => {
      const first = selected[0];
      // Annotorious selects what was just drawn; letting go of it means the next click draws again.
      if (first && justDrawn.has(first.id)) {
        anno.cancelSelected();
        return;
      }
      latest.current.onSelect?.(first?.id ?? null);
    };
    anno.state.store.observe(onStore as never, { origin: Origin.LOCAL });
    anno.on('selectionChanged', onSelection);
    return () => {
      anno.state.store.unobserve(onStore as never);
      anno.off('selectionChanged', onSelection);
    };
  }, [anno]);

  // Regions down: only what differs is touched, so a shape being edited is not reset under the pointer.
  useEffect(() => {
    if (!anno) return;
    const shown = new Map(anno.getAnnotations().map((a) => [a.id, a as unknown as ShapeAnnotation]));
    const wanted = new Map<string, ShapeAnnotation>();
    for (const r of props.regions) {
      const shape = shapeFromRegion(r);
      if (shape) wanted.set(r.id, shape);
    }
    for (const id of shown.keys()) if (!wanted.has(id)) anno.removeAnnotation(id);
    for (const [id, shape] of wanted) {
      const current = shown.get(id);
      if (!current) anno.addAnnotation(shape as unknown as ImageAnnotation);
      else if (!sameShape(current, shape)) anno.updateAnnotation(shape as unknown as ImageAnnotation);
    }
  }, [anno, props.regions]);

  useEffect(() => {
    if (!anno) return;
    const selected = anno.getSelected()[0]?.id ?? null;
    if (selected === props.selectedId) return;
    if (props.selectedId && anno.getAnnotationById(props.selectedId)) anno.setSelected(props.selectedId, !props.readOnly);
    else anno.cancelSelected();
  }, [anno, props.selectedId, props.readOnly]);

  // Ready: the image of this task is fully loaded and painted.
  useEffect(() => {
    if (!viewer) return;
    let cancelled = false;
    const key = props.readyKey;
    const url = props.url;
    const announce = () => requestAnimationFrame(() => !cancelled && latest.current.onReady?.(key));
    const watch = (item: OpenSeadragon.TiledImage) => {
      if ((item.source as unknown as { url?: string }).url !== url) return;
      if (item.getFullyLoaded()) announce();
      else
        item.addOnceHandler('fully-loaded-change', (event) => {
          if ((event as unknown as { fullyLoaded: boolean }).fullyLoaded) announce();
        });
    };
    const onAdd = (event: OpenSeadragon.AddItemWorldEvent) => watch(event.item);
    viewer.world.addHandler('add-item', onAdd);
    const existing = viewer.world.getItemAt(0);
    if (existing) watch(existing);
    return () => {
      cancelled = true;
      viewer.world.removeHandler('add-item', onAdd);
    };
  }, [viewer, props.readyKey, props.url]);

  return null;
}

function sameShape(a: ShapeAnnotation, b: ShapeAnnotation): boolean {
  const la = a.bodies.find((x) => x.purpose === 'tagging')?.value;
  const lb = b.bodies.find((x) => x.purpose === 'tagging')?.value;
  return la === lb && a.properties?.control === b.properties?.control && JSON.stringify(geometryOf(a)) === JSON.stringify(geometryOf(b));
}

function geometryOf(s: ShapeAnnotation): unknown {
  const g = s.target.selector.geometry as Record<string, unknown>;
  return 'points' in g ? g.points : [g.x, g.y, g.w, g.h];
}
