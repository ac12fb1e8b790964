/** Setting the known answer of an item (for the qualification and for gold) on the annotate canvas. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { Item, LabelSchema } from '../api/types.ts';
import { LabelEditor, useLabelEditor } from '../annotate/LabelEditor.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';

export function KnownAnswerEditor({ projectId, itemId, schema, onClose }: { projectId: number; itemId: number; schema: LabelSchema; onClose(): void }) {
  const item = useQuery({ queryKey: ['items', itemId], queryFn: () => api<Item>('GET', `/api/v1/items/${itemId}`) });
  if (item.isPending) return <Loading what={`item ${itemId}`} />;
  if (item.isError) return <ErrorNote error={item.error} />;
  if (item.data.projectId !== projectId) return <p className="note note-warn">Item {itemId} belongs to another project.</p>;
  return <Editor projectId={projectId} item={item.data} schema={schema} onClose={onClose} />;
}

function Editor({ projectId, item, schema, onClose }: { projectId: number; item: Item; schema: LabelSchema; onClose(): void }) {
  const editor = useLabelEditor(schema, null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const checked = editor.result(item);
      if ('invalid' in checked) {
        setInvalid(checked.invalid);
        throw new Error(checked.invalid);
      }
      setInvalid(null);
      return api<null>('PUT', `/api/v1/projects/${projectId}/known-answers/${item.id}`, { result: checked.result });
    },
  });
  return (
    <div className="known-answer" data-testid="known-answer">
      <LabelEditor editor={editor} item={item} label={`Known answer of ${item.externalId ?? `item ${item.id}`}`} title={<>Known answer of {item.externalId ?? `item ${item.id}`}</>} onSubmit={() => save.mutate()} />
      <div className="stack correction-footer">
        {invalid && <div className="note note-warn" role="alert">{invalid}</div>}
        {save.error && !invalid && <ErrorNote error={save.error} />}
        {save.isSuccess && (
          <p className="note note-ok" role="status">
            The known answer of {item.externalId ?? `item ${item.id}`} is saved.
          </p>
        )}
        <div className="row">
          <button type="button" className="primary" onClick={() => save.mutate()} disabled={save.isPending}>
            Save the known answer
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
