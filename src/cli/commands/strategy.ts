/**
 * `atelier strategy advise --input profile.json` and `atelier strategy simulate --input plan.json`:
 * the strategy advisor and simulator of core/strategy, on JSON files, as text or `--json`. The text
 * is the advice in sections, the simulation as a table and an ASCII chart of each mix's completion
 * interval.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { type Advice, adviseFromInput } from '../../core/strategy/advisor.ts';
import { DEFAULT_RUNS, type Interval, type SimulationResult, simulateFromInput } from '../../core/strategy/simulator.ts';

export interface Output {
  write(text: string): void;
}

const stdout: Output = { write: (text) => void process.stdout.write(text) };

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DomainError(code === 'ENOENT' ? 'not_found' : 'invalid_input', `--input: cannot read ${path}: ${code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = `not valid JSON: ${(error as Error).message}`;
    throw new DomainError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
  }
}

function wholeNumber(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new DomainError('invalid_input', `${option}: expected a whole number, got "${value}"`);
  return Number(value);
}

export function register(program: Command, output: Output = stdout): void {
  const strategy = program.command('strategy').description('Advise on the mix of workforces and simulate candidate mixes');

  strategy
    .command('advise')
    .description('Recommend in-house, outsourced or hybrid labelling for a project profile, with a routing policy')
    .requiredOption('--input <file>', 'profile JSON (see examples/strategy/profile.json)')
    .option('--json', 'print the answer as JSON')
    .action(async (opts: { input: string; json?: boolean }) => {
      const advice = adviseFromInput(await readJson(opts.input));
      output.write(opts.json ? `${JSON.stringify(advice, null, 2)}\n` : formatAdvice(advice));
    });

  strategy
    .command('simulate')
    .description('Project cost, completion date and label accuracy of candidate mixes by Monte Carlo')
    .requiredOption('--input <file>', 'plan JSON (see examples/strategy/plan.json)')
    .option('--json', 'print the answer as JSON')
    .option('--runs <n>', `Monte Carlo runs per mix (default ${DEFAULT_RUNS})`)
    .option('--seed <s>', 'random seed: the same seed gives the same answer (default 1)')
    .action(async (opts: { input: string; json?: boolean; runs?: string; seed?: string }) => {
      const runs = wholeNumber(opts.runs, '--runs', DEFAULT_RUNS);
      const seed = wholeNumber(opts.seed, '--seed', 1);
      const result = simulateFromInput(await readJson(opts.input), { runs, seed });
      output.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatSimulation(result));
    });
}

// ── text output ──

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

export function formatAdvice(a: Advice): string {
  const out: string[] = [];
  out.push(`Recommendation: ${a.recommendation}${a.pattern ? ` — pattern ${a.pattern}` : ''}`);
  if (a.patternDescription) out.push(wrap(a.patternDescription, 96, '  '));
  out.push(`  (weight in-house ${a.scores.in_house}, outsourced ${a.scores.outsourced}; crowd ${a.crowdAllowed ? 'allowed' : 'not allowed'})`, '');
  out.push('Reasons');
  for (const r of a.reasons) out.push(`  ${r.field} = ${r.answer}  [${r.leans}${r.weight ? ` ${r.weight}` : ''}]`, wrap(r.says, 92, '      '));
  if (a.risks.length > 0) {
    out.push('', 'Risks');
    for (const r of a.risks) out.push(wrap(`- ${r.risk} (${r.field})`, 94, '  '), wrap(`→ ${r.mitigation}`, 92, '    '));
  }
  if (a.assumptions.length > 0) {
    out.push('', 'Assumed (not in the profile)');
    for (const x of a.assumptions) out.push(`  ${x.field}: ${x.assumed} — ${x.why}`);
  }
  out.push('', 'Pools named in the policy (replace with your pool keys)');
  out.push(table(a.pools.map((p) => ['  ' + p.key, p.kind, p.role])));
  out.push('', 'Routing policy');
  a.policy.rules.forEach((rule, i) => {
    const when = Object.keys(rule.when).length === 0 ? 'everything else' : JSON.stringify(rule.when);
    const to = rule.to.map((t) => t.pool).join(', ');
    const extra = [rule.overlap ? `overlap ${rule.overlap}` : '', rule.reviewSample ? `review ${rule.reviewSample * 100}% by ${rule.reviewBy?.join(', ')}` : ''].filter(Boolean).join('; ');
    out.push(`  ${i + 1}. ${rule.name}: ${when} → ${to}${extra ? ` (${extra})` : ''}`);
  });
  out.push('  (the policy as JSON: --json, field "policy")');
  return out.join('\n') + '\n';
}

const num = (x: number, digits = 1): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const range = (i: Interval, digits = 1, scale = 1): string => `${num(i.mean * scale, digits)} [${num(i.p5 * scale, digits)}–${num(i.p95 * scale, digits)}]`;

export function formatSimulation(r: SimulationResult): string {
  const out: string[] = [];
  out.push(`Simulated ${r.runs} runs (seed ${r.seed}) of ${num(r.totalVolume, 0)} items from ${r.start}; mean [p5–p95].`);
  for (const a of r.assumptions) out.push(`  assumed ${a.field} = ${a.assumed} (not in the plan)`);
  out.push('');
  const rows: string[][] = [['mix', 'weeks', 'done by (p50)', 'cost', 'accuracy %', 'finished']];
  for (const m of r.mixes) {
    const cost = Object.entries(m.cost).map(([c, i]) => `${range(i, 0)} ${c}`).join(' + ') || '—';
    rows.push([m.name, m.completionWeeks ? range(m.completionWeeks) : '—', m.completionDate?.p50 ?? '—', cost, m.accuracy ? range(m.accuracy, 1, 100) : '—', `${Math.round(m.finishedShare * 100)}%`]);
  }
  out.push(table(rows), '', completionChart(r));
  return out.join('\n') + '\n';
}

/** One line per mix: ├── from p5 to p95 ──┤ with ● at the median, on a shared week axis. */
export function completionChart(r: SimulationResult, width = 50): string {
  const done = r.mixes.filter((m) => m.completionWeeks !== null);
  if (done.length === 0) return 'No mix finished within the plan’s max_weeks.';
  const max = Math.max(1, Math.ceil(Math.max(...done.map((m) => m.completionWeeks?.p95 ?? 0))));
  const col = (weeks: number) => Math.min(width - 1, Math.max(0, Math.round((weeks / max) * (width - 1))));
  const label = Math.max(...r.mixes.map((m) => m.name.length));
  const lines = [`Completion, weeks from ${r.start} (├ p5, ● median, ┤ p95)`];
  for (const m of r.mixes) {
    const cells = Array.from({ length: width }, () => ' ');
    const c = m.completionWeeks;
    if (c) {
      const [a, b, mid] = [col(c.p5), col(c.p95), col(c.p50)];
      for (let i = a; i <= b; i++) cells[i] = '─';
      cells[a] = '├';
      cells[b] = '┤';
      cells[mid] = '●';
    }
    const tail = c ? ` ${num(c.p5)}–${num(c.p95)}` : ' not finished';
    lines.push(`${m.name.padEnd(label)} │${cells.join('')}│${tail}`);
  }
  const axis = Array.from({ length: width }, () => ' ');
  const ticks = Math.min(5, max);
  for (let t = 0; t <= ticks; t++) {
    const weeks = Math.round((t * max) / ticks);
    const text = String(weeks);
    const at = Math.min(width - text.length, col(weeks));
    for (let i = 0; i < text.length; i++) axis[at + i] = text[i] as string;
  }
  lines.push(`${' '.repeat(label)}  ${axis.join('')}`);
  return lines.join('\n');
}
