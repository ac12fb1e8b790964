/**
 * /pools/:poolId — one pool: what it has in hand (for managers and the pool's managers), its
 * members, and its settings (managers change them).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { poolQuery } from '../api/workforce-queries.ts';
import type { Pool } from '../api/workforce-types.ts';
import { isProjectManager } from '../app/roles.ts';
import { useSignedInUser } from '../app/session.tsx';
import { useMyPools } from '../app/standing.ts';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { costWords, formFromPool, KIND_WORDS, languagesWords, type PoolFormState, poolBodyFrom, regionsWords, slaWords } from './pool-form.ts';
import { PoolForm } from './PoolForm.tsx';
import { PoolQueueView } from './PoolQueueView.tsx';

export default function PoolPage() {
  const poolId = Number(useParams().poolId);
  const me = useSignedInUser();
  const myPools = useMyPools(me);
  const pool = useQuery(poolQuery(poolId));
  const manager = isProjectManager(me.role);
  const runsIt = manager || myPools.data?.roles[poolId] === 'manager';
  if (pool.isPending) return <Loading what="the pool" />;
  if (pool.isError) {
    return (
      <main className="page">
        <PageHeader title="Pool" />
        <ErrorNote error={pool.error} />
        <Link to="/pools">Back to the pools</Link>
      </main>
    );
  }
  const p = pool.data;
  return (
    <main className="page wide" data-testid="pool-page">
      <p className="crumb">
        <Link to="/pools">Pools</Link>
      </p>
      <PageHeader title={p.name}>
        <span className="badge">{KIND_WORDS[p.kind]}</span>
        <code className="muted">{p.key}</code>
      </PageHeader>
      <p className="muted">
        {p.vendor ? `${p.vendor} · ` : ''}clearance {p.clearance} · regions {regionsWords(p)} · languages {languagesWords(p)} · {costWords(p.costModel)} · SLA {slaWords(p.sla)}
      </p>
      {runsIt && (
        <section className="panel" aria-labelledby="in-hand-title">
          <h2 id="in-hand-title">In hand</h2>
          <PoolQueueView poolId={poolId} />
        </section>
      )}
      <section aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <MembersPanel poolId={poolId} canManage={runsIt} canAppoint={manager} me={me} />
      </section>
      {manager && <PoolSettings pool={p} />}
    </main>
  );
}

function PoolSettings({ pool }: { pool: Pool }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (form: PoolFormState) => api<Pool>('PATCH', `/api/v1/pools/${pool.id}`, poolBodyFrom(form, false)),
    onSuccess: (updated) => {
      queryClient.setQueryData(poolQuery(pool.id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['pools'], exact: true });
      setEditing(false);
    },
  });
  return (
    <section aria-labelledby="settings-title">
      <div className="row space">
        <h2 id="settings-title">Settings</h2>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit the settings
          </button>
        )}
      </div>
      {editing ? (
        <PoolForm initial={formFromPool(pool)} creating={false} pending={save.isPending} error={save.error} submitLabel="Save the settings" onSubmit={(f) => save.mutate(f)} onCancel={() => setEditing(false)} />
      ) : (
        <dl className="facts">
          <div><dt>Skills</dt><dd>{pool.skills.join(', ') || '—'}</dd></div>
          <div><dt>Capacity</dt><dd>{pool.capacityHoursPerWeek === null ? '—' : `${pool.capacityHoursPerWeek} hours a week`}</dd></div>
          <div><dt>Time zone</dt><dd>{pool.timeZone ?? '—'}</dd></div>
        </dl>
      )}
    </section>
  );
}
