/** An item's differences (see item-differences.ts) with the overlay they shape and its "differences only" switch. */
import { useMemo, useState } from 'react';
import { type ComparedAnnotation, itemDifferences } from '../../../src/core/quality/item-differences.ts';
import type { LabelSchema } from '../api/types.ts';
import { type Overlay, overlayOf } from './overlay.ts';

export function useDifferences(schema: LabelSchema | undefined, annotations: readonly ComparedAnnotation[]) {
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const differences = useMemo(() => (schema ? itemDifferences(schema, annotations) : null), [schema, annotations]);
  const overlay: Overlay = overlayOf(annotations, differences, onlyDifferences);
  return { differences, overlay, toggle: () => setOnlyDifferences((on) => !on) };
}
