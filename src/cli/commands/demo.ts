import type { Command } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { DEMO_USERS, seedDemo } from '../../demo/seed-demo.ts';
import { DEMO_WORKFORCE_USERS } from '../../demo/workforce.ts';
import { FileStore } from '../../media/file-store.ts';
import { checkPasswordStrength } from '../../services/passwords.ts';
import { startServer, stopOnSignals } from '../../server/runtime.ts';
import { loadConfig } from '../../config.ts';
import { openStore } from '../../store/database.ts';
import { migrate } from '../../store/migrate.ts';
import { parsePort } from '../runtime.ts';

export function register(program: Command): void {
  program
    .command('demo')
    .description('Create (or reopen) a data folder with demo projects and users, and serve it')
    .option('--data-dir <dir>', 'data folder', 'atelier-demo')
    .option('--port <port>', 'port to listen on', parsePort, 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--password <password>', 'password of every demo user', 'demo1234')
    .action(async (options: { dataDir: string; port: number; host: string; password: string }) => {
      checkPasswordStrength(options.password);
      // The demo always runs on its own embedded database, whatever DATABASE_URL says.
      const config = loadConfig({ dataDir: options.dataDir, port: options.port, host: options.host, databaseUrl: null });
      process.stderr.write(`preparing the demo in ${config.dataDir} …\n`);
      const store = await openStore({ engine: 'pglite', dataDir: config.dataDir });
      let server;
      try {
        await migrate(store);
        const report = await seedDemo(store, new FileStore(config.filesDir), { password: options.password });
        process.stderr.write(report.created ? 'demo projects created\n' : 'demo reopened\n');
        server = await startServer(config, { store });
      } catch (error) {
        await store.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new DomainError('unavailable', `port ${options.port} is in use; choose another with --port`);
        }
        throw error;
      }
      stopOnSignals(server);
      const lines = [
        '',
        `  Atelier demo: ${server.url}`,
        `  API docs:     ${server.url}/api/docs`,
        '',
        '  Sign in as (password: ' + options.password + '):',
        ...DEMO_USERS.filter((u) => !DEMO_WORKFORCE_USERS.some((w) => w.email === u.email)).map((u) => `    ${u.email.padEnd(27)} ${u.role}`),
        ...DEMO_WORKFORCE_USERS.map((u) => `    ${u.email.padEnd(27)} ${u.poolRole} in the ${u.pool} pool`),
        '',
        '  Ctrl+C stops it; run the same command again to reopen the demo.',
        '',
      ];
      process.stdout.write(lines.join('\n'));
    });
}
