/**
 * `atelier dpia --project P`: the project's data-protection report from its real configuration,
 * as Markdown (standard output or --output) and, with --pdf, printed to PDF by Chromium.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { projectDpia } from '../../services/privacy/dpia-gather.ts';
import { printPdf } from '../../services/privacy/dpia-pdf.ts';
import { renderHtml, renderMarkdown } from '../../core/documents.ts';
import { dpiaBlocks } from '../../services/privacy/dpia-render.ts';
import { resolveProject } from '../../services/project-access.ts';
import { configFrom, withStore } from '../runtime.ts';

export function register(program: Command): void {
  program
    .command('dpia')
    .description('Write the data-protection report of a project (Markdown, and PDF through Chromium)')
    .requiredOption('--project <project>', 'project id or name')
    .option('--output <file.md>', 'write the Markdown here (default: standard output)')
    .option('--pdf <file.pdf>', 'also print the report to this PDF (needs Chromium)')
    .option('--sample <n>', 'texts scanned for personal data', '500')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { project: string; output?: string; pdf?: string; sample: string; dataDir?: string }) => {
      const sampleSize = Math.max(1, Math.min(100_000, Number(options.sample) || 500));
      const report = await withStore(configFrom(options), async (store) => {
        const project = await resolveProject(store.db, options.project);
        return projectDpia(store, project.id, new Date(), { sampleSize });
      });
      const blocks = dpiaBlocks(report);
      const markdown = renderMarkdown(blocks);
      if (options.output) await writeFile(options.output, markdown);
      else process.stdout.write(markdown);
      if (options.pdf) await writeFile(options.pdf, await printPdf(renderHtml(blocks, `Data-protection report: ${report.project.name}`)));
      const high = report.risks.filter((r) => r.level === 'high').length;
      process.stderr.write(`report of project ${report.project.id} "${report.project.name}": ${report.risks.length} open risk(s), ${high} high${options.output ? `, Markdown in ${options.output}` : ''}${options.pdf ? `, PDF in ${options.pdf}` : ''}\n`);
    });
}
