/**
 * /work/:projectId/qualification — a project's qualification: its items answered one after the
 * other on the annotate canvas, then scored against the known answers. Passing opens the work.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { qualificationQuery } from '../api/quality-queries.ts';
import type { QualificationResult } from '../api/quality-types.ts';
import { projectQuery, schemaVersionQuery } from '../api/queries.ts';
import type { AnnotationResult, Item, LabelSchema } from '../api/types.ts';
import { LabelEditor, useLabelEditor } from '../annotate/LabelEditor.tsx';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';

export default function QualificationPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  const qualification = useQuery(qualificationQuery(projectId));
  const schema = useQuery({ ...schemaVersionQuery(projectId, project.data?.schemaVersion ?? 0), enabled: project.data !== undefined });
  const [attempt, setAttempt] = useState(0);
  const error = project.error ?? qualification.error ?? schema.error;
  return (
    <main className="page wide" data-testid="qualification">
      <PageHeader title={`Qualification${project.data ? `: ${project.data.name}` : ''}`} />
      {error && <ErrorNote error={error} />}
      {!error && (!qualification.data || !schema.data) && <Loading what="the qualification" />}
      {qualification.data && schema.data && (
        <Attempt key={attempt} projectId={projectId} items={qualification.data.items} passMark={qualification.data.passMark} schema={schema.data.schema} onAgain={() => setAttempt((a) => a + 1)} />
      )}
    </main>
  );
}

interface AttemptProps {
  projectId: number;
  items: Item[];
  passMark: number;
  schema: LabelSchema;
  onAgain(): void;
}

function Attempt({ projectId, items, passMark, schema, onAgain }: AttemptProps) {
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Map<number, AnnotationResult>>(new Map());
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (all: Map<number, AnnotationResult>) =>
      api<QualificationResult>('POST', `/api/v1/projects/${projectId}/qualification/attempts`, { answers: [...all].map(([itemId, result]) => ({ itemId, result })) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'onboarding'] }),
  });
  const item = items[index];
  if (send.data) {
    const r = send.data;
    return (
      <div className={`note ${r.passed ? 'note-ok' : 'note-warn'}`} role="status" data-testid="qualification-result">
        <p>
          <strong>{r.passed ? 'Passed.' : 'Not passed this time.'}</strong> You scored {Math.round(r.score * 100)} %; the pass mark is {Math.round(r.passMark * 100)} %.
        </p>
        {r.passed ? (
          <Link className="button primary" to={`/work/${projectId}`}>
            Take my first task
          </Link>
        ) : (
          <button type="button" className="primary" onClick={onAgain}>
            Try again
          </button>
        )}
      </div>
    );
  }
  if (!item) return <p className="muted">This qualification has no item. Ask the project manager.</p>;
  return (
    <>
      <p>
        Answer these {items.length} items as the guidelines say. You pass with {Math.round(passMark * 100)} % or more. <span className="muted">Item {index + 1} of {items.length}.</span>
      </p>
      <QualificationItem
        key={item.id}
        item={item}
        schema={schema}
        initial={answers.get(item.id) ?? null}
        position={`${index + 1} of ${items.length}`}
        last={index === items.length - 1}
        pending={send.isPending}
        invalid={invalid}
        onPrevious={index > 0 ? () => setIndex(index - 1) : null}
        onAnswer={(result) => {
          const all = new Map(answers).set(item.id, result);
          setAnswers(all);
          setInvalid(null);
          if (index < items.length - 1) setIndex(index + 1);
          else send.mutate(all);
        }}
        onInvalid={setInvalid}
      />
      {send.error && <ErrorNote error={send.error} />}
    </>
  );
}

interface ItemProps {
  item: Item;
  schema: LabelSchema;
  initial: AnnotationResult | null;
  position: string;
  last: boolean;
  pending: boolean;
  invalid: string | null;
  onPrevious: (() => void) | null;
  onAnswer(result: AnnotationResult): void;
  onInvalid(message: string): void;
}

function QualificationItem({ item, schema, initial, position, last, pending, invalid, onPrevious, onAnswer, onInvalid }: ItemProps) {
  const editor = useLabelEditor(schema, initial);
  const next = () => {
    const checked = editor.result(item);
    if ('invalid' in checked) onInvalid(checked.invalid);
    else onAnswer(checked.result);
  };
  return (
    <>
      <LabelEditor editor={editor} item={item} label={`Qualification item ${position}`} title={<>Item {position}</>} onSubmit={next} />
      <div className="stack correction-footer">
        {invalid && <div className="note note-warn" role="alert">{invalid}</div>}
        <div className="row">
          {onPrevious && (
            <button type="button" onClick={onPrevious}>
              Previous
            </button>
          )}
          <button type="button" className="primary" onClick={next} disabled={pending}>
            {last ? 'Send my answers' : 'Next item'} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </>
  );
}
