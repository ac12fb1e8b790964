/**
 * The screens and who may open them. Every screen is its own chunk: the image and text annotators,
 * the chart library and the Markdown editor are only downloaded by the screens that use them.
 */
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/errors.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import type { User } from '../api/types.ts';
import { type Area, canOpen, dependsOnStanding, homeOf } from './roles.ts';
import { useMyPools } from './standing.ts';
import { SignInPage, useMe } from './session.tsx';
import { NoAccess, NotFound } from './NoAccess.tsx';
import { badIdParam } from './route-ids.ts';
import { Shell } from './Shell.tsx';

const QueuesPage = lazy(() => import('../annotate/QueuesPage.tsx'));
const AnnotatePage = lazy(() => import('../annotate/AnnotatePage.tsx'));
const FeedbackPage = lazy(() => import('../annotate/FeedbackPage.tsx'));
const ReviewIndexPage = lazy(() => import('../review/ReviewIndexPage.tsx'));
const ReviewPage = lazy(() => import('../review/ReviewPage.tsx'));
const ProjectsPage = lazy(() => import('../manage/ProjectsPage.tsx'));
const CreateProjectPage = lazy(() => import('../manage/CreateProjectPage.tsx'));
const OverviewPage = lazy(() => import('../manage/OverviewPage.tsx'));
const ImportPage = lazy(() => import('../manage/ImportPage.tsx'));
const SchemaPage = lazy(() => import('../manage/SchemaPage.tsx'));
const GuidelinesPage = lazy(() => import('../manage/GuidelinesPage.tsx'));
const UsersPage = lazy(() => import('../manage/UsersPage.tsx'));
const PoolsPage = lazy(() => import('../pools/PoolsPage.tsx'));
const NewPoolPage = lazy(() => import('../pools/NewPoolPage.tsx'));
const PoolPage = lazy(() => import('../pools/PoolPage.tsx'));
const RoutingPage = lazy(() => import('../routing/RoutingPage.tsx'));
const QualityIndexPage = lazy(() => import('../quality/QualityIndexPage.tsx'));
const QualityPage = lazy(() => import('../quality/QualityPage.tsx'));
const QaPolicyPage = lazy(() => import('../quality/QaPolicyPage.tsx'));
const AdjudicateIndexPage = lazy(() => import('../adjudicate/AdjudicateIndexPage.tsx'));
const AdjudicatePage = lazy(() => import('../adjudicate/AdjudicatePage.tsx'));
const QualificationPage = lazy(() => import('../onboarding/QualificationPage.tsx'));
const OnboardingSettingsPage = lazy(() => import('../onboarding/OnboardingSettingsPage.tsx'));
const DataPage = lazy(() => import('../data/DataPage.tsx'));
const JobsPage = lazy(() => import('../data/JobsPage.tsx'));
const AuditPage = lazy(() => import('../protection/AuditPage.tsx'));
const DpiaPage = lazy(() => import('../protection/DpiaPage.tsx'));
const PrivacyPage = lazy(() => import('../protection/PrivacyPage.tsx'));
const AnalyticsPage = lazy(() => import('../analytics/AnalyticsPage.tsx'));
const StrategyPage = lazy(() => import('../strategy/StrategyPage.tsx'));

function Page({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function Guard({ area, children }: { area: Area; children: ReactNode }) {
  const me = useMe();
  if (!me) return <NoAccess />;
  return (
    <StandingGuard me={me} area={area}>
      {children}
    </StandingGuard>
  );
}

/** Pool screens open by membership: the answer waits for the memberships before refusing. */
function StandingGuard({ me, area, children }: { me: User; area: Area; children: ReactNode }) {
  const myPools = useMyPools(me);
  const badId = badIdParam(useParams());
  if (!canOpen(me.role, area, myPools.data?.standing)) {
    if (dependsOnStanding(area) && myPools.loading) return <Loading what="your pools" />;
    return <NoAccess area={area} />;
  }
  // Worded as the API words a missing one (/work/999), without asking it about "abc".
  if (badId) return <main className="page"><ErrorNote error={new ApiError(404, 'not_found', `${badId.what} ${badId.value} not found`)} /></main>;
  return <Page>{children}</Page>;
}

function Home() {
  const me = useMe();
  return <Navigate to={me ? homeOf(me.role) : '/sign-in'} replace />;
}

function SignInRoute() {
  const me = useMe();
  const location = useLocation();
  if (me && !(location.state as { from?: string } | null)?.from) return <Navigate to={homeOf(me.role)} replace />;
  return <SignInPage />;
}

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInRoute /> },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <Shell />
      </RequireSignIn>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'work', element: <Guard area="work"><QueuesPage /></Guard> },
      { path: 'work/:projectId', element: <Guard area="work"><AnnotatePage /></Guard> },
      { path: 'work/:projectId/qualification', element: <Guard area="work"><QualificationPage /></Guard> },
      { path: 'feedback', element: <Guard area="feedback"><FeedbackPage /></Guard> },
      { path: 'review', element: <Guard area="review"><ReviewIndexPage /></Guard> },
      { path: 'review/:projectId', element: <Guard area="review"><ReviewPage /></Guard> },
      { path: 'projects', element: <Guard area="projects"><ProjectsPage /></Guard> },
      { path: 'projects/new', element: <Guard area="projects"><CreateProjectPage /></Guard> },
      { path: 'projects/:projectId', element: <Guard area="projects"><OverviewPage /></Guard> },
      { path: 'projects/:projectId/import', element: <Guard area="projects"><ImportPage /></Guard> },
      { path: 'projects/:projectId/schema', element: <Guard area="projects"><SchemaPage /></Guard> },
      { path: 'projects/:projectId/guidelines', element: <Guard area="projects"><GuidelinesPage /></Guard> },
      { path: 'projects/:projectId/routing', element: <Guard area="projects"><RoutingPage /></Guard> },
      { path: 'projects/:projectId/qa-policy', element: <Guard area="projects"><QaPolicyPage /></Guard> },
      { path: 'quality', element: <Guard area="quality"><QualityIndexPage /></Guard> },
      { path: 'quality/:projectId', element: <Guard area="quality"><QualityPage /></Guard> },
      { path: 'projects/:projectId/onboarding', element: <Guard area="projects"><OnboardingSettingsPage /></Guard> },
      { path: 'projects/:projectId/data', element: <Guard area="projects"><DataPage /></Guard> },
      { path: 'jobs', element: <Guard area="jobs"><JobsPage /></Guard> },
      { path: 'projects/:projectId/privacy', element: <Guard area="projects"><PrivacyPage /></Guard> },
      { path: 'projects/:projectId/dpia', element: <Guard area="projects"><DpiaPage /></Guard> },
      { path: 'projects/:projectId/analytics', element: <Guard area="projects"><AnalyticsPage /></Guard> },
      { path: 'projects/:projectId/strategy', element: <Guard area="projects"><StrategyPage /></Guard> },
      { path: 'audit', element: <Guard area="audit"><AuditPage /></Guard> },
      { path: 'audit/dpia/:projectId', element: <Guard area="audit"><DpiaPage /></Guard> },
      { path: 'adjudicate', element: <Guard area="adjudicate"><AdjudicateIndexPage /></Guard> },
      { path: 'adjudicate/:projectId', element: <Guard area="adjudicate"><AdjudicatePage /></Guard> },
      { path: 'users', element: <Guard area="users"><UsersPage /></Guard> },
      { path: 'pools', element: <Guard area="pools"><PoolsPage /></Guard> },
      { path: 'pools/new', element: <Guard area="projects"><NewPoolPage /></Guard> },
      { path: 'pools/:poolId', element: <Guard area="pools"><PoolPage /></Guard> },
      { path: 'no-access', element: <NoAccess /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return (
    <Suspense fallback={<Loading what="Atelier" />}>
      <RouterProvider router={router} />
    </Suspense>
  );
}
