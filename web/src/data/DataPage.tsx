/** /projects/:projectId/data — data out of the project: exports as background jobs, and webhooks. */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { projectQuery } from '../api/queries.ts';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { Loading } from '../ui/feedback.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { WebhooksPanel } from './WebhooksPanel.tsx';

export default function DataPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  return (
    <ProjectFrame
      projectId={projectId}
      title="Exports and webhooks"
      actions={
        <>
          <Link className="button" to={`/projects/${projectId}/import`}>
            Import data
          </Link>
          <Link className="button" to={`/jobs?project=${projectId}`}>
            Jobs
          </Link>
        </>
      }
    >
      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        {project.data ? <ExportPanel project={project.data} /> : <Loading what="the project" />}
      </section>
      <section className="panel" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">Webhooks</h2>
        <WebhooksPanel projectId={projectId} />
      </section>
    </ProjectFrame>
  );
}
