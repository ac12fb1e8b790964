/**
 * /projects/:projectId/routing — the routing policy: the one in force, an editor of its rules (or
 * a preset to start from), a dry run drawn per pool beside the policy in force, applying it, and
 * the explanation of any item's route.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { presetPolicy } from '../../../src/core/routing/policy.ts';
import { api } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { poolsQuery, presetsQuery, routingQuery } from '../api/workforce-queries.ts';
import type { DryRun, PolicyBody, Pool, Preset, Reroute, RoutingPolicy, RoutingState } from '../api/workforce-types.ts';
import { ProjectFrame } from '../manage/ProjectFrame.tsx';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { DryRunPreview } from './DryRunPreview.tsx';
import { moveRule, newRule, policyIssues, removeRule, replaceRule } from './policy-edit.ts';
import { type PolicyProblems, policyProblems, rulesWithProblems } from './policy-problems.ts';
import { PresetPanel } from './PresetPanel.tsx';
import { RouteExplainer } from './RouteExplainer.tsx';
import { RuleEditor } from './RuleEditor.tsx';

interface Draft {
  /** What is sent to the dry run and applied: the preset as chosen, or the rules as edited. */
  body: PolicyBody;
  /** The rules the body makes, as the editor shows them. */
  policy: RoutingPolicy;
  /** Changes when the rules are replaced wholesale (a preset, a reset): the rule inputs start again. */
  generation: number;
}

const dryRun = (projectId: number, body: PolicyBody) => api<DryRun>('POST', `/api/v1/projects/${projectId}/routing/dry-run`, body);

export default function RoutingPage() {
  const projectId = Number(useParams().projectId);
  const routing = useQuery(routingQuery(projectId));
  const pools = useQuery(poolsQuery);
  const presets = useQuery(presetsQuery);
  const [applied, setApplied] = useState<Reroute | null>(null);
  return (
    <ProjectFrame projectId={projectId} title="Routing" wide>
      {applied && (
        <div className="note note-ok" role="status">
          Version {applied.version} is in force. {applied.items.toLocaleString()} items were routed again: {applied.tasksUpdated} tasks moved, {applied.tasksAdded} added, {applied.tasksCancelled} cancelled.
        </div>
      )}
      {(routing.isPending || pools.isPending || presets.isPending) && <Loading what="the routing policy" />}
      {routing.isError && <ErrorNote error={routing.error} />}
      {pools.isError && <ErrorNote error={pools.error} />}
      {presets.isError && <ErrorNote error={presets.error} />}
      {routing.data && pools.data && presets.data && (
        <RoutingEditor key={routing.data.current?.version ?? 0} projectId={projectId} current={routing.data.current} versions={routing.data.versions} poolKeys={pools.data.map((p) => p.key)} pools={pools.data} presets={presets.data} onApplied={setApplied} />
      )}
      <ItemRoute />
    </ProjectFrame>
  );
}

interface EditorProps {
  projectId: number;
  current: RoutingState['current'];
  versions: RoutingState['versions'];
  poolKeys: string[];
  pools: Pool[];
  presets: Preset[];
  onApplied(result: Reroute): void;
}

function RoutingEditor({ projectId, current, versions, poolKeys, pools, presets, onApplied }: EditorProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const initial: RoutingPolicy = current?.policy ?? { rules: [] };
  // The strategy advisor sends its proposed policy here as a draft, to be dry-run before applying.
  const proposed = (useLocation().state as { policy?: RoutingPolicy; note?: string } | null) ?? null;
  const [draft, setDraft] = useState<Draft>(() => {
    const start = proposed?.policy ?? initial;
    return { body: { policy: start }, policy: start, generation: 0 };
  });
  const [tab, setTab] = useState<'rules' | 'preset'>(current || proposed?.policy ? 'rules' : 'preset');
  const [note, setNote] = useState(proposed?.note ?? '');
  const editRules = (policy: RoutingPolicy) => setDraft((d) => ({ body: { policy }, policy, generation: d.generation }));
  const issues = policyIssues(draft.policy, poolKeys);

  const preview = useMutation({ mutationFn: (body: PolicyBody) => dryRun(projectId, body).then((result) => ({ body, result })) });
  const inForce = useQuery({
    queryKey: ['projects', projectId, 'routing', 'dry-run', current?.version ?? 0],
    queryFn: () => dryRun(projectId, { policy: current!.policy }),
    enabled: current !== null && preview.data !== undefined,
    staleTime: 30_000,
  });
  const apply = useMutation({
    mutationFn: (body: PolicyBody) => api<Reroute>('PUT', `/api/v1/projects/${projectId}/routing`, { ...body, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (result) => {
      onApplied(result);
      void queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'routing'] });
    },
  });
  const previewed = preview.data?.body === draft.body ? preview.data.result : null;
  /** A refused dry run or apply; what the server found in an earlier draft would point at rules since edited. */
  const refused = (m: { error: Error | null; variables: PolicyBody | undefined }) => {
    if (!m.error) return null;
    const problems = m.variables === draft.body ? policyProblems(m.error, draft.policy) : null;
    if (!problems && m.error instanceof ApiError && m.error.issues.length > 0) return null;
    return { error: m.error, problems };
  };
  const previewRefused = refused(preview);
  const applyRefused = refused(apply);
  const ruleProblems = (applyRefused?.problems ?? previewRefused?.problems)?.byRule ?? [];

  return (
    <>
      <p className="muted">
        {current ? (
          <>
            In force: <strong>version {current.version}</strong>
            {current.policy.preset ? <> (from the preset {current.policy.preset.replaceAll('_', ' ')})</> : null}, {new Date(current.createdAt).toLocaleString()}
            {current.note ? <> — “{current.note}”</> : null}. Rules are tried in order; the first that matches sends the item.
          </>
        ) : (
          <>No policy yet: the project's work is not routed to pools, and staff take it.</>
        )}
      </p>
      {versions.length > 1 && (
        <details className="versions-list">
          <summary>{versions.length} versions</summary>
          <ol>
            {versions.map((v) => (
              <li key={v.version}>
                v{v.version} · {new Date(v.createdAt).toLocaleString()} {v.note && <>— {v.note}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className="routing-layout">
        <section className="panel" aria-labelledby={`${id}-policy`}>
          <div className="row space">
            <h2 id={`${id}-policy`}>Draft policy</h2>
            <div className="tabs compact-tabs" role="tablist" aria-label="Edit the draft">
              <button type="button" role="tab" aria-selected={tab === 'rules'} onClick={() => setTab('rules')}>
                Rules
              </button>
              <button type="button" role="tab" aria-selected={tab === 'preset'} onClick={() => setTab('preset')}>
                Start from a preset
              </button>
            </div>
          </div>
          {tab === 'preset' ? (
            <PresetPanel
              presets={presets}
              pools={pools}
              onUse={(body) => {
                const policy = presetPolicy(body.preset, body.pools, body.options) as RoutingPolicy;
                setDraft((d) => ({ body, policy, generation: d.generation + 1 }));
                setTab('rules');
              }}
            />
          ) : (
            <>
              {proposed?.policy && draft.policy === proposed.policy && (
                <p className="note note-info">The strategy advisor's proposal, with your pools in place of its placeholders.</p>
              )}
              {'preset' in draft.body && (
                <p className="note note-info">
                  From the preset <strong>{draft.body.preset.replaceAll('_', ' ')}</strong>. Changing a rule makes it your own policy.
                </p>
              )}
              <ol className="rules" key={draft.generation}>
                {draft.policy.rules.map((rule, i) => (
                  <RuleEditor
                    key={i}
                    rule={rule}
                    index={i}
                    count={draft.policy.rules.length}
                    poolKeys={poolKeys}
                    problems={ruleProblems[i] ?? []}
                    onChange={(r) => editRules(replaceRule(draft.policy, i, r))}
                    onMove={(delta) => {
                      editRules(moveRule(draft.policy, i, delta));
                      setDraft((d) => ({ ...d, generation: d.generation + 1 }));
                    }}
                    onRemove={() => {
                      editRules(removeRule(draft.policy, i));
                      setDraft((d) => ({ ...d, generation: d.generation + 1 }));
                    }}
                  />
                ))}
              </ol>
              {draft.policy.rules.length === 0 && <p className="muted">No rule: nothing would be routed.</p>}
              <div className="row">
                <button type="button" onClick={() => editRules({ ...draft.policy, rules: [...draft.policy.rules, newRule(draft.policy.rules, poolKeys[0] ?? '')] })}>
                  Add a rule
                </button>
                <button type="button" className="quiet" onClick={() => setDraft((d) => ({ body: { policy: initial }, policy: initial, generation: d.generation + 1 }))}>
                  Back to the policy in force
                </button>
              </div>
            </>
          )}
        </section>
        <section className="panel preview-panel" aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`}>Preview and apply</h2>
          {issues.length > 0 && (
            <div className="note note-warn" role="alert">
              <ul>
                {issues.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" className={previewed ? '' : 'primary'} onClick={() => preview.mutate(draft.body)} disabled={preview.isPending || issues.length > 0}>
            {preview.isPending ? 'Running the dry run…' : 'Dry run'}
          </button>
          {previewRefused && <Refusal {...previewRefused} />}
          {preview.data && !previewed && <p className="muted">The draft changed since the dry run: run it again before applying.</p>}
          {previewed && <DryRunPreview proposed={previewed} inForce={inForce.data ?? null} />}
          <div className="apply stack">
            <label htmlFor={`${id}-note`}>Note for this version (optional)</label>
            <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="why this change" />
            {applyRefused && <Refusal {...applyRefused} />}
            <button type="button" className="primary" onClick={() => apply.mutate(draft.body)} disabled={!previewed || apply.isPending || issues.length > 0}>
              {apply.isPending ? 'Applying…' : 'Apply this policy'}
            </button>
            {!previewed && <p className="muted small">Run the dry run of the draft first: applying routes the unclaimed work again.</p>}
          </div>
        </section>
      </div>
    </>
  );
}

/** Why the server refused the draft: what it found in the rules is shown beside them, the rest here. */
function Refusal({ error, problems }: { error: Error; problems: PolicyProblems | null }) {
  if (!problems) return <ErrorNote error={error} />;
  const where = rulesWithProblems(problems);
  return (
    <div className="note note-error" role="alert" data-testid="policy-refused">
      The draft cannot be used as it is{where ? `: see the problems beside ${where}` : ''}.
      {problems.other.length > 0 && (
        <ul>
          {problems.other.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ItemRoute() {
  const [params, setParams] = useSearchParams();
  const item = Number(params.get('item'));
  return (
    <section className="panel" aria-labelledby="item-route-title">
      <h2 id="item-route-title">Why does an item go where it goes?</h2>
      <RouteExplainer
        itemId={Number.isInteger(item) && item > 0 ? item : null}
        onItem={(id) => setParams(id === null ? {} : { item: String(id) }, { replace: true })}
      />
    </section>
  );
}
