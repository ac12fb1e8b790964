/** /projects/:projectId/strategy — the strategy advisor and the workforce simulator of a project. */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { poolsQuery } from '../api/workforce-queries.ts';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { AdvisorPanel } from './AdvisorPanel.tsx';
import { SimulatorPanel } from './SimulatorPanel.tsx';

export default function StrategyPage() {
  const projectId = Number(useParams().projectId);
  const pools = useQuery(poolsQuery);
  return (
    <ProjectFrame projectId={projectId} title="Strategy" wide>
      {pools.isPending && <Loading what="the pools" />}
      {pools.isError && <ErrorNote error={pools.error} />}
      {pools.data && (
        <>
          <section className="panel" aria-labelledby="advisor-title">
            <h2 id="advisor-title">Advisor: in-house, outsourced or hybrid?</h2>
            <AdvisorPanel projectId={projectId} pools={pools.data} />
          </section>
          <section className="panel" aria-labelledby="simulator-title">
            <h2 id="simulator-title">Simulator: cost, completion and accuracy of each mix</h2>
            <SimulatorPanel projectId={projectId} pools={pools.data} />
          </section>
        </>
      )}
    </ProjectFrame>
  );
}
