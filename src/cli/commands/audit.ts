/**
 * `atelier audit verify` checks the hash chain and names the first broken link; `atelier audit
 * export` writes a run of it for an auditor (JSON Lines, verifiable on its own).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import type { ChainLink } from '../../core/audit/event.ts';
import type { ChainVerification } from '../../core/audit/hash-chain.ts';
import { DomainError } from '../../core/errors.ts';
import { exportTrail, verifyExportFile } from '../../services/audit/export-trail.ts';
import { formatChainLink, parseChainLink, verifyTrail } from '../../services/audit/verify-trail.ts';
import { configFrom, withStore } from '../runtime.ts';

/** `2024-03-01` (midnight UTC) or a full ISO 8601 instant. */
export function parseInstant(value: string, option: string): Date {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new DomainError('invalid_input', `${option} must be a date (2024-03-01) or an ISO 8601 instant (2024-03-01T12:00:00Z), got "${value}"`);
  }
  return date;
}

function reportBreak(result: ChainVerification, what: string): never {
  if (result.ok) throw new Error('unreachable');
  const b = result.brokenAt;
  throw new DomainError('validation_failed', `${what} is broken at event ${b.seq} (${b.reason}): ${b.message}; ${result.count} event(s) before it verified`, { brokenAt: b });
}

export function register(program: Command): void {
  const audit = program.command('audit').description('Verify and export the audit trail');
  audit
    .command('verify')
    .description('Check the hash chain of the audit trail; names the first broken link and prints the head to keep')
    .option('--expect <seq:hash...>', 'a head printed by an earlier verification: the trail must still hold it')
    .option('--file <export.jsonl>', 'verify an exported file instead of the database')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { expect?: string[]; file?: string; dataDir?: string }) => {
      if (options.file) {
        const result = await verifyExportFile(options.file);
        if (!result.ok) reportBreak(result, options.file);
        const last = result.head;
        process.stdout.write(`${options.file}: ${result.count} events verified${result.first && last ? `, events ${result.first.seq}..${last.seq}, last ${formatChainLink(last)}` : ''}\n`);
        return;
      }
      const expectedHeads: ChainLink[] = (options.expect ?? []).map(parseChainLink);
      const result = await withStore(configFrom(options), (store) => verifyTrail(store, { expectedHeads }));
      if (!result.ok) reportBreak(result, 'the audit trail');
      process.stdout.write(`audit trail verified: ${result.count} events, ${result.checkpoints} checkpoint(s)\n`);
      if (result.head) process.stdout.write(`head ${formatChainLink(result.head)}\n`);
      process.stderr.write('keep the head line: "atelier audit verify --expect <head>" later proves that no event after it was removed\n');
    });

  audit
    .command('export')
    .description('Write the audit events of a period as JSON Lines for an auditor (verifiable with "audit verify --file")')
    .option('--from <date>', 'first instant included (2024-03-01 or ISO 8601)')
    .option('--to <date>', 'first instant excluded')
    .option('--output <file>', 'where to write (default: standard output)')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { from?: string; to?: string; output?: string; dataDir?: string }) => {
      const from = options.from ? parseInstant(options.from, '--from') : null;
      const to = options.to ? parseInstant(options.to, '--to') : null;
      if (from && to && from >= to) throw new DomainError('invalid_input', '--from must be before --to');
      const out = options.output ? createWriteStream(options.output) : process.stdout;
      const write = async (line: string): Promise<void> => {
        if (!out.write(line)) await once(out, 'drain');
      };
      const result = await withStore(configFrom(options), (store) => exportTrail(store, { from, to }, write));
      if (options.output) {
        const file = out as ReturnType<typeof createWriteStream>;
        file.end();
        await once(file, 'finish');
      }
      const span = result.after && result.last ? `, events ${result.after.seq + 1}..${result.last.seq}, last ${formatChainLink(result.last)}` : '';
      process.stderr.write(`exported ${result.events} audit events${span}${options.output ? ` to ${options.output}` : ''}\n`);
    });
}
