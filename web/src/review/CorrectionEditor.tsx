/** Correcting an annotation under review: the same labels, keys and canvas as the annotate screen. */
import { useId, useState } from 'react';
import type { AnnotationResult, Item, LabelSchema } from '../api/types.ts';
import { LabelEditor, useLabelEditor } from '../annotate/LabelEditor.tsx';
import { ErrorNote } from '../ui/feedback.tsx';
import { CommentField } from './CommentField.tsx';
import { reviewProblem } from './review-comment.ts';

interface Props {
  item: Item;
  schema: LabelSchema;
  annotatorName: string;
  initial: AnnotationResult;
  pending: boolean;
  error: unknown;
  onCancel(): void;
  onSave(result: AnnotationResult, comment: string): void;
}

export function CorrectionEditor({ item, schema, annotatorName, initial, pending, error, onCancel, onSave }: Props) {
  const editor = useLabelEditor(schema, initial);
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const id = useId();
  const problem = reviewProblem(error);

  const save = () => {
    const checked = editor.result(item);
    if ('invalid' in checked) {
      setInvalid(checked.invalid);
      return;
    }
    setInvalid(null);
    onSave(checked.result, comment);
  };

  return (
    <div className="correction">
      <LabelEditor
        editor={editor}
        item={item}
        // The comment form below takes room from the canvas; the reviewer still sees the whole image.
        fit="whole"
        label={`Correcting the annotation of ${annotatorName}`}
        title={
          <>
            Correcting <strong>{annotatorName}</strong>’s annotation
          </>
        }
        onSubmit={save}
      />
      <div className="stack correction-footer">
        <CommentField
          id={`${id}-comment`}
          label={<>Comment for {annotatorName} (optional)</>}
          value={comment}
          onChange={setComment}
          rows={2}
          problem={problem?.onComment ? problem : null}
        />
        {invalid && <div className="note note-warn" role="alert">{invalid}</div>}
        {/* Refusals of the corrected labels keep the server's list of the regions at fault. */}
        {problem && !problem.onComment ? <ErrorNote error={error} /> : null}
        <div className="row">
          <button type="button" className="primary" onClick={save} disabled={pending}>
            Save the correction
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
