import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { IMPORT_FORMATS } from '../../formats/format-registry.ts';
import { FileStore } from '../../media/file-store.ts';
import type { AnnotationImportReport } from '../../services/import-annotations.ts';
import { parseModelRef } from '../../services/annotation-import-setup.ts';
import type { ModelRef } from '../../formats/records.ts';
import { importItems, type ImportSource } from '../../services/import-items.ts';
import { createImportJob } from '../../services/jobs/enqueue.ts';
import type { ImportJobParams } from '../../services/jobs/run-job.ts';
import { resolveProject } from '../../services/project-access.ts';
import type { Config } from '../../config.ts';
import { configFrom, progressBar, withStore } from '../runtime.ts';
import { runHere } from './jobs.ts';

interface ImportOptions {
  project: string;
  format?: string;
  skipInvalid?: boolean;
  as?: string;
  model?: string;
  images?: string;
  skipUnsupported?: boolean;
  dataKey?: string;
  background?: boolean;
  dataDir?: string;
}

const ANNOTATION_FORMATS = [...IMPORT_FORMATS.map((f) => (f.name === 'jsonl' ? 'atelier-jsonl' : f.name))];

/** Items from a JSONL file (one item a line) or a folder of files: what `import` did first. */
async function importItemsHere(config: Config, path: string, format: 'jsonl' | 'folder', options: ImportOptions): Promise<void> {
  const source: ImportSource = { format, path };
  const bar = progressBar('import');
  try {
    const report = await withStore(config, async (store) => {
      const project = await resolveProject(store.db, options.project);
      return importItems(store, {
        project,
        source,
        skipInvalid: options.skipInvalid,
        createdBy: null,
        files: new FileStore(config.filesDir),
        onProgress: (p) => bar.update(p.done, p.total, p.phase),
      });
    });
    bar.stop();
    process.stdout.write(`imported ${report.imported} of ${report.total} items into project ${options.project}\n`);
    for (const r of report.rejected.slice(0, 50)) process.stdout.write(`  skipped line ${r.line}: ${r.message}\n`);
    if (report.rejected.length > 50) process.stdout.write(`  … and ${report.rejected.length - 50} more skipped\n`);
  } finally {
    bar.stop();
  }
}

/**
 * --model names a version as well: predictions credited to a model without one could never be told
 * from the next version's. parseModelRef lets the version default to "unknown" for the API's sake.
 */
function modelRef(text: string): ModelRef {
  const at = text.lastIndexOf('@');
  if (at <= 0 || text.slice(0, at).trim() === '' || text.slice(at + 1).trim() === '') throw new DomainError('invalid_input', `--model must be name@version, e.g. detector@2; got "${text}"`);
  return parseModelRef(text, '--model');
}

/** Annotations in one of the formats of the registry, as a job run here (or queued). */
async function importAnnotationsHere(config: Config, path: string, format: string, options: ImportOptions): Promise<void> {
  if (options.as !== undefined && options.as !== 'ground-truth' && options.as !== 'predictions') throw new DomainError('invalid_input', '--as is ground-truth or predictions');
  const params: ImportJobParams = {
    format,
    path: resolve(path),
    as: options.as === 'predictions' ? 'predictions' : options.as === 'ground-truth' ? 'ground_truth' : undefined,
    model: options.model === undefined ? undefined : modelRef(options.model),
    imagesDir: options.images ? resolve(options.images) : undefined,
    skipInvalid: options.skipInvalid,
    skipUnsupported: options.skipUnsupported,
    dataKey: options.dataKey,
  };
  const message = await withStore(config, async (store) => {
    const project = await resolveProject(store.db, options.project);
    const job = await store.transaction((tx) => createImportJob(tx, { project, params, createdBy: null, status: options.background ? 'queued' : 'running' }));
    if (options.background) return `import queued as job ${job.id}; follow it with: atelier jobs ${job.id}\n`;
    const r = (await runHere(store, config, job, 'import')) as AnnotationImportReport;
    const lines = [
      `imported ${r.imported} of ${r.records} ${r.format} records into ${project.name}: ${r.itemsCreated} new items, ${r.itemsMatched} matched, ${r.annotations} annotations, ${r.predictions} predictions, ${r.reviews} reviews`,
    ];
    for (const issue of r.rejected.slice(0, 50)) lines.push(`  skipped ${issue.path}: ${issue.message}`);
    if (r.rejected.length > 50) lines.push(`  … and ${r.rejected.length - 50} more skipped`);
    for (const warning of r.warnings.slice(0, 20)) lines.push(`  warning: ${warning}`);
    return `${lines.join('\n')}\n`;
  });
  process.stdout.write(message);
}

export function register(program: Command): void {
  program
    .command('import')
    .description('Import items (a JSONL file or a folder of images or .txt files), or annotations in a dataset format')
    .argument('<path>', 'the file, or the folder (items, YOLO, VOC)')
    .requiredOption('--project <project>', "the project's id or name")
    .option('--format <format>', `items: jsonl or folder (default: from the path); annotations: ${ANNOTATION_FORMATS.join(', ')}`)
    .option('--skip-invalid', 'import the valid records and report the others, instead of importing nothing')
    .option('--as <kind>', 'annotations: ground-truth (default) or predictions (the labels become pre-annotations of --model)')
    .option('--model <name@version>', 'annotations: the model credited with predictions, with its version (detector@2)')
    .option('--images <dir>', 'annotations: where the images of new items are (default: beside the file)')
    .option('--skip-unsupported', 'annotations: leave out shapes Atelier cannot hold (masks, polylines...) instead of refusing the file')
    .option('--data-key <key>', 'label-studio: the data key holding the image or the text')
    .option('--background', 'annotations: queue the import for the server\'s job worker instead of running it here')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (path: string, options: ImportOptions) => {
      const info = await stat(path).catch(() => null);
      if (!info) throw new DomainError('not_found', `${path} does not exist`);
      const format = options.format ?? (info.isDirectory() ? 'folder' : 'jsonl');
      const config = configFrom(options);
      if (format === 'jsonl' || format === 'folder') return importItemsHere(config, path, format, options);
      return importAnnotationsHere(config, path, format, options);
    });
}
