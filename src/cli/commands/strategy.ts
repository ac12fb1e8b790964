/**
 * `atelier strategy advise --input profile.json` and `atelier strategy simulate --input plan.json`:
 * the strategy advisor and simulator of core/strategy, on JSON files, as text or `--json`.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { adviseFromInput } from '../../core/strategy/advisor.ts';
import { DEFAULT_RUNS, simulateFromInput } from '../../core/strategy/simulator.ts';
import { formatAdvice, formatSimulation } from './strategy-format.ts';

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
