import type { Command } from 'commander';
import { SCENARIOS } from '../../bench/scenarios.ts';
import type { BenchOptions, BenchResult } from '../../bench/types.ts';
import { loadConfig } from '../../config.ts';
import { DomainError } from '../../core/errors.ts';

function collectFlag(value: string, previous: Record<string, string | boolean>): Record<string, string | boolean> {
  const eq = value.indexOf('=');
  return eq < 0 ? { ...previous, [value]: true } : { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function formatRow(r: BenchResult): string {
  const extras = Object.entries(r)
    .filter(([k]) => !['scenario', 'db', 'items', 'concurrency', 'value', 'unit', 'baseline', 'ratio', 'p50_ms', 'p99_ms', 'rss_mb'].includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(' ');
  const base = r.baseline === null ? '' : `  baseline ${r.baseline} ${r.unit}  ratio ${r.ratio}`;
  const lat = r.p50_ms === null ? '' : `  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms`;
  return `${r.scenario} [${r.db}, ${r.items} items, ${r.concurrency}×]: ${r.value} ${r.unit}${base}${lat}  rss ${r.rss_mb} MB${extras ? `\n    ${extras}` : ''}`;
}

export function register(program: Command): void {
  program
    .command('bench')
    .description(`Measure a scenario: ${SCENARIOS.map((s) => s.name).join(', ')}`)
    .requiredOption('--scenario <name>', 'which scenario (see --list)')
    .option('--db <engine>', 'pglite or postgres (postgres needs DATABASE_URL)', 'pglite')
    .option('--items <n>', 'size of the data set (each scenario has its default)')
    .option('--routing', 'claim-submit: route work over 10 pools with 5 rules, against no routing in the same run')
    .option('--flag <key=value>', 'a scenario-specific setting (repeatable)', collectFlag, {})
    .option('--json', 'one JSON object per line')
    .action(async (options: { scenario: string; db: string; items?: string; routing?: boolean; flag: Record<string, string | boolean>; json?: boolean }) => {
      const scenario = SCENARIOS.find((s) => s.name === options.scenario);
      if (!scenario) throw new DomainError('invalid_input', `unknown scenario "${options.scenario}"; one of ${SCENARIOS.map((s) => s.name).join(', ')}`);
      if (options.db !== 'pglite' && options.db !== 'postgres') throw new DomainError('invalid_input', '--db must be pglite or postgres');
      const items = options.items === undefined ? undefined : Number(options.items);
      if (items !== undefined && (!Number.isInteger(items) || items < 1)) throw new DomainError('invalid_input', '--items must be a positive whole number');
      const config = loadConfig();
      const benchOptions: BenchOptions = {
        db: options.db,
        databaseUrl: config.databaseUrl,
        items,
        flags: { ...options.flag, ...(options.routing ? { routing: true } : {}) },
        log: (m) => process.stderr.write(`${m}\n`),
      };
      const results = await scenario.run(benchOptions);
      for await (const result of results as AsyncIterable<BenchResult>) {
        process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatRow(result)}\n`);
      }
    });
}
