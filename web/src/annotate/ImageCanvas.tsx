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
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DraftRegion, RegionEmphasis } from './draft.ts';
import { regionFromShape, type ShapeAnnotation, shapeFromRegion } from './image-shapes.ts';

export interface ImageCanvasProps {
  /** Changes with each task; reported back by `onReady` once its image is drawn. */
  readyKey: string;
  url: string;
  /** The image of the task after this one: loaded into the viewer unseen, so the swap is one frame. */
  nextUrl?: string | null;
  /** Its width in pixels. */
  nextWidth?: number | null;
  width: number;
  height: number;
  regions: DraftRegion[];
  colorOf: (control: string, label: string) => string;
  /** Colours a region by its id instead of its label (the review overlay colours by annotator). */
  colorOfRegion?: (id: string) => string | undefined;
  /** Draws a region bolder or fainter than the rest (review: where annotators differ). */
  emphasisOf?: (id: string) => RegionEmphasis | undefined;
  /** The region label being drawn, or null to pan and select. */
  tool: { control: string; label: string; kind: 'bbox' | 'polygon' } | null;
  selectedId: string | null;
  readOnly?: boolean;
  /**
   * What the viewer keeps when its box changes size (a form opening below it, the window resized):
   * the image's size on screen, which suits drawing ('size', the default), or the whole image in
   * view unless the person zoomed into part of it ('whole', for looking an item over in review).
   */
  fit?: ImageFit;
  label: string;
  onCreate?(region: DraftRegion): void;
  onChange?(region: DraftRegion): void;
  onDelete?(id: string): void;
  onSelect?(id: string | null): void;
  onReady?(key: string): void;
}

export type ImageFit = 'size' | 'whole';

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
  // The viewer is made once, empty; every image, the first included, is put in by the Bridge.
  const [options] = useState(() => ({ ...VIEWER_OPTIONS }) as OpenSeadragon.Options);
  const colorOf = useRef(props.colorOf);
  colorOf.current = props.colorOf;
  const colorOfRegion = useRef(props.colorOfRegion);
  colorOfRegion.current = props.colorOfRegion;
  const emphasisOf = useRef(props.emphasisOf);
  emphasisOf.current = props.emphasisOf;
  const style = useMemo(
    () =>
      (annotation: ImageAnnotation): DrawingStyle => {
        const shape = annotation as unknown as ShapeAnnotation;
        const label = shape.bodies.find((b) => b.purpose === 'tagging')?.value;
        const color =
          colorOfRegion.current?.(shape.id) ?? (label && shape.properties?.control ? colorOf.current(shape.properties.control, label) : '#ffffff');
        const emphasis = emphasisOf.current?.(shape.id);
        const weight = emphasis === 'strong' ? { fillOpacity: 0.3, strokeOpacity: 1, strokeWidth: 4 } : emphasis === 'faint' ? { fillOpacity: 0.05, strokeOpacity: 0.5, strokeWidth: 1 } : { fillOpacity: 0.18, strokeOpacity: 1, strokeWidth: 2 };
        return { fill: color as DrawingStyle['fill'], stroke: color as DrawingStyle['stroke'], ...weight };
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
  const lastFit = useRef<{ target: OpenSeadragon.Rect; view: OpenSeadragon.Rect } | null>(null);

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
    const removed = [...shown.keys()].filter((id) => !wanted.has(id));
    const changed = [...wanted].filter(([id, shape]) => !shown.has(id) || !sameShape(shown.get(id)!, shape));
    if (removed.length + changed.length === 0) return;
    if (removed.length + changed.length === 1) {
      // One shape drawn, moved, relabelled or deleted: touched alone, the others are left as they are.
      for (const id of removed) anno.removeAnnotation(id);
      for (const [id, shape] of changed) {
        if (shown.has(id)) anno.updateAnnotation(shape as unknown as ImageAnnotation);
        else anno.addAnnotation(shape as unknown as ImageAnnotation);
      }
      return;
    }
    // A new task, an undo of several steps: one replacement, so the canvas is redrawn once, not per shape.
    anno.setAnnotations([...wanted.values()] as unknown as ImageAnnotation[], true);
  }, [anno, props.regions]);

  useEffect(() => {
    if (!anno) return;
    const selected = anno.getSelected()[0]?.id ?? null;
    if (selected === props.selectedId) return;
    if (props.selectedId && anno.getAnnotationById(props.selectedId)) anno.setSelected(props.selectedId, !props.readOnly);
    else anno.cancelSelected();
  }, [anno, props.selectedId, props.readOnly]);

  // Annotorious converts between screen and image through the viewport, which is right for one image
  // only and says so on the console at every pointer move while the next image waits in the world.
  // The shapes are on the image shown: the viewport's conversions are made by that image.
  useEffect(() => {
    if (!viewer) return;
    return convertThroughImage(viewer, () => findItem(viewer, latest.current.url) ?? viewer.world.getItemAt(0));
  }, [viewer]);

  useEffect(() => {
    if (!viewer || props.fit !== 'whole') return;
    return keepWholeOnResize(viewer, () => findItem(viewer, latest.current.url));
  }, [viewer, props.fit]);

  // The next task's image goes into the world now, transparent, with its tiles loaded (`preload`).
  useEffect(() => {
    const next = props.nextUrl;
    if (!viewer || !next || next === props.url || findItem(viewer, next)) return;
    // The viewport's zoom limits follow the world's content factor (pixels per world unit, the
    // largest of the items): the unseen image is sized to keep this image's factor.
    const width = props.nextWidth && props.width ? props.nextWidth / props.width : 1;
    viewer.addTiledImage({ tileSource: imageSource(next), opacity: 0, preload: true, width, index: viewer.world.getItemCount() });
  }, [viewer, props.nextUrl, props.nextWidth, props.url, props.width]);

  // This task's image: shown at once when it was preloaded, loaded otherwise; the others go.
  // Ready: the image is fully loaded and painted (one frame after), announced with `onReady`.
  useEffect(() => {
    if (!viewer) return;
    let cancelled = false;
    const key = props.readyKey;
    const url = props.url;
    const announce = () => requestAnimationFrame(() => !cancelled && latest.current.onReady?.(key));
    const show = (item: OpenSeadragon.TiledImage) => {
      for (let i = viewer.world.getItemCount() - 1; i >= 0; i--) {
        const other = viewer.world.getItemAt(i);
        if (other !== item && sourceUrl(other) !== latest.current.nextUrl) viewer.world.removeItem(other);
      }
      item.setOpacity(1);
      item.setPreload(false);
      if (item.getBounds().width !== 1) item.setWidth(1, true);
      // This image at the bottom: Annotorious and the coming image's place both refer to it.
      if (viewer.world.getItemCount() > 1) viewer.world.setItemIndex(item, 0);
      // A new image starts whole in view; when the view is already that (same size, not moved since),
      // it is left alone: moving it would redraw the shapes layer once more for nothing.
      const target = item.getBounds();
      const last = lastFit.current;
      if (!last || !sameRect(last.target, target) || !sameRect(last.view, viewer.viewport.getBounds(true))) {
        viewer.viewport.fitBounds(target, true);
        lastFit.current = { target, view: viewer.viewport.getBounds(true) };
      }
      if (item.getFullyLoaded()) announce();
      else
        item.addOnceHandler('fully-loaded-change', (event) => {
          if ((event as unknown as { fullyLoaded: boolean }).fullyLoaded) announce();
        });
    };
    const present = findItem(viewer, url);
    if (present) {
      show(present);
      return () => {
        cancelled = true;
      };
    }
    const onAdd = (event: OpenSeadragon.AddItemWorldEvent) => {
      if (sourceUrl(event.item) === url) show(event.item);
    };
    viewer.world.addHandler('add-item', onAdd);
    viewer.addTiledImage({ tileSource: imageSource(url), index: 0 });
    return () => {
      cancelled = true;
      viewer.world.removeHandler('add-item', onAdd);
    };
  }, [viewer, props.readyKey, props.url]);

  return null;
}

/**
 * Brings the whole image back into view after each resize of the viewer when it was whole before:
 * `preserveImageSizeOnResize` keeps the image's size, so a box grown shorter would cut its bottom
 * off. A view the person zoomed or panned into is left as they chose it. Returns the undoing.
 */
function keepWholeOnResize(viewer: OpenSeadragon.Viewer, image: () => OpenSeadragon.TiledImage | undefined): () => void {
  let whole = true;
  let resizing = false;
  let closed = false;
  const onResize = () => {
    resizing = true;
  };
  const onChange = () => {
    const item = image();
    if (!item) return;
    // The resize's own frame, which shows the image cut, does not count as the view before it.
    if (!resizing) {
      whole = showsWhole(viewer.viewport, item.getBounds());
      return;
    }
    resizing = false;
    // Once the viewer's resize step, which zooms to keep the image's size, is over.
    if (whole) queueMicrotask(() => !closed && viewer.viewport.fitBounds(item.getBounds(), true));
  };
  viewer.addHandler('resize', onResize);
  viewer.addHandler('viewport-change', onChange);
  return () => {
    closed = true;
    viewer.removeHandler('resize', onResize);
    viewer.removeHandler('viewport-change', onChange);
  };
}

/** The image lies within the view, give or take some rounding. */
function showsWhole(viewport: OpenSeadragon.Viewport, image: OpenSeadragon.Rect): boolean {
  const view = viewport.getBounds(true);
  const slack = 0.005 * Math.max(image.width, image.height);
  return (
    image.x >= view.x - slack &&
    image.y >= view.y - slack &&
    image.x + image.width <= view.x + view.width + slack &&
    image.y + image.height <= view.y + view.height + slack
  );
}

const BY_IMAGE = ['viewportToImageCoordinates', 'imageToViewportCoordinates', 'viewportToImageRectangle', 'imageToViewportRectangle', 'viewportToImageZoom', 'imageToViewportZoom'] as const;

/**
 * Makes the viewport's image conversions those of `image()` (as the viewport itself does when the
 * world holds one image: at the image's current place); returns the undoing.
 */
function convertThroughImage(viewer: OpenSeadragon.Viewer, image: () => OpenSeadragon.TiledImage | undefined): () => void {
  type Convert = (...args: unknown[]) => unknown;
  const viewport = viewer.viewport as unknown as Record<(typeof BY_IMAGE)[number], Convert>;
  const own = BY_IMAGE.map((name) => [name, viewport[name]] as const);
  for (const [name, original] of own) {
    viewport[name] = (...args: unknown[]) => {
      const item = viewer.world.getItemCount() > 1 ? image() : undefined;
      if (!item) return original.apply(viewport, args);
      const convert = (item as unknown as Record<string, Convert>)[name]!.bind(item);
      if (name.endsWith('Zoom')) return convert(args[0]);
      // A point or a rectangle passed whole takes "current" next; numbers take it after themselves.
      if (typeof args[0] === 'object') return convert(args[0], true);
      return name.endsWith('Rectangle') ? convert(args[0], args[1], args[2], args[3], true) : convert(args[0], args[1], true);
    };
  }
  return () => {
    for (const [name, original] of own) viewport[name] = original;
  };
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

function imageSource(url: string) {
  return { type: 'image', url, buildPyramid: false };
}

function sourceUrl(item: OpenSeadragon.TiledImage | undefined): string | undefined {
  return (item?.source as unknown as { url?: string } | undefined)?.url;
}

function findItem(viewer: OpenSeadragon.Viewer, url: string): OpenSeadragon.TiledImage | undefined {
  for (let i = 0; i < viewer.world.getItemCount(); i++) {
    const item = viewer.world.getItemAt(i);
    if (sourceUrl(item) === url) return item;
  }
  return undefined;
}

function sameRect(a: OpenSeadragon.Rect, b: OpenSeadragon.Rect): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) < 1e-6;
  return close(a.x, b.x) && close(a.y, b.y) && close(a.width, b.width) && close(a.height, b.height);
}
