/**
 * /adjudicate/:projectId — an expert gives the final label of an item the others disagreed on (or
 * that failed gold or review): everyone's answers beside the annotate canvas, from which the final
 * label is made and submitted on the adjudication task.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { isEmptyResult } from '../../../src/core/label-schema.ts';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { itemAnnotationsQuery, itemStateQuery } from '../api/quality-queries.ts';
import { projectQuery, schemaVersionQuery } from '../api/queries.ts';
import type { Annotation, LabelSchema, NextTask } from '../api/types.ts';
import { useNames } from '../api/use-names.ts';
import { newClientToken } from '../annotate/draft-store.ts';
import { LabelEditor, useLabelEditor } from '../annotate/LabelEditor.tsx';
import { submitAnnotation } from '../annotate/work-api.ts';
import { useSignedInUser } from '../app/session.tsx';
import { reasonWords } from '../quality/AdjudicationQueue.tsx';
import { percent } from '../quality/quality-charts.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { AdjudicateKeys } from './AdjudicateKeys.tsx';
import { OthersAnswers } from './OthersAnswers.tsx';
import { useStageTask } from './use-stage-task.ts';

export default function AdjudicatePage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  const { state, next } = useStageTask(projectId, 'adjudicate');
  const title = `Adjudicate${project.data ? `: ${project.data.name}` : ''}`;
  if (state.phase === 'loading') return <Loading what="the next item to adjudicate" />;
  if (state.phase === 'failed') {
    return (
      <main className="page narrow">
        <PageHeader title={title} />
        <ErrorNote title="No adjudication task could be taken." error={state.error} />
        <Link to="/adjudicate">Back</Link>
      </main>
    );
  }
  if (state.phase === 'empty') {
    return (
      <main className="page narrow">
        <Empty>
          <h1>Nothing to adjudicate</h1>
          <p>No item of {project.data?.name ?? 'this project'} waits for your final label.</p>
          <p>
            <Link to="/adjudicate">Back to adjudication</Link>
          </p>
        </Empty>
      </main>
    );
  }
  return <Adjudication key={state.next.task.id} projectId={projectId} title={title} next={state.next} onDone={next} />;
}

function Adjudication({ projectId, title, next, onDone }: { projectId: number; title: string; next: NextTask; onDone(): void }) {
  const schema = useQuery(schemaVersionQuery(projectId, next.schemaVersion));
  if (schema.isPending) return <Loading what="the label schema" />;
  if (schema.isError) return <main className="page"><ErrorNote error={schema.error} /></main>;
  return <AdjudicationWork projectId={projectId} title={title} next={next} schema={schema.data.schema} onDone={onDone} />;
}

function AdjudicationWork({ projectId, title, next, schema, onDone }: { projectId: number; title: string; next: NextTask; schema: LabelSchema; onDone(): void }) {
  const me = useSignedInUser();
  const nameOf = useNames(me);
  const { item, task } = next;
  const annotations = useQuery(itemAnnotationsQuery(item.id));
  // Why it is here; not the queue page, which would read (and audit) a hundred items per task.
  const entry = useQuery(itemStateQuery(item.id)).data;
  const editor = useLabelEditor(schema, null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const started = useRef(performance.now());
  const finalTitle = useRef<HTMLHeadingElement>(null);
  const token = useRef(newClientToken());
  const submit = useMutation({
    mutationFn: () => {
      const checked = editor.result(item);
      if ('invalid' in checked) throw Object.assign(new Error(checked.invalid), { invalid: true });
      // The final label becomes the item's label and a known answer: an empty one (Enter on a fresh
      // item) would accept the item with nothing. The server refuses it too.
      if (isEmptyResult(checked.result)) throw Object.assign(new Error(EMPTY_FINAL_LABEL), { invalid: true });
      return submitAnnotation(task.id, { result: checked.result, schemaVersion: next.schemaVersion, timeSpentMs: Math.round(performance.now() - started.current), clientToken: token.current });
    },
    onMutate: () => setInvalid(null),
    onError: (error) => {
      if ((error as { invalid?: boolean }).invalid) setInvalid((error as Error).message);
    },
  });
  const startFrom = (answer: Annotation) => {
    editor.reset(answer.result);
    // The work goes on in the final label: the focus goes there, off the button, so that Enter
    // submits it (as the ? list says) instead of pressing "Start from" again, which threw away
    // what was changed since. The keyboard's place moves with it.
    finalTitle.current?.focus();
  };
  // The others' answers: people's current labels of the item, not the models' nor the ones replaced since.
  const replaced = new Set((annotations.data ?? []).map((a) => a.supersedesId).filter((id): id is number => id !== null));
  const answers = (annotations.data ?? []).filter((a) => a.source !== 'model' && !replaced.has(a.id) && a.taskId !== task.id);
  return (
    <main className="page wide adjudicate" data-testid="adjudicate" data-item-id={item.id}>
      <PageHeader title={title}>
        <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="Shift+?" title="Keyboard shortcuts (?)">
          Keys <kbd>?</kbd>
        </button>
        <Link to="/adjudicate" className="button">
          Stop
        </Link>
      </PageHeader>
      <p>
        <strong>{item.externalId ?? `Item ${item.id}`}</strong>
        {entry?.reason && <> · sent to the experts because {reasonWords(entry.reason)}</>}
        {entry?.agreement !== null && entry?.agreement !== undefined && <> · agreement {percent(entry.agreement)}</>}
      </p>
      {annotations.isError && <ErrorNote error={annotations.error} />}
      {annotations.isPending ? <Loading what="their answers" /> : <OthersAnswers item={item} schema={schema} answers={answers} nameOf={nameOf} onStartFrom={startFrom} />}
      <h2 ref={finalTitle} tabIndex={-1}>
        Your final label
      </h2>
      <LabelEditor
        editor={editor}
        item={item}
        label="Final label"
        title={<>The final label of {item.externalId ?? `item ${item.id}`}</>}
        onSubmit={() => !submit.isPending && !submit.isSuccess && submit.mutate()}
        onHelp={() => setHelp(true)}
        keys={!submit.isSuccess && !help}
      />
      <div className="stack correction-footer">
        {invalid && <div className="note note-warn" role="alert">Not submitted yet: {invalid}</div>}
        {submit.error && !invalid ? <ErrorNote error={submit.error} /> : null}
        {submit.isSuccess ? (
          <div className="note note-ok" role="status">
            The final label of {item.externalId ?? `item ${item.id}`} is in.{' '}
            <button type="button" className="primary" onClick={onDone} autoFocus>
              Next item
            </button>
          </div>
        ) : (
          <div className="row">
            <button type="button" className="primary" onClick={() => submit.mutate()} disabled={submit.isPending}>
              Submit the final label <kbd>Enter</kbd>
            </button>
          </div>
        )}
      </div>
      <AdjudicateKeys open={help} palette={editor.palette} dataKind={item.kind} onClose={() => setHelp(false)} />
    </main>
  );
}

const EMPTY_FINAL_LABEL = 'a final label cannot be empty: choose a label or draw a region (or start from an annotator’s answer).';
