/**
 * The `atelier` command. Each command lives in its own file under commands/ and exports
 * `register(program)`. Errors end here: a domain error becomes one line on stderr and its exit
 * code; anything else is a bug and says so, still without a stack trace unless ATELIER_DEBUG is set.
 */
import { Command, CommanderError } from 'commander';
import { isDomainError } from '../core/errors.ts';
import * as aggregate from './commands/aggregate.ts';
import * as audit from './commands/audit.ts';
import * as dpia from './commands/dpia.ts';
import * as erase from './commands/erase.ts';
import * as agreement from './commands/agreement.ts';
import * as bench from './commands/bench.ts';
import * as demo from './commands/demo.ts';
import * as exportCommand from './commands/export.ts';
import * as importCommand from './commands/import.ts';
import * as jobs from './commands/jobs.ts';
import * as migrateCommand from './commands/migrate.ts';
import * as projects from './commands/projects.ts';
import * as report from './commands/report.ts';
import * as serve from './commands/serve.ts';
import * as strategy from './commands/strategy.ts';
import * as users from './commands/users.ts';
import * as workforce from './commands/workforce.ts';
import { EXIT_CODES } from './exit-codes.ts';

const program = new Command()
  .name('atelier')
  .description('Annotation operations for hybrid in-house, vendor and crowd labeling teams')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const commandModules: { register(program: Command): void }[] = [serve, demo, migrateCommand, users, projects, workforce, importCommand, exportCommand, jobs, audit, erase, dpia, aggregate, agreement, strategy, report, bench];
for (const mod of commandModules) mod.register(program);

function fail(error: unknown): never {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (isDomainError(error)) {
    process.stderr.write(`atelier: ${error.message}\n`);
    const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
    if (issues && issues.length > 1) {
      for (const issue of issues.slice(0, 20)) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
      if (issues.length > 20) process.stderr.write(`  … and ${issues.length - 20} more\n`);
    }
    process.exit(EXIT_CODES[error.code]);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`atelier: unexpected error: ${message}\n`);
  if (process.env.ATELIER_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(EXIT_CODES.internal);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  fail(error);
}
