/**
 * /projects/:projectId/onboarding — what a newcomer must do before the project's first task:
 * acknowledge the guidelines, and pass a qualification (items with known answers, a pass mark, the
 * kinds of pools it applies to). The known answers are set here on the annotate canvas.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { OnboardingSettings } from '../api/quality-types.ts';
import { projectQuery, schemaVersionQuery } from '../api/queries.ts';
import type { Project } from '../api/types.ts';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { KindBoxes } from '../pools/KindBoxes.tsx';
import { splitList } from '../pools/pool-form.ts';
import type { PoolKind } from '../api/workforce-types.ts';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { KnownAnswerEditor } from './KnownAnswerEditor.tsx';

/** "12, 15 40" → the ids, and what in the text is not an id. */
function parseItemIds(text: string): { itemIds: number[]; bad: string[] } {
  const parts = splitList(text);
  const isId = (part: string) => /^\d+$/.test(part) && Number(part) > 0 && Number.isSafeInteger(Number(part));
  return { itemIds: parts.filter(isId).map(Number), bad: parts.filter((part) => !isId(part)) };
}

export default function OnboardingSettingsPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  return (
    <ProjectFrame projectId={projectId} title="Onboarding">
      {project.isPending && <Loading what="the project" />}
      {project.data && <OnboardingForm key={project.data.id} project={project.data} />}
    </ProjectFrame>
  );
}

function OnboardingForm({ project }: { project: Project }) {
  const id = useId();
  const queryClient = useQueryClient();
  const schema = useQuery(schemaVersionQuery(project.id, project.schemaVersion));
  const q = project.qualification;
  const [form, setForm] = useState({
    ack: project.requireGuidelinesAck,
    qualify: q !== null,
    itemIds: q?.itemIds.join(', ') ?? '',
    passMark: q ? String(Math.round(q.passMark * 100)) : '80',
    appliesTo: (q?.appliesTo ?? ['vendor', 'crowd']) as PoolKind[],
  });
  const [answering, setAnswering] = useState<number | null>(null);
  const { itemIds, bad } = parseItemIds(form.itemIds);
  // Said beside the field rather than dropped: leaving out what is not a number saved a qualification other than the one typed.
  const itemIdsProblem = bad.length > 0 ? `Item ids are whole numbers, separated by commas: ${bad.map((b) => `“${b}”`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not.` : null;
  const save = useMutation({
    mutationFn: () => {
      const body: OnboardingSettings = {
        requireGuidelinesAck: form.ack,
        qualification: form.qualify ? { itemIds, passMark: Number(form.passMark) / 100, appliesTo: form.appliesTo } : null,
      };
      return api<null>('PUT', `/api/v1/projects/${project.id}/onboarding`, body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectQuery(project.id).queryKey }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.qualify && itemIdsProblem) {
      save.reset();
      return;
    }
    save.mutate();
  };
  return (
    <>
      <form className="stack onboarding-form" onSubmit={submit} aria-label="Onboarding">
        <label className="inline">
          <input type="checkbox" checked={form.ack} onChange={(e) => setForm({ ...form, ack: e.target.checked })} /> Annotators acknowledge each new version of the guidelines before their next task
        </label>
        <label className="inline">
          <input type="checkbox" checked={form.qualify} onChange={(e) => setForm({ ...form, qualify: e.target.checked })} /> Newcomers pass a qualification first
        </label>
        {form.qualify && (
          <fieldset>
            <legend>Qualification</legend>
            <div className="form-grid">
              <label htmlFor={`${id}-items`}>
                Item ids
                <input
                  id={`${id}-items`}
                  value={form.itemIds}
                  onChange={(e) => setForm({ ...form, itemIds: e.target.value })}
                  placeholder="12, 15, 40"
                  required
                  aria-invalid={itemIdsProblem ? true : undefined}
                  aria-describedby={itemIdsProblem ? `${id}-items-problem` : undefined}
                />
                {itemIdsProblem && (
                  <span id={`${id}-items-problem`} className="field-error" role="alert">
                    {itemIdsProblem}
                  </span>
                )}
              </label>
              <label htmlFor={`${id}-pass`}>
                Pass mark (%)
                <input id={`${id}-pass`} className="short" type="number" min={0} max={100} required value={form.passMark} onChange={(e) => setForm({ ...form, passMark: e.target.value })} />
              </label>
              <KindBoxes legend="Applies to" value={form.appliesTo} onChange={(appliesTo) => setForm({ ...form, appliesTo })} />
            </div>
          </fieldset>
        )}
        {save.error && <ErrorNote error={save.error} />}
        {save.isSuccess && (
          <p className="note note-ok" role="status">
            Saved.
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save the onboarding
          </button>
        </div>
      </form>
      {form.qualify && itemIds.length > 0 && (
        <section aria-labelledby={`${id}-known`}>
          <h2 id={`${id}-known`}>Known answers</h2>
          <p className="muted">The qualification is scored against these answers; gold tasks use them too. Setting one replaces the one before.</p>
          <ul className="row wrap known-list">
            {itemIds.map((itemId) => (
              <li key={itemId}>
                <button type="button" aria-pressed={answering === itemId} onClick={() => setAnswering(answering === itemId ? null : itemId)}>
                  Item {itemId}
                </button>
              </li>
            ))}
          </ul>
          {answering !== null && schema.data && <KnownAnswerEditor key={answering} projectId={project.id} itemId={answering} schema={schema.data.schema} onClose={() => setAnswering(null)} />}
          {schema.isError && <ErrorNote error={schema.error} />}
        </section>
      )}
    </>
  );
}
