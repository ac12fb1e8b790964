/**
 * The data-protection report (DPIA) of a project, drawn from its configuration: the Markdown shown
 * here, and the same as HTML, PDF or JSON. Managers open it from the project; admins and auditors
 * from the audit trail.
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api/client.ts';
import { isProjectManager } from '../app/roles.ts';
import { useSignedInUser } from '../app/session.tsx';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { Markdown } from '../ui/Markdown.tsx';

export default function DpiaPage() {
  const projectId = Number(useParams().projectId);
  const me = useSignedInUser();
  const report = useQuery({ queryKey: ['projects', projectId, 'dpia'], queryFn: () => api<string>('GET', `/api/v1/projects/${projectId}/dpia?format=markdown`), staleTime: 60_000 });
  const href = (format: string) => `/api/v1/projects/${projectId}/dpia?format=${format}`;
  const links = (
    <>
      <a className="button" href={href('pdf')} download>
        PDF
      </a>
      <a className="button" href={href('html')} target="_blank" rel="noreferrer">
        HTML
      </a>
      <a className="button" href={href('json')} target="_blank" rel="noreferrer">
        JSON
      </a>
    </>
  );
  const body = (
    <>
      {report.isPending && <Loading what="the report" />}
      {report.isError && <ErrorNote error={report.error} />}
      {report.data && (
        <article className="panel dpia" data-testid="dpia">
          <Markdown source={report.data} />
        </article>
      )}
    </>
  );
  if (isProjectManager(me.role)) {
    return (
      <ProjectFrame projectId={projectId} title="Data-protection report" actions={links}>
        {body}
      </ProjectFrame>
    );
  }
  return (
    <main className="page">
      <PageHeader title={`Data-protection report of project ${projectId}`}>{links}</PageHeader>
      {body}
    </main>
  );
}
