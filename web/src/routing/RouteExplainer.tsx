/**
 * Why an item goes where it goes: the policy's rules tried in order with the reason each did or
 * did not match, the decision, and the item's tasks; its routing attributes can be changed here.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import type { Item } from '../api/types.ts';
import { routeQuery } from '../api/workforce-queries.ts';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { ItemAttributesForm } from './ItemAttributesForm.tsx';

export function RouteExplainer({ itemId, onItem }: { itemId: number | null; onItem(id: number | null): void }) {
  const id = useId();
  const [typed, setTyped] = useState(itemId === null ? '' : String(itemId));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(typed);
    onItem(Number.isInteger(n) && n > 0 ? n : null);
  };
  return (
    <div className="route-explainer">
      <form className="row" onSubmit={submit} aria-label="Explain an item's route">
        <label htmlFor={`${id}-item`}>
          Item id
          <input id={`${id}-item`} type="number" min={1} className="short" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit">Explain its route</button>
      </form>
      {itemId !== null && <Explanation key={itemId} itemId={itemId} />}
    </div>
  );
}

function Explanation({ itemId }: { itemId: number }) {
  const route = useQuery(routeQuery(itemId));
  const item = useQuery({ queryKey: ['items', itemId], queryFn: () => api<Item>('GET', `/api/v1/items/${itemId}`) });
  const queryClient = useQueryClient();
  const [generation, setGeneration] = useState(0);
  if (route.isPending) return <Loading what="the route" />;
  if (route.isError) return <ErrorNote error={route.error} />;
  const r = route.data;
  const d = r.decision;
  return (
    <div className="explanation" data-testid="route-explanation">
      <h3>
        {item.data?.externalId ?? `Item ${itemId}`} <span className="muted small">· policy version {r.policyVersion ?? 'none (project default)'}</span>
      </h3>
      <p className="decision">
        {d.rule === null ? (
          <>No rule applies: the item stays unrouted (staff take it).</>
        ) : (
          <>
            Rule <strong>{d.rule}</strong> sends it to{' '}
            {d.targets.map((t, i) => (
              <span key={t.poolKey}>
                {i > 0 && ', '}
                <strong>{t.poolKey}</strong>
                {t.role === 'expert' ? ' (experts)' : ''}
                {d.targets.length > 1 ? ` × ${t.weight}` : ''}
              </span>
            ))}
            , {d.overlap} annotator{d.overlap === 1 ? '' : 's'}, priority {d.priority}.
          </>
        )}
      </p>
      <ol className="trace" aria-label="Rules tried in order">
        {d.trace.map((t) => (
          <li key={t.rule} className={t.matched ? 'matched' : 'missed'}>
            <span className="trace-mark" aria-hidden="true">
              {t.matched ? '✓' : '✗'}
            </span>{' '}
            <strong>{t.rule}</strong> <span className="visually-hidden">{t.matched ? 'matched' : 'did not match'}</span>
            {t.notes.length > 0 && <span className="muted"> — {t.notes.join('; ')}</span>}
          </li>
        ))}
      </ol>
      <h4>Its tasks</h4>
      {r.tasks.length === 0 ? (
        <p className="muted">No task yet.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Stage</th>
              <th scope="col">Status</th>
              <th scope="col">Pool</th>
              <th scope="col">Role</th>
              <th scope="col">Routed by</th>
              <th scope="col">Priority</th>
            </tr>
          </thead>
          <tbody>
            {r.tasks.map((t) => (
              <tr key={t.taskId}>
                <td>
                  {t.taskId} <span className="muted small">slot {t.slot}</span>
                </td>
                <td>{t.stage}</td>
                <td>{t.status}</td>
                <td>{t.poolKey ?? 'unrouted'}</td>
                <td>{t.memberRole ?? '—'}</td>
                <td>{t.routedBy ?? '—'}</td>
                <td>{t.priority}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Routing attributes</h4>
      <ItemAttributesForm
        key={generation}
        itemId={itemId}
        facts={r.item}
        onSaved={() => {
          void queryClient.invalidateQueries({ queryKey: ['items', itemId] }).then(() => setGeneration((g) => g + 1));
        }}
      />
    </div>
  );
}
