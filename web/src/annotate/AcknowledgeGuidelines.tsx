/** Before the first task of a project that asks for it: the guidelines in force, read and acknowledged. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { guidelinesVersionQuery } from '../api/queries.ts';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { Markdown } from '../ui/Markdown.tsx';

export function AcknowledgeGuidelines({ projectId, version, onDone }: { projectId: number; version: number; onDone(): void }) {
  const guidelines = useQuery(guidelinesVersionQuery(projectId, version));
  const acknowledge = useMutation({
    mutationFn: () => api<null>('POST', `/api/v1/projects/${projectId}/guidelines/acknowledgements`, { version }),
    onSuccess: onDone,
  });
  return (
    <main className="page narrow">
      <PageHeader title="Read the guidelines first" />
      <p>This project asks you to read its guidelines (version {version}) before your next task.</p>
      {guidelines.isPending && <Loading what="the guidelines" />}
      {guidelines.isError && <ErrorNote error={guidelines.error} />}
      {guidelines.data && (
        <div className="panel">
          <Markdown source={guidelines.data.body} />
        </div>
      )}
      {acknowledge.error && <ErrorNote error={acknowledge.error} />}
      <p className="row">
        <button type="button" className="primary" onClick={() => acknowledge.mutate()} disabled={!guidelines.data || acknowledge.isPending}>
          I have read them — take my next task
        </button>
        <Link to="/work">Not now</Link>
      </p>
    </main>
  );
}
