import type { Command } from 'commander';
import { startServer, stopOnSignals } from '../../server/runtime.ts';
import { configFrom, parsePort } from '../runtime.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the web app and the API (embedded database in --data-dir, or DATABASE_URL)')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data, or ATELIER_DATA_DIR)')
    .option('--port <port>', 'port to listen on (default 8080, or PORT)', parsePort)
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or HOST)')
    .action(async (options: { dataDir?: string; port?: number; host?: string }) => {
      const config = configFrom(options);
      const server = await startServer(config);
      stopOnSignals(server);
      process.stdout.write(`Atelier is running at ${server.url}  (API docs: ${server.url}/api/docs; ${config.databaseUrl ? 'PostgreSQL' : `data in ${config.dataDir}`})\n`);
    });
}
