/**
 * The `atelier` command. Each command lives in its own file under commands/ and exports
 * `register(program)`. Errors end here: a domain error becomes one line on stderr and its exit
 * code; anything else is a bug and says so, still without a stack trace unless ATELIER_DEBUG is set.
 */
import { Command, CommanderError } from 'commander';
import { isDomainError } from '../core/errors.ts';
import { EXIT_CODES } from './exit-codes.ts';

type CommandModule = { register(program: Command): void };

/**
 * Which file registers each top-level command. Only the module of the command being run is loaded:
 * loading them all (the server, the embedded database, the benchmarks' browser driver) took about
 * three seconds before any command could start.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  serve: () => import('./commands/serve.ts'),
  demo: () => import('./commands/demo.ts'),
  migrate: () => import('./commands/migrate.ts'),
  user: () => import('./commands/users.ts'),
  token: () => import('./commands/users.ts'),
  project: () => import('./commands/projects.ts'),
  pool: () => import('./commands/workforce.ts'),
  routing: () => import('./commands/workforce.ts'),
  import: () => import('./commands/import.ts'),
  export: () => import('./commands/export.ts'),
  jobs: () => import('./commands/jobs.ts'),
  audit: () => import('./commands/audit.ts'),
  erase: () => import('./commands/erase.ts'),
  dpia: () => import('./commands/dpia.ts'),
  aggregate: () => import('./commands/aggregate.ts'),
  agreement: () => import('./commands/agreement.ts'),
  strategy: () => import('./commands/strategy.ts'),
  report: () => import('./commands/report.ts'),
  bench: () => import('./commands/bench.ts'),
};

/** The modules to register: the named command's alone, or all of them (help, or a name not known). */
async function commandModules(args: readonly string[]): Promise<CommandModule[]> {
  const name = args[0];
  const loaders = name !== undefined && Object.hasOwn(COMMANDS, name) ? [COMMANDS[name]!] : Object.values(COMMANDS);
  return Promise.all(loaders.map((load) => load()));
}

const program = new Command()
  .name('atelier')
  .description('Annotation operations for hybrid in-house, vendor and crowd labeling teams')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

function fail(error: unknown): never {
  // Commander has already said what is wrong (an unknown option, a value not among the choices, a
  // missing required one); it exits 1 for all of them, where a bad flag is a usage error (EX_USAGE).
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_CODES.invalid_input);
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

// A reader that stops early (`| head`) closes the pipe: the rest of the output is not wanted, and
// that is no error of the command's.
process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : fail(error)));

try {
  const registered = new Set<CommandModule>();
  for (const mod of await commandModules(process.argv.slice(2))) {
    // users.ts registers both `user` and `token`; workforce.ts both `pool` and `routing`.
    if (registered.has(mod)) continue;
    registered.add(mod);
    mod.register(program);
  }
  await program.parseAsync(process.argv);
} catch (error) {
  fail(error);
}
