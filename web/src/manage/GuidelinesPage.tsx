/** /projects/:id/guidelines — records a new version of the guidelines; earlier versions stay. */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { guidelinesVersionsQuery, projectQuery } from '../api/queries.ts';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { GuidelinesEditor } from './GuidelinesEditor.tsx';
import { useRecordVersion } from './use-record-version.ts';

export default function GuidelinesPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  const versions = useQuery(guidelinesVersionsQuery(projectId));
  const { draft, setDraft, note, setNote, save } = useRecordVersion<string>(projectId, 'guidelines-versions', (body, n) => ({ body, note: n }));
  const id = useId();
  if (project.isPending || versions.isPending) return <Loading what="the guidelines" />;
  if (project.isError) return <main className="page"><ErrorNote error={project.error} /></main>;
  if (versions.isError) return <main className="page"><ErrorNote error={versions.error} /></main>;
  const latest = versions.data.length > 0 ? versions.data.reduce((a, b) => (b.version > a.version ? b : a)) : null;
  const body = draft ?? latest?.body ?? '';
  const nextVersion = (latest?.version ?? 0) + 1;
  return (
    <main className="page wide">
      <PageHeader title={`Guidelines of ${project.data.name}`}>
        <Link to={`/projects/${projectId}`}>Back to the overview</Link>
      </PageHeader>
      <p className="muted">{latest ? `In force: version ${latest.version}.` : 'No guidelines yet.'} Saving records version {nextVersion}; annotators see it from their next task.</p>
      <GuidelinesEditor value={body} onChange={setDraft} />
      <div className="row">
        <label htmlFor={`${id}-note`}>
          What changed
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </label>
        <button type="button" className="primary" disabled={draft === null || save.isPending} onClick={() => draft !== null && save.mutate(draft)}>
          Save as version {nextVersion}
        </button>
      </div>
      {save.error && <ErrorNote error={save.error} />}
      {save.isSuccess && <p className="note note-ok" role="status">Version {save.data.version} recorded.</p>}
      <h2>History</h2>
      <ol className="versions" reversed>
        {[...versions.data].reverse().map((v) => (
          <li key={v.version}>
            <strong>v{v.version}</strong> · {new Date(v.createdAt).toLocaleString()} · {v.body.length.toLocaleString()} characters{v.note && <> — {v.note}</>}
          </li>
        ))}
      </ol>
    </main>
  );
}
