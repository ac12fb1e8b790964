/** /projects/:id/schema — records a new version of the label schema; earlier versions stay. */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { projectQuery, schemaVersionsQuery } from '../api/queries.ts';
import type { LabelSchema } from '../api/types.ts';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { SchemaEditor } from './SchemaEditor.tsx';
import { schemaIssues } from './schema-edit.ts';
import { useRecordVersion } from './use-record-version.ts';

export default function SchemaPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  const versions = useQuery(schemaVersionsQuery(projectId));
  const { draft, setDraft, note, setNote, save } = useRecordVersion<LabelSchema>(projectId, 'schema-versions', (schema, n) => ({ schema, note: n }));
  const id = useId();
  if (project.isPending || versions.isPending) return <Loading what="the label schema" />;
  if (project.isError) return <main className="page"><ErrorNote error={project.error} /></main>;
  if (versions.isError) return <main className="page"><ErrorNote error={versions.error} /></main>;
  const latest = versions.data.reduce((a, b) => (b.version > a.version ? b : a));
  const schema = draft ?? latest.schema;
  const valid = schemaIssues(schema, project.data.itemKind).length === 0;
  return (
    <main className="page wide">
      <PageHeader title={`Labels of ${project.data.name}`}>
        <Link to={`/projects/${projectId}`}>Back to the overview</Link>
      </PageHeader>
      <p className="muted">
        In force: version {latest.version}. Saving records version {latest.version + 1}; annotations keep the version they were made under.
      </p>
      <SchemaEditor schema={schema} itemKind={project.data.itemKind} onChange={setDraft} />
      <div className="row">
        <label htmlFor={`${id}-note`}>
          What changed
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </label>
        <button type="button" className="primary" disabled={!draft || !valid || save.isPending} onClick={() => draft && save.mutate(draft)}>
          Save as version {latest.version + 1}
        </button>
      </div>
      {save.error && <ErrorNote error={save.error} />}
      {save.isSuccess && <p className="note note-ok" role="status">Version {save.data.version} recorded.</p>}
      <h2>History</h2>
      <ol className="versions" reversed>
        {[...versions.data].reverse().map((v) => (
          <li key={v.version}>
            <strong>v{v.version}</strong> · {new Date(v.createdAt).toLocaleString()} · {v.schema.controls.map((c) => `${c.name} (${c.labels.length})`).join(', ')}
            {v.note && <> — {v.note}</>}
          </li>
        ))}
      </ol>
    </main>
  );
}
