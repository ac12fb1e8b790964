/**
 * One item under review: the annotations of every annotator, overlaid on one canvas (coloured by
 * annotator) or side by side, with who made them; accept, correct (edit, then accept the edit) or
 * reject with a comment that the annotator reads on their feedback page. Where the annotators
 * differ is spelled out, and the regions not everyone matched stand out in the overlay. The keyboard
 * does it all (review-keys.ts): a reviewer clears a queue without the mouse.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { schemaVersionQuery } from '../api/queries.ts';
import type { Annotation, AnnotationResult, Project, Review, ReviewDecision, ReviewQueueEntry } from '../api/types.ts';
import { paletteOf } from '../annotate/hotkeys.ts';
import { ItemCanvas } from '../annotate/ItemCanvas.tsx';
import { useSignedInUser } from '../app/session.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { authorOf, ownWork } from './annotation-author.ts';
import { AnnotationCard } from './AnnotationCard.tsx';
import { CorrectionEditor } from './CorrectionEditor.tsx';
import { DifferencesPanel } from './DifferencesPanel.tsx';
import { annotatorColor, paneRegions } from './overlay.ts';
import { OverlayCanvas } from './OverlayCanvas.tsx';
import { KeysDialog } from '../ui/KeysDialog.tsx';
import { KeysTable } from '../ui/KeysTable.tsx';
import { actingIndex, REVIEW_SHORTCUTS, type ReviewKeyAction } from './review-keys.ts';
import { useDifferences } from './use-differences.ts';
import { useReviewKeys } from './use-review-keys.ts';

interface Props {
  project: Project;
  entry: ReviewQueueEntry;
  onDone(): void;
  /** Move to the next (1) or previous (-1) item of the queue. */
  onStep(step: 1 | -1): void;
}

export function ReviewItem({ project, entry, onDone, onStep }: Props) {
  const version = entry.annotations[0]?.schemaVersion ?? project.schemaVersion;
  const schema = useQuery(schemaVersionQuery(project.id, version));
  const [view, setView] = useState<'overlay' | 'side'>('overlay');
  const [correcting, setCorrecting] = useState<Annotation | null>(null);
  // What was decided before this screen opened (by another reviewer, or in another tab) counts as decided here.
  const [decided, setDecided] = useState<Map<number, ReviewDecision>>(() => new Map(entry.decided.map((d) => [d.annotationId, d.decision])));
  const [chosen, setChosen] = useState(0);
  const [rejectingId, setRejectingId] = useState<number | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  // The reviewer's own work (a correction they made, waiting beside the others' work) is shown, not decided.
  const ownOf = (a: Annotation) => ownWork(a, me.id);

  const names = useMemo(() => new Map(entry.annotators.map((a) => [a.id, a.name])), [entry.annotators]);
  const nameOf = (a: Annotation) => authorOf(a, names);
  const colorOfAnnotation = (a: Annotation) => annotatorColor(entry.annotations.indexOf(a));
  const { differences, overlay, toggle: toggleDifferences } = useDifferences(schema.data?.schema, entry.annotations);

  const review = useMutation({
    mutationFn: (input: { annotation: Annotation; decision: ReviewDecision; comment?: string; result?: AnnotationResult }) =>
      api<Review>('POST', `/api/v1/annotations/${input.annotation.id}/reviews`, {
        decision: input.decision,
        comment: input.comment?.trim() ? input.comment.trim() : null,
        result: input.result,
      }),
    onSuccess: (_review, input) => {
      const next = new Map(decided).set(input.annotation.id, input.decision);
      setDecided(next);
      setCorrecting(null);
      setRejectingId(null);
      if (entry.annotations.every((a) => next.has(a.id) || ownOf(a))) {
        void queryClient.invalidateQueries({ queryKey: ['projects', project.id, 'review-queue'] });
        onDone();
      }
    },
  });

  // A refusal answers one attempt on one annotation: once the reviewer turns to another annotation or
  // to another way of deciding (reject, correct), it no longer applies. Not while a decision is on its
  // way: that would enable its buttons again.
  const forgetRefusal = () => {
    if (review.isError) review.reset();
  };
  const startCorrecting = (a: Annotation | null) => {
    forgetRefusal();
    setRejectingId(null);
    setCorrecting(a);
  };
  const startRejecting = (id: number | null) => {
    forgetRefusal();
    setRejectingId(id);
  };
  const refusedId = review.isError ? review.variables?.annotation.id : undefined;

  const acting = actingIndex(chosen, entry.annotations.map((a) => !decided.has(a.id) && !ownOf(a)));
  useReviewKeys(!correcting && !schema.isPending, entry.annotations.length, (action: ReviewKeyAction) => {
    if (action.type === 'choose') {
      if (entry.annotations[action.index]?.id !== refusedId) forgetRefusal();
      return setChosen(action.index);
    }
    if (action.type === 'next-item') return onStep(1);
    if (action.type === 'previous-item') return onStep(-1);
    if (action.type === 'toggle-view') return setView((v) => (v === 'overlay' ? 'side' : 'overlay'));
    if (action.type === 'toggle-differences') return toggleDifferences();
    if (action.type === 'help') return setHelpOpen(true);
    const target = acting === null ? undefined : entry.annotations[acting];
    if (!target || review.isPending) return;
    if (action.type === 'accept') review.mutate({ annotation: target, decision: 'accept' });
    else if (action.type === 'correct') startCorrecting(target);
    else startRejecting(target.id);
  });

  if (schema.isPending) return <Loading what="the label schema" />;
  if (schema.isError) return <ErrorNote error={schema.error} />;
  const labelSchema = schema.data.schema;
  const palette = paletteOf(labelSchema);
  const colorOf = (control: string, label: string) => palette.find((e) => e.control === control && e.label === label)?.color ?? '#888888';

  if (correcting) {
    return (
      <CorrectionEditor
        item={entry.item}
        schema={labelSchema}
        annotatorName={nameOf(correcting)}
        initial={correcting.result}
        pending={review.isPending}
        error={review.error}
        onCancel={() => startCorrecting(null)}
        onSave={(result, comment) => review.mutate({ annotation: correcting, decision: 'correct', result, comment })}
      />
    );
  }

  const annotationName = (id: number) => {
    const a = entry.annotations.find((x) => x.id === id);
    return a ? nameOf(a) : `annotation ${id}`;
  };

  return (
    <section className="review-item" aria-label={`Review of ${entry.item.externalId ?? `item ${entry.item.id}`}`}>
      <div className="toolbar">
        <div className="task-title">
          <strong>{entry.item.externalId ?? `item ${entry.item.id}`}</strong>
          <span className="muted"> · {entry.annotations.length} annotation{entry.annotations.length === 1 ? '' : 's'}</span>
        </div>
        <div className="actions" role="group" aria-label="View">
          <button type="button" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts">
            Keys <kbd>?</kbd>
          </button>
          <button type="button" aria-pressed={view === 'overlay'} onClick={() => setView('overlay')}>
            Overlaid
          </button>
          <button type="button" aria-pressed={view === 'side'} onClick={() => setView('side')}>
            Side by side
          </button>
        </div>
      </div>
      {view === 'overlay' ? (
        <div className="review-canvas">
          <OverlayCanvas item={entry.item} overlay={overlay} colorOf={colorOf} label="All annotations overlaid" fit="whole" />
        </div>
      ) : (
        <div className="side-by-side">
          {entry.annotations.map((a) => (
            <figure key={a.id}>
              <figcaption>
                <span className="swatch inline" style={{ background: colorOfAnnotation(a) }} aria-hidden="true" /> {nameOf(a)}
                {overlay.onlyDifferences && <span className="muted"> · {paneRegions(overlay, a.id).length} not matched by everyone</span>}
              </figcaption>
              <div className="review-canvas small">
                {/* Each pane is its annotator's part of the overlay: "differences only" and the emphasis hold here too. */}
                <ItemCanvas
                  item={entry.item}
                  regions={paneRegions(overlay, a.id)}
                  colorOf={colorOf}
                  emphasisOf={overlay.emphasisOf}
                  readOnly
                  fit="whole"
                  label={overlay.onlyDifferences ? `Regions of ${nameOf(a)} not everyone matched` : `Annotation by ${nameOf(a)}`}
                />
              </div>
            </figure>
          ))}
        </div>
      )}
      {differences && (
        <DifferencesPanel differences={differences} nameOf={annotationName} onlyDifferences={overlay.onlyDifferences} onToggle={toggleDifferences} shortcut="D" />
      )}
      <ul className="annotation-cards">
        {entry.annotations.map((a, index) => (
          <AnnotationCard
            key={a.id}
            index={index}
            acting={index === acting}
            rejecting={rejectingId === a.id}
            onRejecting={(on) => startRejecting(on ? a.id : null)}
            annotation={a}
            schema={labelSchema}
            name={nameOf(a)}
            color={colorOfAnnotation(a)}
            decided={decided.get(a.id)}
            own={ownOf(a)}
            pending={review.isPending}
            error={refusedId === a.id ? review.error : null}
            onAccept={() => review.mutate({ annotation: a, decision: 'accept' })}
            onCorrect={() => startCorrecting(a)}
            onReject={(comment) => review.mutate({ annotation: a, decision: 'reject', comment })}
          />
        ))}
      </ul>
      <KeysDialog open={helpOpen} onClose={() => setHelpOpen(false)}>
        <KeysTable rows={REVIEW_SHORTCUTS} />
      </KeysDialog>
    </section>
  );
}
