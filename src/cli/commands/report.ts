/**
 * `atelier report --project P [--format md|html|json]`: the cost, speed and quality figures of a
 * project (the same as the API's and the dashboards'), as Markdown tables, as a self-contained HTML
 * page with SVG charts, or as JSON; on standard output or in --output.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { projectReport } from '../../services/analytics/project-report.ts';
import { type ReportFormat, renderReport } from '../../services/analytics/report-document.ts';
import { parseExchange, parseInstant } from '../../services/analytics/report-options.ts';
import { resolveProject } from '../../services/project-access.ts';
import { configFrom, withStore } from '../runtime.ts';

const FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export interface Output {
  write(text: string): void;
}
const stdout: Output = { write: (text) => void process.stdout.write(text) };
const stderr: Output = { write: (text) => void process.stderr.write(text) };

interface ReportCommandOptions {
  project: string;
  format: string;
  from?: string;
  to?: string;
  output?: string;
  currency?: string;
  rates?: string;
  dataDir?: string;
}

export function register(program: Command, output: Output = stdout, errors: Output = stderr): void {
  program
    .command('report')
    .description('Write the cost, throughput, quality, SLA and velocity report of a project')
    .requiredOption('--project <project>', 'project id or name')
    .option('--format <format>', 'md, html (self-contained, with charts) or json', 'md')
    .option('--from <date>', 'work from this day (YYYY-MM-DD, UTC) or instant (ISO 8601)')
    .option('--to <date>', 'work before this day or instant (default: now)')
    .option('--currency <code>', 'sum every amount in this currency (needs --rates for the others)')
    .option('--rates <list>', 'exchange rates into --currency, e.g. USD=0.92,GBP=1.17')
    .option('--output <file>', 'write the report here (default: standard output)')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: ReportCommandOptions) => {
      const format = options.format as ReportFormat;
      if (!FORMATS.includes(format)) throw new DomainError('invalid_input', `--format: expected one of ${FORMATS.join(', ')}, got "${options.format}"`);
      const from = options.from === undefined ? null : parseInstant(options.from, '--from');
      const to = options.to === undefined ? undefined : parseInstant(options.to, '--to');
      const exchange = parseExchange(options.currency, options.rates, '--rates');
      const report = await withStore(configFrom(options), async (store) => {
        const project = await resolveProject(store.db, options.project);
        return projectReport(store.db, project, { from, ...(to && { to }), ...(exchange && { exchange }) });
      });
      const text = renderReport(report, format);
      if (options.output) await writeFile(options.output, text);
      else output.write(text);
      const cost = report.totals.cost.map((c) => `${c.perAcceptedLabel === null ? '—' : c.perAcceptedLabel.toFixed(2)} ${c.currency}`).join(' + ') || 'no priced work';
      errors.write(`report of project ${report.project.id} "${report.project.name}": ${report.totals.labels} label(s), ${report.totals.acceptedLabels} accepted, ${cost} per accepted label${options.output ? `, ${format} in ${options.output}` : ''}\n`);
    });
}
