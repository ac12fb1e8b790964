import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { EXPORT_FORMATS } from '../../formats/format-registry.ts';
import { parseExportFilters } from '../../services/export-project.ts';
import { createExportJob } from '../../services/jobs/enqueue.ts';
import type { ExportJobParams, ExportJobResult } from '../../services/jobs/run-job.ts';
import { resolveProject } from '../../services/project-access.ts';
import { configFrom, withStore } from '../runtime.ts';
import { runHere } from './jobs.ts';

interface ExportOptions {
  project: string;
  format: string;
  selection: string;
  filter?: string[];
  control?: string;
  images: boolean;
  output?: string;
  background?: boolean;
  dataDir?: string;
}

export function register(program: Command): void {
  program
    .command('export')
    .description('Export a project, or the part the filters select, to a file or a folder')
    .requiredOption('--project <project>', "the project's id or name")
    .requiredOption('--format <format>', `${EXPORT_FORMATS.map((f) => f.name).join(', ')} (jsonl: Atelier JSONL with every annotation's provenance)`)
    .option('--selection <selection>', 'consensus (the reviewed label of each item) or all (every current annotation)', 'consensus')
    .option('--filter <key=value...>', 'status=complete|annotated|accepted, from=DATE, to=DATE, label=L, annotator=EMAIL, pool=KEY (repeatable)')
    .option('--control <name>', 'the span control for conll and spacy (default: the first)')
    .option('--no-images', 'leave the images out of yolo and voc folders')
    .option('--output <path>', 'the file (or folder, for yolo and voc) to write; default: the data folder\'s exports/; - for standard output (yolo and voc as a tar archive; the file is kept in exports/ too, the summary goes to standard error)')
    .option('--background', 'queue the export for the server\'s job worker instead of running it here')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: ExportOptions) => {
      if (options.selection !== 'consensus' && options.selection !== 'all') throw new DomainError('invalid_input', '--selection is consensus or all');
      // "-" is standard output, as for most tools: the export is written to exports/ as without
      // --output (a tar for the folder formats), then copied out, so nothing named "-" appears.
      const toStdout = options.output === '-';
      if (toStdout && options.background) throw new DomainError('invalid_input', '--output -: a queued export cannot write to this command\'s standard output; leave out --background or give a file');
      const config = configFrom(options);
      const params: ExportJobParams = {
        format: options.format,
        selection: options.selection,
        filters: parseExportFilters(options.filter ?? []),
        control: options.control,
        withImages: options.images,
        output: options.output && !toStdout ? resolve(options.output) : undefined,
      };
      const message = await withStore(config, async (store) => {
        const project = await resolveProject(store.db, options.project);
        const status = options.background ? 'queued' : 'running';
        const { job } = await store.transaction((tx) => createExportJob(tx, { project, params, createdBy: null, status }));
        if (options.background) return `export queued as job ${job.id}; follow it with: atelier jobs ${job.id}\n`;
        const result = (await runHere(store, config, job, 'export')) as ExportJobResult;
        const where = params.output ?? resolve(config.exportsDir, result.file);
        if (toStdout) await pipeline(createReadStream(where), process.stdout, { end: false });
        const lines = [`exported ${result.items} items (${result.annotations} annotations, ${result.entries} entries) of ${project.name} to ${where} (${result.bytes} bytes)`];
        for (const warning of result.warnings.slice(0, 10)) lines.push(`  warning: ${warning}`);
        if (result.warningCount > 10) lines.push(`  … and ${result.warningCount - 10} more warnings (atelier jobs ${job.id})`);
        return `${lines.join('\n')}\n`;
      });
      // With the export on standard output, the summary goes to standard error to keep it clean.
      (toStdout ? process.stderr : process.stdout).write(message);
    });
}
