/**
 * The frame of a project's manager screens: its name and the tabs to its tools. Reviewers reach
 * only the quality tab, which lives under /quality for them.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { projectQuery } from '../api/queries.ts';
import { isProjectManager } from '../app/roles.ts';
import { useSignedInUser } from '../app/session.tsx';
import { ErrorNote, PageHeader } from '../ui/feedback.tsx';

const TABS: { path: string; title: string }[] = [
  { path: '', title: 'Overview' },
  { path: '/routing', title: 'Routing' },
  { path: 'quality', title: 'Quality' },
  { path: '/qa-policy', title: 'QA policy' },
  { path: '/onboarding', title: 'Onboarding' },
  { path: '/data', title: 'Exports & webhooks' },
  { path: '/privacy', title: 'Privacy' },
  { path: '/dpia', title: 'Data protection report' },
  { path: '/analytics', title: 'Analytics' },
  { path: '/strategy', title: 'Strategy' },
];

const hrefOf = (projectId: number, path: string) => (path === 'quality' ? `/quality/${projectId}` : `/projects/${projectId}${path}`);

export function ProjectTabs({ projectId }: { projectId: number }) {
  const me = useSignedInUser();
  if (!isProjectManager(me.role)) return null;
  return (
    <nav className="project-tabs" aria-label="Project">
      <ul>
        {TABS.map((t) => (
          <li key={t.title}>
            <NavLink to={hrefOf(projectId, t.path)} end>
              {t.title}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface Props {
  projectId: number;
  title: string;
  actions?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

export function ProjectFrame({ projectId, title, actions, wide, children }: Props) {
  const project = useQuery(projectQuery(projectId));
  return (
    <main className={`page${wide ? ' wide' : ''}`}>
      <p className="crumb muted">{project.data?.name ?? `Project ${projectId}`}</p>
      <PageHeader title={title}>{actions}</PageHeader>
      <ProjectTabs projectId={projectId} />
      {project.isError && <ErrorNote error={project.error} />}
      {children}
    </main>
  );
}
