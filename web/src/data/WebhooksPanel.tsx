/**
 * A project's webhooks: add one for the events it wants (its secret is shown once), turn it off,
 * send it a test ping and read its delivery log.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { deliveriesQuery, webhooksQuery } from '../api/data-queries.ts';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../src/core/webhook-events.ts';
import type { Webhook } from '../api/data-types.ts';
import { ErrorNote, Loading } from '../ui/feedback.tsx';

export function WebhooksPanel({ projectId }: { projectId: number }) {
  const hooks = useQuery(webhooksQuery(projectId));
  return (
    <>
      {hooks.isPending && <Loading what="webhooks" />}
      {hooks.isError && <ErrorNote error={hooks.error} />}
      {hooks.data?.length === 0 && <p className="muted">No webhook yet.</p>}
      <ul className="webhooks">
        {hooks.data?.map((w) => (
          <WebhookRow key={w.id} hook={w} projectId={projectId} />
        ))}
      </ul>
      <AddWebhook projectId={projectId} />
    </>
  );
}

function WebhookRow({ hook, projectId }: { hook: Webhook; projectId: number }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [removing, setRemoving] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhooksQuery(projectId).queryKey });
  const change = useMutation({ mutationFn: (active: boolean) => api<Webhook>('PATCH', `/api/v1/webhooks/${hook.id}`, { active }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => api<null>('DELETE', `/api/v1/webhooks/${hook.id}`), onSuccess: refresh });
  const ping = useMutation({
    mutationFn: () => api<{ queued: boolean }>('POST', `/api/v1/webhooks/${hook.id}/ping`),
    onSuccess: () => {
      setOpen(true);
      void queryClient.invalidateQueries({ queryKey: deliveriesQuery(hook.id).queryKey });
    },
  });
  return (
    <li className="webhook panel" data-testid="webhook">
      <div className="row space">
        <div>
          <strong className="url">{hook.url}</strong> {!hook.active && <span className="badge">off</span>}
          <div className="muted small">
            {hook.events.join(', ')}
            {hook.description ? ` · ${hook.description}` : ''}
          </div>
        </div>
        <div className="row">
          <button type="button" onClick={() => ping.mutate()} disabled={ping.isPending || !hook.active}>
            Send a test ping
          </button>
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            Deliveries
          </button>
          <button type="button" onClick={() => change.mutate(!hook.active)} disabled={change.isPending}>
            {hook.active ? 'Turn off' : 'Turn on'}
          </button>
          {removing ? (
            <>
              <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                Remove it and its log
              </button>
              <button type="button" className="quiet" onClick={() => setRemoving(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="danger" onClick={() => setRemoving(true)}>
              Remove…
            </button>
          )}
        </div>
      </div>
      {ping.isSuccess && (
        <p className="note note-ok" role="status">
          A ping is on its way; it appears in the deliveries below.
        </p>
      )}
      {[change.error, remove.error, ping.error].filter(Boolean).map((e, i) => (
        <ErrorNote key={i} error={e} />
      ))}
      {open && <Deliveries webhookId={hook.id} />}
    </li>
  );
}

function Deliveries({ webhookId }: { webhookId: number }) {
  const deliveries = useQuery(deliveriesQuery(webhookId));
  if (deliveries.isPending) return <Loading what="deliveries" />;
  if (deliveries.isError) return <ErrorNote error={deliveries.error} />;
  if (deliveries.data.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <table className="table compact" data-testid="deliveries">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Attempts</th>
          <th scope="col">Answer</th>
          <th scope="col">Next attempt</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.map((d) => (
          <tr key={d.id}>
            <td>{new Date(d.createdAt).toLocaleString()}</td>
            <td>{d.event}</td>
            <td>
              <span className={`badge ${d.status === 'delivered' ? 'badge-accept' : d.status === 'failed' ? 'badge-reject' : ''}`}>{d.status}</span>
            </td>
            <td className="num">{d.attempts}</td>
            <td>
              {d.responseCode !== null && <>HTTP {d.responseCode} </>}
              {d.durationMs !== null && <span className="muted small">{d.durationMs} ms </span>}
              {d.lastError && <span className="field-error">{d.lastError}</span>}
            </td>
            <td>{d.nextAttemptAt ? new Date(d.nextAttemptAt).toLocaleString() : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddWebhook({ projectId }: { projectId: number }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ url: '', events: ['item.accepted', 'export.ready'] as WebhookEvent[], description: '' });
  const add = useMutation({
    mutationFn: () => api<{ webhook: Webhook; secret: string }>('POST', `/api/v1/projects/${projectId}/webhooks`, { url: form.url.trim(), events: form.events, ...(form.description.trim() ? { description: form.description.trim() } : {}) }),
    onSuccess: () => {
      setForm({ ...form, url: '', description: '' });
      void queryClient.invalidateQueries({ queryKey: webhooksQuery(projectId).queryKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form className="panel stack add-webhook" onSubmit={submit} aria-label="Add a webhook">
      <h3>Add a webhook</h3>
      <div className="form-grid">
        <label htmlFor={`${id}-url`}>
          URL
          <input id={`${id}-url`} type="url" required placeholder="https://example.org/atelier" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
        </label>
        <label htmlFor={`${id}-description`}>
          Description
          <input id={`${id}-description`} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
        </label>
        <fieldset className="review-by">
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="inline">
              <input type="checkbox" checked={form.events.includes(ev)} onChange={(e) => setForm({ ...form, events: e.target.checked ? [...form.events, ev] : form.events.filter((x) => x !== ev) })} />
              {ev}
            </label>
          ))}
        </fieldset>
      </div>
      {add.error && <ErrorNote error={add.error} />}
      {add.data && (
        <div className="note note-info" role="status">
          Added. Its signing secret, shown this once: <code className="secret">{add.data.secret}</code>. Check the <code>X-Atelier-Signature</code> header of each delivery with it.
        </div>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={add.isPending || form.events.length === 0}>
          Add the webhook
        </button>
      </div>
    </form>
  );
}
