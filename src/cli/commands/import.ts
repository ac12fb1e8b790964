import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { FileStore } from '../../media/file-store.ts';
import { importItems, type ImportSource } from '../../services/import-items.ts';
import { resolveProject } from '../../services/project-access.ts';
import { configFrom, progressBar, withStore } from '../runtime.ts';

export function register(program: Command): void {
  program
    .command('import')
    .description('Import items into a project from a JSONL file or a folder of images (texts: .txt files)')
    .argument('<path>', 'a .jsonl file (one item per line) or a folder')
    .requiredOption('--project <project>', "the project's id or name")
    .option('--format <format>', 'jsonl or folder (default: from the path)')
    .option('--skip-invalid', 'import the valid lines and report the others, instead of importing nothing')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (path: string, options: { project: string; format?: string; skipInvalid?: boolean; dataDir?: string }) => {
      const info = await stat(path).catch(() => null);
      if (!info) throw new DomainError('not_found', `${path} does not exist`);
      const format = options.format ?? (info.isDirectory() ? 'folder' : 'jsonl');
      if (format !== 'jsonl' && format !== 'folder') throw new DomainError('invalid_input', `--format must be jsonl or folder (other formats come with atelier import of annotations)`);
      const source: ImportSource = { format, path };
      const config = configFrom(options);
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
    });
}
