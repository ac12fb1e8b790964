/**
 * Importing annotations (ground truth, or a model's predictions) in one of the formats the server
 * reads: the file — or a folder format's dataset — is uploaded with the images of the items the
 * project does not have yet, then the import runs as a background job whose progress shows here,
 * and its report says what was imported, matched and created, and what was refused.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, upload } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { Job } from '../api/data-types.ts';
import type { Project } from '../api/types.ts';
import { JobProgress } from '../data/JobProgress.tsx';
import { ErrorNote } from '../ui/feedback.tsx';
import { RefusedTable } from './RefusedTable.tsx';
import { annotationFormats, annotationImportForm, type AnnotationImportChoices, type AnnotationImportResult, isAnnotationImportResult, modelProblem } from './import-choice.ts';

const FOLDER_PICKER = { webkitdirectory: '', directory: '' } as Record<string, string>;

export function AnnotationImport({ project, initialFile, initialFormat }: { project: Project; initialFile?: File; initialFormat?: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const formats = annotationFormats(project.itemKind);
  const [choices, setChoices] = useState<AnnotationImportChoices>({ format: initialFormat ?? formats[0]!.name, as: initialFormat === 'predictions' ? 'predictions' : 'ground_truth', model: '', skipInvalid: false, skipUnsupported: false });
  const [files, setFiles] = useState<File[]>(initialFile ? [initialFile] : []);
  const [images, setImages] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [modelTouched, setModelTouched] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const format = formats.find((f) => f.name === choices.format) ?? formats[0]!;
  const job = useQuery({
    queryKey: ['jobs', 'one', jobId],
    queryFn: () => api<Job>('GET', `/api/v1/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 700),
  });
  const uploading = progress !== null && jobId === null && uploadError === null;
  const working = uploading || (jobId !== null && job.data?.status !== 'done' && job.data?.status !== 'failed');
  const problem = choices.as === 'predictions' ? modelProblem(choices.model) : null;

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setModelTouched(true);
    if (files.length === 0 || problem) return;
    setUploadError(null);
    setJobId(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const started = await upload<{ job: Job }>(`/api/v1/projects/${project.id}/import-jobs`, annotationImportForm(choices, files, format.folder ? [] : images), setProgress, abort.current.signal);
      setProgress(1);
      setJobId(started.job.id);
      queryClient.setQueryData(['jobs', 'one', started.job.id], started.job);
    } catch (error) {
      setUploadError(error);
    }
  };

  const finished = job.data?.status === 'done' || job.data?.status === 'failed';
  // The overview's counts change once, when the job ends.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['projects', project.id] });
  }, [finished, queryClient, project.id]);
  const pick = (key: keyof AnnotationImportChoices, value: string | boolean) => setChoices({ ...choices, [key]: value });

  return (
    <>
      <form className="stack" onSubmit={start} aria-label="Import annotations">
        <label htmlFor={`${id}-format`}>
          Format
          <select id={`${id}-format`} value={choices.format} disabled={working} onChange={(e) => { pick('format', e.target.value); setFiles([]); }}>
            {formats.map((f) => (
              <option key={f.name} value={f.name}>
                {f.words}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="review-by">
          <legend>The labels are</legend>
          <label className="inline">
            <input type="radio" name={`${id}-as`} checked={choices.as === 'ground_truth'} disabled={working} onChange={() => pick('as', 'ground_truth')} /> Ground truth (people's labels)
          </label>
          <label className="inline">
            <input type="radio" name={`${id}-as`} checked={choices.as === 'predictions'} disabled={working} onChange={() => pick('as', 'predictions')} /> A model's predictions (pre-annotations for the annotators)
          </label>
        </fieldset>
        {choices.as === 'predictions' && (
          <label htmlFor={`${id}-model`}>
            Model (name@version)
            <input id={`${id}-model`} value={choices.model} placeholder="yolov8@2024-05" disabled={working} aria-invalid={modelTouched && problem !== null} aria-describedby={`${id}-model-error`} onBlur={() => setModelTouched(true)} onChange={(e) => pick('model', e.target.value)} />
            {modelTouched && problem && (
              <span id={`${id}-model-error`} className="field-error">
                {problem}
              </span>
            )}
          </label>
        )}
        {format.folder ? (
          <label htmlFor={`${id}-files`}>
            The dataset folder (its labels and its images)
            <input key={format.name} id={`${id}-files`} type="file" multiple {...FOLDER_PICKER} disabled={working} onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          </label>
        ) : (
          <>
            <label htmlFor={`${id}-files`}>
              Annotation file
              <input key={format.name} id={`${id}-files`} type="file" disabled={working} onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 1))} />
            </label>
            {files[0] && <p className="muted">{files[0].name}</p>}
            {project.itemKind === 'image' && (
              <label htmlFor={`${id}-images`}>
                Images of the items the project does not have yet (optional; items it has are matched by file name or id)
                <input id={`${id}-images`} type="file" multiple accept="image/*" disabled={working} onChange={(e) => setImages([...(e.target.files ?? [])])} />
              </label>
            )}
          </>
        )}
        {(format.folder || images.length > 0) && files.length + images.length > 0 && (
          <p className="muted">
            {(files.length + images.length).toLocaleString()} file{files.length + images.length === 1 ? '' : 's'}, {([...files, ...images].reduce((n, f) => n + f.size, 0) / 1024 / 1024).toFixed(1)} MB
          </p>
        )}
        <label className="inline">
          <input type="checkbox" checked={choices.skipInvalid} disabled={working} onChange={(e) => pick('skipInvalid', e.target.checked)} /> Import the valid records and skip the invalid (otherwise one bad record stops the import)
        </label>
        <label className="inline">
          <input type="checkbox" checked={choices.skipUnsupported} disabled={working} onChange={(e) => pick('skipUnsupported', e.target.checked)} /> Leave out shapes Atelier cannot hold (masks, polylines…) instead of refusing the file
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={files.length === 0 || working}>
            {working ? 'Importing…' : 'Import the annotations'}
          </button>
          {uploading && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
        {progress !== null && (
          <div className="progress-line">
            {jobId === null || !job.data ? (
              <>
                <progress max={1} value={uploadError === null && progress >= 1 ? undefined : progress} aria-label="Import progress" />
                <span role="status" aria-live="polite">
                  {uploadError !== null ? 'Stopped' : `Uploading ${Math.round(progress * 100)} %`}
                </span>
              </>
            ) : (
              <span role="status" aria-live="polite">
                <JobProgress job={job.data} /> {job.data.status === 'queued' ? 'waiting for the job worker' : job.data.status === 'done' ? 'Finished' : ''}
              </span>
            )}
          </div>
        )}
      </form>
      {uploadError !== null && (
        <section className="import-report" aria-label="Import report" data-testid="import-report">
          <ErrorNote title="The import did not start." error={uploadError} />
        </section>
      )}
      {finished && job.data && <AnnotationReport job={job.data} projectId={project.id} />}
    </>
  );
}

function AnnotationReport({ job, projectId }: { job: Job; projectId: number }) {
  const result: AnnotationImportResult | null = isAnnotationImportResult(job.result) ? job.result : null;
  const issues = job.status === 'failed' ? ((job.error?.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []) : (result?.rejected ?? []);
  return (
    <section className="import-report" aria-label="Import report" data-testid="import-report">
      {job.status === 'failed' && job.error && <ErrorNote title="The import stopped; nothing was imported." error={new ApiError(422, job.error.code ?? 'invalid_input', job.error.message)} />}
      {result && (
        <>
          <p className="note note-ok">
            <strong>{result.imported.toLocaleString()}</strong> of {result.records.toLocaleString()} record{result.records === 1 ? '' : 's'} imported: {result.itemsCreated.toLocaleString()} new item{result.itemsCreated === 1 ? '' : 's'}, {result.itemsMatched.toLocaleString()} matched; {result.annotations.toLocaleString()} annotation{result.annotations === 1 ? '' : 's'}, {result.predictions.toLocaleString()} prediction{result.predictions === 1 ? '' : 's'}, {result.reviews.toLocaleString()} review{result.reviews === 1 ? '' : 's'}.{' '}
            <Link to={`/projects/${projectId}`}>See the overview</Link>
          </p>
          {result.warnings.length > 0 && (
            <div className="note note-warn">
              <strong>Warnings</strong>
              <ul>
                {result.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <RefusedTable rows={issues.map((r) => ({ where: r.path, message: r.message }))} />
    </section>
  );
}
