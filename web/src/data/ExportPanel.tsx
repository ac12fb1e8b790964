/**
 * Exporting a project: format, which labels (the reviewed consensus or every annotation) and
 * filters; the export runs as a background job whose progress shows here, and its file downloads
 * when ready.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { exportsQuery, jobsQuery } from '../api/data-queries.ts';
import { EXPORT_FORMATS, type ExportFilters, type ExportRecord, type Job } from '../api/data-types.ts';
import type { Project } from '../api/types.ts';
import { poolsQuery } from '../api/workforce-queries.ts';
import { splitList } from '../pools/pool-form.ts';
import { ErrorNote, Loading } from '../ui/feedback.tsx';
import { type ExportField, exportFieldErrors } from './export-errors.ts';
import { JobProgress } from './JobProgress.tsx';

const bytesWords = (n: number | null) => (n === null ? '' : n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

export function ExportPanel({ project }: { project: Project }) {
  const id = useId();
  const queryClient = useQueryClient();
  const formats = EXPORT_FORMATS[project.itemKind];
  const pools = useQuery(poolsQuery);
  const [form, setForm] = useState({ format: formats[0] as string, selection: 'consensus' as 'consensus' | 'all', status: '', from: '', to: '', labels: '', annotators: '', pools: [] as string[], withImages: false });
  const start = useMutation({
    mutationFn: () => {
      const filters: ExportFilters = {
        ...(form.status ? { status: form.status as ExportFilters['status'] } : {}),
        ...(form.from ? { from: form.from } : {}),
        ...(form.to ? { to: form.to } : {}),
        ...(splitList(form.labels).length ? { labels: splitList(form.labels) } : {}),
        ...(splitList(form.annotators).length ? { annotators: splitList(form.annotators) } : {}),
        ...(form.pools.length ? { pools: form.pools } : {}),
      };
      return api<{ job: Job; export: ExportRecord }>('POST', `/api/v1/projects/${project.id}/exports`, {
        format: form.format,
        selection: form.selection,
        filters,
        ...(project.itemKind === 'image' && form.withImages ? { withImages: true } : {}),
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: exportsQuery(project.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  // A refused filter is said beside its field; only what belongs to no field goes under the form.
  const refused = exportFieldErrors(start.error);
  const invalid = (field: ExportField) => (refused.fields[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {});
  const fieldError = (field: ExportField) =>
    refused.fields[field] && (
      <span id={`${id}-${field}-error`} className="field-error" role="alert">
        {refused.fields[field]}
      </span>
    );
  return (
    <>
      <form className="stack export-form" onSubmit={submit} aria-label="Export">
        <div className="form-grid">
          <label htmlFor={`${id}-format`}>
            Format
            <select id={`${id}-format`} value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value })}>
              {formats.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </label>
          <fieldset className="review-by">
            <legend>Labels</legend>
            <label className="inline">
              <input type="radio" name={`${id}-sel`} checked={form.selection === 'consensus'} onChange={() => setForm({ ...form, selection: 'consensus' })} /> The reviewed consensus
            </label>
            <label className="inline">
              <input type="radio" name={`${id}-sel`} checked={form.selection === 'all'} onChange={() => setForm({ ...form, selection: 'all' })} /> Every annotation
            </label>
          </fieldset>
          <label htmlFor={`${id}-status`}>
            Items
            <select id={`${id}-status`} value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })} {...invalid('status')}>
              <option value="">all</option>
              <option value="complete">complete</option>
              <option value="annotated">annotated</option>
              <option value="accepted">accepted</option>
            </select>
            {fieldError('status')}
          </label>
          <label htmlFor={`${id}-from`}>
            Annotated from
            <input id={`${id}-from`} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} {...invalid('from')} />
            {fieldError('from')}
          </label>
          <label htmlFor={`${id}-to`}>
            Annotated before
            <input id={`${id}-to`} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} {...invalid('to')} />
            {fieldError('to')}
          </label>
          <label htmlFor={`${id}-labels`}>
            Only these labels
            <input id={`${id}-labels`} value={form.labels} onChange={(e) => setForm({ ...form, labels: e.target.value })} placeholder="car, person" {...invalid('labels')} />
            {fieldError('labels')}
          </label>
          <label htmlFor={`${id}-annotators`}>
            Only these annotators (e-mails)
            <input id={`${id}-annotators`} value={form.annotators} onChange={(e) => setForm({ ...form, annotators: e.target.value })} {...invalid('annotators')} />
            {fieldError('annotators')}
          </label>
          <fieldset className="review-by">
            <legend>Only these pools</legend>
            {pools.data?.map((p) => (
              <label key={p.key} className="inline">
                <input type="checkbox" checked={form.pools.includes(p.key)} onChange={(e) => setForm({ ...form, pools: e.target.checked ? [...form.pools, p.key] : form.pools.filter((k) => k !== p.key) })} />
                {p.key}
              </label>
            ))}
            {fieldError('pools')}
          </fieldset>
          {project.itemKind === 'image' && (
            <label className="inline">
              <input type="checkbox" checked={form.withImages} onChange={(e) => setForm({ ...form, withImages: e.target.checked })} /> With the images
            </label>
          )}
        </div>
        {start.error && refused.rest && <ErrorNote error={start.error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={start.isPending}>
            Start the export
          </button>
        </div>
      </form>
      <ExportList projectId={project.id} />
    </>
  );
}

function ExportList({ projectId }: { projectId: number }) {
  const exports = useQuery(exportsQuery(projectId));
  const jobs = useQuery(jobsQuery(projectId));
  if (exports.isPending) return <Loading what="exports" />;
  if (exports.isError) return <ErrorNote error={exports.error} />;
  if (exports.data.length === 0) return <p className="muted">No export yet.</p>;
  return (
    <table className="table compact" data-testid="exports">
      <caption>Exports</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Format</th>
          <th scope="col">Labels</th>
          <th scope="col">State</th>
          <th scope="col">File</th>
        </tr>
      </thead>
      <tbody>
        {exports.data.map((e) => {
          const job = jobs.data?.find((j) => j.id === e.jobId);
          return (
            <tr key={e.id}>
              <td>{new Date(e.createdAt).toLocaleString()}</td>
              <td>{e.format}</td>
              <td>{e.selection === 'consensus' ? 'consensus' : 'every annotation'}</td>
              <td>{job ? <JobProgress job={job} /> : e.status}</td>
              <td>
                {e.downloadUrl ? (
                  <a href={e.downloadUrl} download>
                    Download {e.fileName} <span className="muted small">({bytesWords(e.bytes)})</span>
                  </a>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
