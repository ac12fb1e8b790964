import { type Command, Option } from 'commander';
import { DomainError, notFound } from '../../core/errors.ts';
import { ROLES, type Role, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '../../core/users.ts';
import { addUser, createApiToken } from '../../services/manage-users.ts';
import { findCredentials } from '../../store/users.ts';
import { configFrom, withStore } from '../runtime.ts';

export function register(program: Command): void {
  const user = program.command('user').description('Manage users');
  user
    .command('add')
    .description('Add a user')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    // A role not among these is a usage error (exit 64) like any bad flag, caught before the store opens.
    .addOption(new Option('--role <role>', 'the role').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'display name')
    .option('--password <password>', 'password (at least 8 characters)')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { email: string; role: string; name?: string; password?: string; dataDir?: string }) => {
      const password = options.password;
      if (!password) throw new DomainError('invalid_input', '--password is required');
      const created = await withStore(configFrom(options), (store) =>
        addUser(store.db, { email: options.email, name: options.name, role: options.role as Role, password }),
      );
      process.stdout.write(`added ${created.role} ${created.email} (id ${created.id})\n`);
    });

  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create an API token for a user; the secret is printed once')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .addOption(new Option('--scope <scope...>', 'limit the token to these capabilities').choices(TOKEN_SCOPES))
    .option('--expires-in-days <days>', `expiry in days, 1 to ${TOKEN_MAX_DAYS} (default: never)`)
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: { email: string; name: string; scope?: string[]; expiresInDays?: string; dataDir?: string }) => {
      const days = options.expiresInDays === undefined ? null : Number(options.expiresInDays);
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS)) {
        throw new DomainError('invalid_input', `--expires-in-days must be a whole number of days from 1 to ${TOKEN_MAX_DAYS}`);
      }
      const created = await withStore(configFrom(options), async (store) => {
        const found = await findCredentials(store.db, options.email);
        if (!found) throw notFound('user', options.email);
        return createApiToken(store.db, {
          userId: found.user.id,
          name: options.name,
          scopes: options.scope ?? [],
          expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
        });
      });
      process.stdout.write(`${created.secret}\n`);
      process.stderr.write(`token "${created.token.name}" for ${options.email}; send it as "Authorization: Bearer <token>". It is not shown again.\n`);
    });
}
