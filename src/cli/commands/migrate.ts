import type { Command } from 'commander';
import { migrate } from '../../store/migrate.ts';
import { configFrom, withStore } from '../runtime.ts';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Apply the database migrations (serve and demo also do it at start)')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { dataDir?: string }) => {
      // The one data command that may start a new data folder; it reports the migrations it applied.
      const report = await withStore(configFrom(options), (store) => migrate(store), { create: true, migrate: false });
      process.stdout.write(report.applied.length > 0 ? `applied ${report.applied.join(', ')}\n` : `already at migration ${report.current}\n`);
    });
}
