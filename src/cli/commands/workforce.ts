/** `atelier pool …` and `atelier routing …`: workforces and how work is routed to them. */
import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { DomainError } from '../../core/errors.ts';
import { type PresetName, presetPolicy, PRESET_DESCRIPTIONS, type RoutingPolicy } from '../../core/routing/policy.ts';
import { languageProblem, regionProblem } from '../../core/pool-settings.ts';
import type { Actor } from '../../core/users.ts';
import type { MemberRole } from '../../core/work-contexts.ts';
import { POOL_KINDS, type PoolKind, SENSITIVITIES, type Sensitivity } from '../../core/workforce.ts';
import { addPoolMember, createPool, poolsForActor } from '../../services/manage-pools.ts';
import { resolveProject } from '../../services/project-access.ts';
import { RoutingPolicySchema } from '../../core/routing/policy-schema.ts';
import { parseInput } from '../../core/strategy/input-validation.ts';
import { dryRunPolicy } from '../../services/routing/dry-run-policy.ts';
import { explainRoute } from '../../services/routing/explain-route.ts';
import { setRoutingPolicy } from '../../services/routing/set-routing-policy.ts';
import type { Db } from '../../store/database.ts';
import { findPoolByKey } from '../../store/pools.ts';
import { findItem } from '../../store/items.ts';
import { findProject } from '../../store/projects.ts';
import { configFrom, progressBar, withStore } from '../runtime.ts';

/** The command line acts as the system administrator. */
const SYSTEM: Actor = {
  user: { id: 0, email: 'cli@atelier', name: 'atelier command line', role: 'admin', disabled: false, createdAt: new Date(0) },
  via: 'system',
  scopes: null,
};
const cliActor = (): Actor => SYSTEM;

/** The roles of a pool member, checked against the core's type so that none is missing. */
const MEMBER_ROLES = Object.keys({ annotator: true, reviewer: true, expert: true, manager: true } satisfies Record<MemberRole, true>);

const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

async function poolByKey(db: Db, key: string) {
  const pool = await findPoolByKey(db, key);
  if (!pool) throw new DomainError('not_found', `pool ${key} not found`);
  return pool;
}

export function register(program: Command): void {
  const pool = program.command('pool').description('Workforces: in-house, vendor and crowd pools');
  pool
    .command('create')
    .description('Create a pool')
    .requiredOption('--key <key>', 'short name used in policies, e.g. acme-vendor')
    .addOption(new Option('--kind <kind>', 'who works in it').choices(POOL_KINDS).makeOptionMandatory())
    .option('--name <name>', 'display name')
    .option('--vendor <organisation>', 'the vendor organisation')
    .addOption(new Option('--clearance <level>', `the most sensitive data it may see (${SENSITIVITIES.join(' < ')})`).choices(SENSITIVITIES).default('internal'))
    .option('--regions <list>', 'data regions it may handle, comma-separated (* for any)', '*')
    .option('--languages <list>', 'languages its members work in, comma-separated (* for any)', '*')
    .option('--skills <list>', 'domain skills, comma-separated', '')
    .option('--cost <model>', 'per_label:0.04:USD | per_hour:18:EUR | fixed_monthly:12000:EUR')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (o: { key: string; kind: string; name?: string; vendor?: string; clearance: string; regions: string; languages: string; skills: string; cost?: string; dataDir?: string }) => {
      for (const [flag, values, problem] of [['--regions', list(o.regions), regionProblem], ['--languages', list(o.languages), languageProblem]] as const) {
        const why = values.map(problem).find((p) => p !== null);
        if (why) throw new DomainError('invalid_input', `${flag}: ${why}`);
      }
      let costModel = null;
      if (o.cost) {
        const [type, amount, currency] = o.cost.split(':');
        if (!['per_label', 'per_hour', 'fixed_monthly'].includes(type ?? '') || !Number.isFinite(Number(amount)) || !/^[A-Z]{3}$/.test(currency ?? '')) {
          throw new DomainError('invalid_input', '--cost is type:amount:currency, e.g. per_label:0.04:USD');
        }
        costModel = { type: type as 'per_label', amount: Number(amount), currency: currency! };
      }
      const created = await withStore(configFrom(o), (store) =>
        store.transaction((tx) =>
          createPool(tx, cliActor(), {
            key: o.key,
            name: o.name ?? o.key,
            kind: o.kind as PoolKind,
            vendor: o.vendor ?? null,
            costModel,
            clearance: o.clearance as Sensitivity,
            regions: list(o.regions),
            languages: list(o.languages),
            skills: list(o.skills),
            capacityHoursPerWeek: null,
            timeZone: null,
            sla: {},
          }),
        ),
      );
      process.stdout.write(`created pool ${created.key} (${created.kind}, cleared for ${created.clearance}, regions ${created.regions.join(',')})\n`);
    });
  pool
    .command('list')
    .description('List pools')
    .option('--data-dir <dir>', 'data folder')
    .action(async (o: { dataDir?: string }) => {
      const pools = await withStore(configFrom(o), (store) => poolsForActor(store.db, cliActor()));
      for (const p of pools) process.stdout.write(`${p.key.padEnd(20)} ${p.kind.padEnd(9)} clearance ${p.clearance.padEnd(12)} regions ${p.regions.join(',')}  languages ${p.languages.join(',')}\n`);
    });
  pool
    .command('add-member')
    .description('Add a user to a pool with a role')
    .requiredOption('--pool <key>', 'the pool')
    .requiredOption('--email <email>', 'the user')
    .addOption(new Option('--role <role>', 'their role in the pool').choices(MEMBER_ROLES).makeOptionMandatory())
    .option('--password <password>', 'when no user has this e-mail, create one with this password (an annotator; a reviewer for --role reviewer)')
    .option('--name <name>', 'with --password: the new user\'s display name')
    .option('--data-dir <dir>', 'data folder')
    .action(async (o: { pool: string; email: string; role: MemberRole; password?: string; name?: string; dataDir?: string }) => {
      await withStore(configFrom(o), async (store) => {
        const p = await poolByKey(store.db, o.pool);
        await store.transaction((tx) => addPoolMember(tx, cliActor(), p.id, { email: o.email, role: o.role, password: o.password, name: o.name }));
      });
      process.stdout.write(`${o.email} is now ${o.role} of ${o.pool}\n`);
    });

  const routing = program.command('routing').description('Routing policies: which pool gets which work');
  const policyOptions = (c: Command) =>
    c
      .requiredOption('--project <project>', "the project's id or name")
      .option('--policy <file>', 'a policy JSON file: {"rules": [{"name", "when": {...}, "to": [{"pool", "weight"}]}]}')
      .option('--preset <name>', Object.keys(PRESET_DESCRIPTIONS).join(' | '))
      .option('--in-house <pools>', 'preset: in-house pool keys, comma-separated', '')
      .option('--experts <pools>', 'preset: pools whose experts take the hard cases', '')
      .option('--vendors <pools>', 'preset: vendor pool keys', '')
      .option('--crowd <pools>', 'preset: crowd pool keys', '')
      .option('--data-dir <dir>', 'data folder');
  type PolicyOptions = { project: string; policy?: string; preset?: string; inHouse: string; experts: string; vendors: string; crowd: string; dataDir?: string };
  async function policyOf(o: PolicyOptions): Promise<RoutingPolicy> {
    if (o.policy) {
      let json: unknown;
      try {
        json = JSON.parse(await readFile(o.policy, 'utf8'));
      } catch (error) {
        throw new DomainError('invalid_input', `--policy: ${(error as Error).message}`);
      }
      // The API's checks: a file is no more trusted than a request.
      return parseInput(RoutingPolicySchema, json, `the policy in ${o.policy}`);
    }
    if (!o.preset || !(o.preset in PRESET_DESCRIPTIONS)) throw new DomainError('invalid_input', `give --policy FILE or --preset (${Object.keys(PRESET_DESCRIPTIONS).join(', ')})`);
    return presetPolicy(o.preset as PresetName, { inHouse: list(o.inHouse), experts: list(o.experts), vendors: list(o.vendors), crowd: list(o.crowd) });
  }

  policyOptions(routing.command('dry-run').description('What a policy would do to the current items, per pool and rule')).action(async (o: PolicyOptions) => {
    const result = await withStore(configFrom(o), async (store) => dryRunPolicy(store.db, await resolveProject(store.db, o.project), await policyOf(o)));
    process.stdout.write(`${result.items} items; ${result.unrouted} no pool may take\n`);
    for (const p of result.byPool) process.stdout.write(`  ${p.pool.padEnd(20)} ${String(p.items).padStart(8)} items  ${String(p.taskSlots).padStart(8)} tasks${p.expertSlots ? ` (${p.expertSlots} for experts)` : ''}\n`);
    for (const r of result.byRule) process.stdout.write(`  rule "${r.rule}": ${r.items} items\n`);
  });

  policyOptions(routing.command('apply').description('Make a policy the project’s policy and re-route the work nobody has claimed')).action(async (o: PolicyOptions) => {
    const bar = progressBar('re-routing');
    try {
      const summary = await withStore(configFrom(o), async (store) => {
        const project = await resolveProject(store.db, o.project);
        const policy = await policyOf(o);
        return store.transaction((tx) => setRoutingPolicy(tx, { actor: cliActor(), project, policy, onProgress: (n) => bar.update(n, null, 'items') }));
      });
      bar.stop();
      process.stdout.write(`policy version ${summary.version}: ${summary.items} items, ${summary.tasksUpdated} tasks re-routed, ${summary.tasksAdded} added, ${summary.tasksCancelled} cancelled\n`);
    } finally {
      bar.stop();
    }
  });

  routing
    .command('explain')
    .description('Which rule sent an item where, and why')
    .argument('<item>', 'the item id')
    .option('--data-dir <dir>', 'data folder')
    .action(async (itemRef: string, o: { dataDir?: string }) => {
      if (!/^\d+$/.test(itemRef)) throw new DomainError('invalid_input', 'ITEM is an item id');
      const why = await withStore(configFrom(o), async (store) => {
        const item = await findItem(store.db, Number(itemRef));
        if (!item) throw new DomainError('not_found', `item ${itemRef} not found`);
        return explainRoute(store.db, (await findProject(store.db, item.projectId))!, item.id);
      });
      const i = why.item;
      process.stdout.write(`item ${why.itemId}: ${i.sensitivity}, region ${i.region ?? 'any'}, language ${i.language ?? 'none'}, ${i.edgeCase ? 'edge case, ' : ''}confidence ${i.confidence ?? 'none'}, position ${i.position + 1}\n`);
      process.stdout.write(why.policyVersion === null ? 'no routing policy: the work is unrouted (in-house staff)\n' : `policy version ${why.policyVersion}\n`);
      for (const t of why.decision.trace) process.stdout.write(`  ${t.matched ? '✔' : '✘'} ${t.rule}${t.notes.length ? `: ${t.notes.join('; ')}` : ''}\n`);
      const d = why.decision;
      process.stdout.write(d.rule === null ? '→ no rule applies: unrouted, for in-house staff\n' : `→ "${d.rule}": ${d.targets.map((t) => `${t.poolKey}${t.role ? ` (${t.role}s)` : ''}×${t.weight}`).join(', ')}; overlap ${d.overlap}, priority ${d.priority}\n`);
      for (const t of why.tasks) process.stdout.write(`  task ${t.taskId} ${t.stage} slot ${t.slot}: ${t.status}, pool ${t.poolKey ?? 'none'}${t.memberRole ? ` (${t.memberRole})` : ''}${t.routedBy ? `, by "${t.routedBy}"` : ''}\n`);
    });
}
