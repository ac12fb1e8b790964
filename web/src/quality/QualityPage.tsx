/**
 * /quality/:projectId — how good the labels are: where items stand, agreement by pool, pair and
 * label on each question and each region control, each annotator's answers against the settled
 * labels, gold accuracy with its interval and by week, and the items waiting for adjudication.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { qaPolicyQuery, qualityQuery } from '../api/quality-queries.ts';
import { isProjectManager } from '../app/roles.ts';
import { useSignedInUser } from '../app/session.tsx';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { controlTitle } from '../annotate/draft-problems.ts';
import { AdjudicationQueue } from './AdjudicationQueue.tsx';
import { AgreementSection } from './AgreementSection.tsx';
import { ConfusionHeatmaps } from './ConfusionHeatmaps.tsx';
import { GoldSection } from './GoldSection.tsx';
import { RegionAgreementSection } from './RegionAgreementSection.tsx';
import { StageFigures } from './StageFigures.tsx';

export default function QualityPage() {
  const projectId = Number(useParams().projectId);
  const me = useSignedInUser();
  const quality = useQuery(qualityQuery(projectId));
  const policy = useQuery(qaPolicyQuery(projectId));
  const [controlName, setControlName] = useState<string | null>(null);
  const q = quality.data;
  // Choice questions first (they have confusion matrices), then the region controls.
  const names = q ? [...q.controls.map((c) => c.control), ...q.regionControls.map((c) => c.control)] : [];
  const selected = names.includes(controlName ?? '') ? controlName : (names[0] ?? null);
  const control = q?.controls.find((c) => c.control === selected);
  const regionControl = q?.regionControls.find((c) => c.control === selected);
  return (
    <ProjectFrame
      projectId={projectId}
      title="Quality"
      wide
      actions={
        isProjectManager(me.role) ? (
          <Link className="button" to={`/projects/${projectId}/qa-policy`}>
            QA policy
          </Link>
        ) : undefined
      }
    >
      {quality.isPending && <Loading what="the quality figures" />}
      {quality.isError && <ErrorNote error={quality.error} />}
      {q && (
        <div data-testid="quality">
          {q.pools !== null && (
            <p className="note note-info" data-testid="quality-scope">
              These figures cover the work of your pool{q.pools.length === 1 ? '' : 's'} only ({q.pools.join(', ')}): other pools' annotators are not shown. Where the items stand counts the items your pool{q.pools.length === 1 ? '' : 's'} worked on.
            </p>
          )}
          <StageFigures stages={q.stages} className="stats" />
          {names.length > 1 && (
            <div className="tabs control-tabs" role="tablist" aria-label="Question">
              {names.map((name) => (
                <button key={name} type="button" role="tab" aria-selected={name === selected} onClick={() => setControlName(name)}>
                  {controlTitle(name)}
                </button>
              ))}
            </div>
          )}
          {names.length === 0 && <p className="muted">No answers yet to measure agreement on.</p>}
          {regionControl && <RegionAgreementSection control={regionControl} />}
          {control && (
            <>
              <AgreementSection control={control} scoped={q.pools !== null} />
              <ConfusionHeatmaps control={control} />
            </>
          )}
          <GoldSection gold={q.gold} policy={policy.data} />
        </div>
      )}
      <section className="panel" aria-labelledby="adjudication-title">
        <h2 id="adjudication-title">Waiting for adjudication</h2>
        <AdjudicationQueue projectId={projectId} />
      </section>
    </ProjectFrame>
  );
}
