/**
 * The mask regions of an image, drawn with boxes and polygons on the annotate canvas: outside
 * pools only ever receive the image with these regions painted black.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { masksQuery } from '../api/data-queries.ts';
import type { ItemMask } from '../api/data-types.ts';
import type { Item } from '../api/types.ts';
import { LabelEditor, useLabelEditor } from '../annotate/LabelEditor.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { MASK_SCHEMA, masksFromResult, resultFromMasks } from './mask-regions.ts';

export function MaskEditor({ itemId }: { itemId: number }) {
  const item = useQuery({ queryKey: ['items', itemId], queryFn: () => api<Item>('GET', `/api/v1/items/${itemId}`) });
  const masks = useQuery(masksQuery(itemId));
  if (item.isPending || masks.isPending) return <Loading what="the image and its masks" />;
  if (item.isError) return <ErrorNote error={item.error} />;
  if (masks.isError) return <ErrorNote error={masks.error} />;
  if (item.data.kind !== 'image') return <p className="note note-warn">Item {itemId} is a text: texts are redacted, not masked.</p>;
  return <Editor key={masks.data.version} item={item.data} mask={masks.data} />;
}

function Editor({ item, mask }: { item: Item; mask: ItemMask }) {
  const editor = useLabelEditor(MASK_SCHEMA, resultFromMasks(mask.regions));
  const queryClient = useQueryClient();
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const checked = editor.result(item);
      if ('invalid' in checked) {
        setInvalid(checked.invalid);
        throw new Error(checked.invalid);
      }
      setInvalid(null);
      return api<ItemMask>('PUT', `/api/v1/items/${item.id}/masks`, { regions: masksFromResult(checked.result) });
    },
    onSuccess: (saved) => queryClient.setQueryData(masksQuery(item.id).queryKey, saved),
  });
  return (
    <div className="mask-editor" data-testid="mask-editor">
      <LabelEditor
        editor={editor}
        item={item}
        label={`Mask regions of ${item.externalId ?? `item ${item.id}`}`}
        title={
          <>
            Masks of <strong>{item.externalId ?? `item ${item.id}`}</strong> <span className="muted small">· version {mask.version}{mask.updatedAt ? `, ${new Date(mask.updatedAt).toLocaleString()}` : ''}</span>
          </>
        }
        onSubmit={() => save.mutate()}
      />
      <div className="stack correction-footer">
        {invalid && <div className="note note-warn" role="alert">{invalid}</div>}
        {save.error && !invalid && <ErrorNote error={save.error} />}
        {save.isSuccess && (
          <p className="note note-ok" role="status">
            Saved: {save.data.regions.length} region{save.data.regions.length === 1 ? '' : 's'} (version {save.data.version}).
          </p>
        )}
        <div className="row">
          <button type="button" className="primary" onClick={() => save.mutate()} disabled={save.isPending}>
            Save the masks
          </button>
        </div>
      </div>
    </div>
  );
}
