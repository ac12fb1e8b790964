/**
 * /audit — the audit trail for admins and auditors: search by who, what, which subject, project,
 * pool and period, newest first, page after page; verify the hash chain; download a period; open a
 * project's data-protection report.
 */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { AuditEvent, AuditVerification } from '../api/data-types.ts';
import { ErrorNote, FieldError, Loading, PageHeader } from '../ui/feedback.tsx';
import { formRefusal, invalidProps } from '../ui/form-errors.ts';
import { AUDIT_FIELDS, type AuditFilters, actorWords, auditQueryString, NO_FILTERS, subjectWords } from './audit-search.ts';

const PAGE = 50;

export default function AuditPage() {
  const id = useId();
  const [form, setForm] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [reportProject, setReportProject] = useState('');
  const events = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api<{ events: AuditEvent[]; nextCursor: number | null }>('GET', `/api/v1/audit?${auditQueryString(filters, PAGE, pageParam)}`),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
  const verify = useMutation({ mutationFn: () => api<AuditVerification>('POST', '/api/v1/audit/verify') });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setFilters(form);
  };
  // A refused search is said beside the field at fault; only what belongs to no field goes under the form.
  const refused = formRefusal(events.error, AUDIT_FIELDS);
  const field = (key: keyof AuditFilters, words: string, props: { type?: string; placeholder?: string } = {}) => (
    <label htmlFor={`${id}-${key}`}>
      {words}
      <input
        id={`${id}-${key}`}
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        {...invalidProps(`${id}-${key}-error`, refused.fields[key])}
      />
      <FieldError id={`${id}-${key}-error`} text={refused.fields[key]} />
    </label>
  );
  const exportHref = `/api/v1/audit/export?${new URLSearchParams({ ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) })}`;
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <main className="page wide">
      <PageHeader title="Audit trail">
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? 'Verifying…' : 'Verify the chain'}
        </button>
        <a className="button" href={exportHref} download>
          Download {filters.from || filters.to ? 'this period' : 'everything'} (JSON Lines)
        </a>
      </PageHeader>
      {verify.error && <ErrorNote error={verify.error} />}
      {verify.data && (
        <div className={`note ${verify.data.ok ? 'note-ok' : 'note-error'}`} role="status" data-testid="verification">
          {verify.data.ok ? (
            <>
              The chain holds: {verify.data.events.toLocaleString()} events, {verify.data.checkpoints} checkpoints{verify.data.head ? <>, head <code>{verify.data.head}</code></> : null}.
            </>
          ) : (
            <>
              The chain is broken at event {verify.data.brokenAt?.seq}: {verify.data.brokenAt?.message} ({verify.data.brokenAt?.reason}).
            </>
          )}
        </div>
      )}
      <form className="panel audit-filters" onSubmit={search} aria-label="Search the audit trail">
        <div className="form-grid">
          {field('actor', 'Who (e-mail or user id)', { placeholder: 'manager@demo.local' })}
          {field('action', 'What (an action, or a family ending with a dot)', { placeholder: 'auth.' })}
          {field('subject', 'Subject (type or type:id)', { placeholder: 'item:42' })}
          {field('project', 'Project id', { type: 'number' })}
          {field('pool', 'Pool id', { type: 'number' })}
          {field('from', 'From', { type: 'date' })}
          {field('to', 'Before', { type: 'date' })}
        </div>
        <div className="row">
          <button type="submit" className="primary">
            Search
          </button>
          <button
            type="button"
            className="quiet"
            onClick={() => {
              setForm(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {events.isPending && <Loading what="the audit trail" />}
      {events.isError && refused.rest && <ErrorNote error={events.error} />}
      {events.data && rows.length === 0 && <p className="muted">No event matches.</p>}
      {rows.length > 0 && (
        <table className="table compact audit-table" data-testid="audit-events">
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Subject</th>
              <th scope="col">Project</th>
              <th scope="col">Pool</th>
              <th scope="col">From</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
                </td>
                <td>{actorWords(e)}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{subjectWords(e)}</td>
                <td>{e.projectId ?? '—'}</td>
                <td>{e.poolId ?? '—'}</td>
                <td>{e.sourceIp ?? '—'}</td>
                <td className="details">{e.details === null || e.details === undefined ? '—' : <code>{JSON.stringify(e.details)}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.hasNextPage && (
        <button type="button" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? 'Loading…' : 'Older events'}
        </button>
      )}
      <section className="panel" aria-labelledby={`${id}-dpia`}>
        <h2 id={`${id}-dpia`}>Data-protection report of a project</h2>
        <div className="row">
          <label htmlFor={`${id}-report`}>
            Project id
            <input id={`${id}-report`} type="number" min={1} className="short" value={reportProject} onChange={(e) => setReportProject(e.target.value)} />
          </label>
          {Number(reportProject) > 0 && (
            <Link className="button" to={`/audit/dpia/${Number(reportProject)}`}>
              Open the report
            </Link>
          )}
        </div>
      </section>
    </main>
  );
}
