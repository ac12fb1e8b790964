import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import type { LabelSchema } from '../../core/label-schema.ts';
import { NUL_MESSAGE } from '../../core/nul-characters.ts';
import { createProject } from '../../services/create-project.ts';
import { listProjects } from '../../store/projects.ts';
import { configFrom, withStore } from '../runtime.ts';

async function readJson(path: string, option: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DomainError(error.code === 'ENOENT' ? 'not_found' : 'invalid_input', `${option}: cannot read ${path} (${error.code})`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError('validation_failed', `${option}: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

export function register(program: Command): void {
  const project = program.command('project').description('Create and list projects');
  project
    .command('create')
    .description('Create a project from a label schema file')
    .requiredOption('--name <name>', 'project name')
    .requiredOption('--kind <kind>', 'image or text')
    .requiredOption('--schema <file>', 'label schema JSON: {"controls": [{"name", "kind", "labels": [{"name", "color", "hotkey"}]}]}')
    .option('--guidelines <file>', 'guidelines in Markdown')
    .option('--overlap <k>', 'annotators per item', '1')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { name: string; kind: string; schema: string; guidelines?: string; overlap: string; dataDir?: string }) => {
      if (options.kind !== 'image' && options.kind !== 'text') throw new DomainError('invalid_input', '--kind must be image or text');
      const overlap = Number(options.overlap);
      if (!Number.isInteger(overlap) || overlap < 1 || overlap > 50) throw new DomainError('invalid_input', '--overlap must be a whole number from 1 to 50');
      const schema = (await readJson(options.schema, '--schema')) as LabelSchema;
      const guidelines = options.guidelines ? await readFile(options.guidelines, 'utf8') : '';
      if (guidelines.includes('\0')) throw new DomainError('validation_failed', `--guidelines: ${options.guidelines} ${NUL_MESSAGE} (the database cannot store one)`);
      const kind = options.kind;
      const created = await withStore(configFrom(options), (store) =>
        store.transaction((tx) => createProject(tx, { name: options.name, itemKind: kind, overlap, schema, guidelines, createdBy: null })),
      );
      process.stdout.write(`created project ${created.id} "${created.name}" (${created.itemKind}, overlap ${created.overlap})\n`);
    });
  project
    .command('list')
    .description('List projects')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { dataDir?: string }) => {
      const projects = await withStore(configFrom(options), (store) => listProjects(store.db, { includeArchived: true }));
      for (const p of projects) process.stdout.write(`${String(p.id).padStart(4)}  ${p.name}  (${p.itemKind}, overlap ${p.overlap}${p.archived ? ', archived' : ''})\n`);
    });
}
