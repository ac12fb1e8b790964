/** The image or text canvas for an item, loaded on demand; used read-only by review and to correct. */
import { lazy, Suspense } from 'react';
import type { Item } from '../api/types.ts';
import type { DraftRegion, RegionEmphasis } from './draft.ts';
import type { ImageFit } from './ImageCanvas.tsx';

const ImageCanvas = lazy(() => import('./ImageCanvas.tsx'));
const TextCanvas = lazy(() => import('./TextCanvas.tsx'));

export interface ItemCanvasProps {
  item: Item;
  regions: DraftRegion[];
  colorOf(control: string, label: string): string;
  colorOfRegion?(id: string): string | undefined;
  emphasisOf?(id: string): RegionEmphasis | undefined;
  tool?: { control: string; label: string; kind: string } | null;
  selectedId?: string | null;
  readOnly?: boolean;
  /** An image's fit as its box changes size (see ImageCanvas); text ignores it. */
  fit?: ImageFit;
  label: string;
  onCreate?(region: DraftRegion): void;
  onChange?(region: DraftRegion): void;
  onDelete?(id: string): void;
  onSelect?(id: string | null): void;
}

export function ItemCanvas({ item, tool = null, selectedId = null, fit, ...rest }: ItemCanvasProps) {
  return (
    <Suspense fallback={<div className="canvas-loading">Loading…</div>}>
      {item.kind === 'image' ? (
        <ImageCanvas
          {...rest}
          fit={fit}
          readyKey={String(item.id)}
          url={item.contentUrl}
          width={item.width ?? 0}
          height={item.height ?? 0}
          tool={tool && (tool.kind === 'bbox' || tool.kind === 'polygon') ? { control: tool.control, label: tool.label, kind: tool.kind } : null}
          selectedId={selectedId}
        />
      ) : (
        <TextCanvas {...rest} readyKey={String(item.id)} text={item.text ?? ''} tool={tool?.kind === 'span' ? tool : null} selectedId={selectedId} />
      )}
    </Suspense>
  );
}
