/**
 * Keeps the whole image in view when its canvas changes size (a comment form opening below it, the
 * window resized), unless the reviewer has zoomed into part of it. The viewer keeps the image's
 * size on a resize (`preserveImageSizeOnResize`, which suits drawing), so a box grown shorter
 * otherwise cuts the bottom of the image off.
 *
 * The viewer is made inside the canvas (annotate/ImageCanvas.tsx) once that code has loaded: it is
 * found from the box's DOM through OpenSeadragon's registry of viewers, itself loaded only then.
 */
import type OpenSeadragon from 'openseadragon';

/** A ref callback for the element holding the canvas; what it returns undoes it (React 19). */
export function keepWholeImage(box: HTMLElement | null): (() => void) | undefined {
  if (!box) return undefined;
  let closed = false;
  let registry: typeof OpenSeadragon | null = null;
  let loading = false;
  let viewer: OpenSeadragon.Viewer | undefined;
  let detach = () => {};

  const attach = (found: OpenSeadragon.Viewer) => {
    detach();
    viewer = found;
    // Whether the whole image was in view before the box changed; the resize's own frame, which
    // shows it cut, does not count.
    let whole = true;
    let resizing = false;
    const onResize = () => {
      resizing = true;
    };
    const onChange = () => {
      if (!resizing) {
        whole = showsWhole(found.viewport);
        return;
      }
      resizing = false;
      // Once the viewer's resize step, which zooms to keep the image's size, is over.
      if (whole) queueMicrotask(() => !closed && found.viewport.goHome(true));
    };
    found.addHandler('resize', onResize);
    found.addHandler('viewport-change', onChange);
    detach = () => {
      found.removeHandler('resize', onResize);
      found.removeHandler('viewport-change', onChange);
    };
  };

  const look = () => {
    const element = box.querySelector('.osd');
    if (!element || closed) return;
    if (!registry) {
      if (!loading) {
        loading = true;
        void import('openseadragon').then((module) => {
          registry = module.default;
          look();
        });
      }
      return;
    }
    const found = registry.getViewer(element);
    if (found && found !== viewer) attach(found);
  };
  // The viewer comes once the canvas's code has loaded, and anew if the canvas is made again.
  const observer = new MutationObserver(look);
  observer.observe(box, { childList: true, subtree: true });
  look();
  return () => {
    closed = true;
    observer.disconnect();
    detach();
  };
}

/** The image (every item of the world) lies within the view, give or take some rounding. */
function showsWhole(viewport: OpenSeadragon.Viewport): boolean {
  const view = viewport.getBounds(true);
  const home = viewport.getHomeBounds();
  const slack = 0.005 * Math.max(home.width, home.height);
  return (
    home.x >= view.x - slack &&
    home.y >= view.y - slack &&
    home.x + home.width <= view.x + view.width + slack &&
    home.y + home.height <= view.y + view.height + slack
  );
}
