/**
 * /projects/:id/import — items or annotations. Items: upload image (or text) files, or one JSONL
 * file of items, with a progress bar; the lines or files that were refused are listed with what is
 * wrong with each. Annotations: see AnnotationImport. An annotation file picked as items is named
 * as such, with the switch offered, since the items check would refuse every line of it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { upload } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { projectQuery } from '../api/queries.ts';
import type { ImportReport } from '../api/types.ts';
import { ErrorNote, Loading, PageHeader } from '../ui/feedback.tsx';
import { AnnotationImport } from './AnnotationImport.tsx';
import { RefusedTable } from './RefusedTable.tsx';
import { annotationFileKind, type ImportMode } from './import-choice.ts';
import { batchFiles, overallProgress } from './upload-batches.ts';

const BATCH_FILES = 200;
const BATCH_BYTES = 40 * 1024 * 1024;

interface Outcome {
  imported: number;
  total: number;
  rejected: { where: string; message: string }[];
  error: unknown;
}

export default function ImportPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQuery(projectId));
  const [files, setFiles] = useState<File[]>([]);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'done'>('idle');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const queryClient = useQueryClient();
  const id = useId();
  const [mode, setMode] = useState<ImportMode>('items');
  const [handOver, setHandOver] = useState<{ file: File; format: string } | null>(null);
  const misfit = useAnnotationFile(files);

  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <main className="page"><ErrorNote error={project.error} /></main>;
  const accept = project.data.itemKind === 'image' ? 'image/*,.jsonl' : '.txt,.jsonl,text/plain';

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (files.length === 0) return;
    const jsonl = files.filter((f) => f.name.toLowerCase().endsWith('.jsonl'));
    const batches = jsonl.length > 0 ? [jsonl.slice(0, 1)] : batchFiles(files, BATCH_FILES, BATCH_BYTES);
    const totalBytes = batches.flat().reduce((n, f) => n + f.size, 0);
    const result: Outcome = { imported: 0, total: 0, rejected: [], error: null };
    setPhase('uploading');
    setOutcome(null);
    setProgress(0);
    abort.current = new AbortController();
    let doneBytes = 0;
    for (const [index, batch] of batches.entries()) {
      const form = new FormData();
      form.set('skipInvalid', String(skipInvalid));
      for (const f of batch) form.append('files', f, f.name);
      const bytes = batch.reduce((n, f) => n + f.size, 0);
      try {
        const report = await upload<ImportReport>(`/api/v1/projects/${projectId}/imports`, form, (fraction) => setProgress(overallProgress(doneBytes, bytes, fraction, totalBytes)), abort.current.signal);
        result.imported += report.imported;
        result.total += report.total;
        result.rejected.push(...report.rejected.map((r) => ({ where: jsonl.length > 0 ? `line ${r.line}` : (batch[r.line - 1]?.name ?? `file ${r.line}`), message: r.message })));
      } catch (error) {
        result.error = error;
        if (error instanceof ApiError) result.rejected.push(...error.issues.map((i) => ({ where: batches.length > 1 ? `part ${index + 1}, ${i.path}` : i.path, message: i.message })));
        break;
      }
      doneBytes += bytes;
      setProgress(overallProgress(doneBytes, 0, 0, totalBytes));
    }
    setOutcome(result);
    setPhase('done');
    void queryClient.invalidateQueries({ queryKey: ['projects', projectId] });
  };

  return (
    <main className="page">
      <PageHeader title={`Import into ${project.data.name}`}>
        <Link to={`/projects/${projectId}`}>Back to the overview</Link>
      </PageHeader>
      <fieldset className="review-by" disabled={phase === 'uploading'}>
        <legend>What to import</legend>
        <label className="inline">
          <input type="radio" name={`${id}-mode`} checked={mode === 'items'} onChange={() => setMode('items')} /> Items (images or texts to annotate)
        </label>
        <label className="inline">
          <input type="radio" name={`${id}-mode`} checked={mode === 'annotations'} onChange={() => setMode('annotations')} /> Annotations (labels or a model's predictions, with their items)
        </label>
      </fieldset>
      {mode === 'annotations' ? (
        <AnnotationImport key={handOver ? handOver.file.name : 'new'} project={project.data} initialFile={handOver?.file} initialFormat={handOver?.format} />
      ) : (
        <>
          <form className="stack" onSubmit={start} aria-label="Import items">
            <label htmlFor={`${id}-files`}>
              {project.data.itemKind === 'image' ? 'Image files, or one .jsonl file of items' : 'Text files, or one .jsonl file of items'}
            </label>
            <input id={`${id}-files`} type="file" multiple accept={accept} onChange={(e) => setFiles([...(e.target.files ?? [])])} disabled={phase === 'uploading'} />
            {misfit && (
              <div className="note note-warn" role="alert" data-testid="annotation-file-note">
                {misfit.file.name} is {misfit.format === 'predictions' ? 'a model predictions' : 'an Atelier JSONL annotation'} file (its first line has "{misfit.format === 'predictions' ? 'predictions' : 'annotations'}"), not a file of items.{' '}
                <button
                  type="button"
                  onClick={() => {
                    setHandOver(misfit);
                    setMode('annotations');
                  }}
                >
                  Import it as annotations
                </button>
              </div>
            )}
            {files.length > 0 && (
              <p className="muted">
                {files.length.toLocaleString()} file{files.length === 1 ? '' : 's'}, {(files.reduce((n, f) => n + f.size, 0) / 1024 / 1024).toFixed(1)} MB
              </p>
            )}
            <label className="inline">
              <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> Import the valid ones and skip the invalid (otherwise one bad line stops the import)
            </label>
            <div className="row">
              <button type="submit" className="primary" disabled={files.length === 0 || phase === 'uploading' || misfit !== null}>
                {phase === 'uploading' ? 'Importing…' : 'Import'}
              </button>
              {phase === 'uploading' && (
                <button type="button" onClick={() => abort.current?.abort()}>
                  Cancel
                </button>
              )}
            </div>
            {progress !== null && (
              <div className="progress-line">
                <progress max={1} value={phase === 'uploading' && progress >= 1 ? undefined : progress} aria-label="Import progress" />
                <span role="status" aria-live="polite">
                  {phase === 'uploading' ? (progress >= 1 ? 'Processing on the server…' : `Uploading ${Math.round(progress * 100)} %`) : 'Finished'}
                </span>
              </div>
            )}
          </form>
          {outcome && (
            <section className="import-report" aria-label="Import report" data-testid="import-report">
              {outcome.error ? <ErrorNote title="The import stopped." error={outcome.error} /> : null}
              <p className={outcome.error ? '' : 'note note-ok'}>
                <strong>{outcome.imported.toLocaleString()}</strong> item{outcome.imported === 1 ? '' : 's'} imported
                {outcome.total > 0 && <> of {outcome.total.toLocaleString()}</>}.{' '}
                {outcome.imported > 0 && <Link to={`/projects/${projectId}`}>See the overview</Link>}
              </p>
              <RefusedTable rows={outcome.rejected} />
            </section>
          )}
        </>
      )}
    </main>
  );
}

/** The picked .jsonl file when its first line is an annotation record, read from its first 64 kB. */
function useAnnotationFile(files: File[]): { file: File; format: string } | null {
  const [found, setFound] = useState<{ file: File; format: string } | null>(null);
  const jsonl = files.length === 1 && files[0]!.name.toLowerCase().endsWith('.jsonl') ? files[0]! : null;
  useEffect(() => {
    setFound(null);
    if (!jsonl) return;
    let live = true;
    void jsonl
      .slice(0, 64 * 1024)
      .text()
      .then((head) => {
        const format = annotationFileKind(head.split('\n', 1)[0] ?? '');
        if (live && format) setFound({ file: jsonl, format });
      });
    return () => {
      live = false;
    };
  }, [jsonl]);
  return found;
}
