/**
 * Which metadata fields of the items each pool may see in this project. Without a rule of its own a
 * pool gets the default: in-house pools see every field, outside pools none.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { metadataRulesQuery } from '../api/data-queries.ts';
import { poolsQuery } from '../api/workforce-queries.ts';
import type { Pool } from '../api/workforce-types.ts';
import { ErrorNote, Loading } from '../ui/feedback.tsx';

export function MetadataRules({ projectId }: { projectId: number }) {
  const rules = useQuery(metadataRulesQuery(projectId));
  const pools = useQuery(poolsQuery);
  if (rules.isPending || pools.isPending) return <Loading what="the metadata rules" />;
  if (rules.isError) return <ErrorNote error={rules.error} />;
  if (pools.isError) return <ErrorNote error={pools.error} />;
  const keys = rules.data.keys.map((k) => k.key);
  if (keys.length === 0) return <p className="muted">The items carry no metadata.</p>;
  return (
    <table className="table compact metadata-rules">
      <thead>
        <tr>
          <th scope="col">Pool</th>
          {rules.data.keys.map((k) => (
            <th key={k.key} scope="col">
              {k.key} <span className="muted small">({k.items} items)</span>
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {pools.data.map((p) => (
          <PoolRule key={p.id} projectId={projectId} pool={p} keys={keys} allowed={rules.data.rules.find((r) => r.poolId === p.id)?.allowedKeys ?? null} />
        ))}
      </tbody>
    </table>
  );
}

function PoolRule({ projectId, pool, keys, allowed }: { projectId: number; pool: Pool; keys: string[]; allowed: string[] | null }) {
  const queryClient = useQueryClient();
  const byDefault = pool.kind === 'in_house' ? keys : [];
  const [chosen, setChosen] = useState<string[]>(allowed ?? byDefault);
  const save = useMutation({
    mutationFn: (allowedKeys: string[] | null) => api<null>('PUT', `/api/v1/projects/${projectId}/metadata-rules/${pool.id}`, { allowedKeys }),
    onSuccess: (_r, allowedKeys) => {
      if (allowedKeys === null) setChosen(byDefault);
      void queryClient.invalidateQueries({ queryKey: metadataRulesQuery(projectId).queryKey });
    },
  });
  const changed = JSON.stringify([...chosen].sort()) !== JSON.stringify([...(allowed ?? byDefault)].sort());
  return (
    <tr>
      <th scope="row">
        {pool.name} <span className="muted small">{allowed === null ? '(default)' : '(own rule)'}</span>
        {save.error && <ErrorNote error={save.error} />}
      </th>
      {keys.map((k) => (
        <td key={k}>
          <input
            type="checkbox"
            aria-label={`${pool.name} may see ${k}`}
            checked={chosen.includes(k)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, k] : chosen.filter((x) => x !== k))}
          />
        </td>
      ))}
      <td>
        <span className="row">
          <button type="button" className="small" onClick={() => save.mutate(chosen)} disabled={!changed || save.isPending}>
            Save
          </button>
          {allowed !== null && (
            <button type="button" className="small quiet" onClick={() => save.mutate(null)} disabled={save.isPending}>
              Back to the default
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}
