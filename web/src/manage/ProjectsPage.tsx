/** /projects — every project a manager runs, with a way to create one. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { projectsQuery } from '../api/queries.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';

export default function ProjectsPage() {
  const projects = useQuery(projectsQuery);
  return (
    <main className="page">
      <PageHeader title="Projects">
        <Link className="button primary" to="/projects/new">
          New project
        </Link>
      </PageHeader>
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorNote error={projects.error} />}
      {projects.data?.length === 0 && <Empty>No project yet. Create one to import data and hand out work.</Empty>}
      {projects.data && projects.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Data</th>
              <th scope="col">Annotators per item</th>
              <th scope="col">Schema</th>
              <th scope="col">Guidelines</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {projects.data.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/projects/${p.id}`}>{p.name}</Link>
                  {p.archived && <span className="badge"> archived</span>}
                </th>
                <td>{p.itemKind === 'image' ? 'Images' : 'Texts'}</td>
                <td>{p.overlap}</td>
                <td>v{p.schemaVersion}</td>
                <td>v{p.guidelinesVersion}</td>
                <td>{new Date(p.createdAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
