/** Several annotators' regions on one read-only canvas (see overlay.ts), for review and adjudication. */
import type { Item } from '../api/types.ts';
import type { ImageFit } from '../annotate/ImageCanvas.tsx';
import { ItemCanvas } from '../annotate/ItemCanvas.tsx';
import type { Overlay } from './overlay.ts';

interface Props {
  item: Item;
  overlay: Overlay;
  colorOf(control: string, label: string): string;
  /** Its accessible name when it shows everything. */
  label: string;
  fit?: ImageFit;
}

export function OverlayCanvas({ item, overlay, colorOf, label, fit }: Props) {
  return (
    <ItemCanvas
      item={item}
      regions={overlay.regions}
      colorOf={colorOf}
      colorOfRegion={overlay.colorOfRegion}
      emphasisOf={overlay.emphasisOf}
      readOnly
      fit={fit}
      label={overlay.onlyDifferences ? 'Regions not everyone matched, overlaid' : label}
    />
  );
}
