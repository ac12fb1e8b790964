/**
 * `atelier erase`: the right to be forgotten from the command line. `--item ID` erases items,
 * `--subject KEY=VALUE` every item whose metadata holds that value (e.g. `--subject patient=123`:
 * the items with `"patient": "123"` or `"patient": 123` in their metadata), `--expired` what the
 * projects' retention periods have run out on. Each erased item leaves a tombstone event in the
 * audit trail; `--dry-run` only counts (for `--expired`, what the sweep would erase right now).
 */
import type { Command } from 'commander';
import { DomainError, notFound } from '../../core/errors.ts';
import type { AuditActor } from '../../services/audit/record.ts';
import { type ErasureReport, eraseItems, parseSubjectKey, requireItemsExist, subjectItemIds } from '../../services/privacy/erase-items.ts';
import { previewExpired, type SweepPreview, sweepExpired } from '../../services/privacy/retention.ts';
import { resolveProject } from '../../services/project-access.ts';
import { FileStore } from '../../media/file-store.ts';
import { findCredentials } from '../../store/users.ts';
import type { Store } from '../../store/database.ts';
import { configFrom, withStore } from '../runtime.ts';

interface EraseOptions {
  item?: string[];
  subject?: string;
  project?: string;
  expired?: boolean;
  by?: string;
  dryRun?: boolean;
  dataDir?: string;
}

function describe(report: ErasureReport): string {
  const lines = [
    `erased ${report.items} item(s): ${report.tasks} task(s), ${report.annotations} annotation(s), ${report.reviews} review(s), ${report.files} file(s), ${report.exports} export(s), ${report.webhookDeliveries} webhook delivery(ies)`,
  ];
  if (report.scrubbed) lines.push('the database files were rewritten: no byte of the erased rows remains in the data folder');
  for (const line of report.outside) lines.push(`not erased by Atelier: ${line}`);
  return `${lines.join('\n')}\n`;
}

function describePreview(preview: SweepPreview): string {
  const lines = [
    `would erase ${preview.items} item(s) in ${preview.projects.length} project(s): ${preview.tasks} task(s), ${preview.annotations} annotation(s), ${preview.reviews} review(s), with their files and the exports that hold them`,
    ...preview.projects.map((p) => `  project ${p.projectId} (kept ${p.retentionDays} day(s)): ${p.counts.items} item(s)`),
    `would remove ${preview.sessions} ended session(s)`,
  ];
  return `${lines.join('\n')}\n`;
}

function itemIds(values: string[]): number[] {
  return values.flatMap((v) => v.split(',')).map((v) => {
    const id = Number(v.trim());
    if (!Number.isInteger(id) || id < 1) throw new DomainError('invalid_input', `--item ${v}: an item id is a whole number`);
    return id;
  });
}

async function actorNamed(store: Store, email: string | undefined): Promise<AuditActor> {
  if (!email) return null;
  const found = await findCredentials(store.db, email);
  if (!found) throw notFound('user', email);
  return { user: { id: found.user.id, email: found.user.email } };
}

export function register(program: Command): void {
  program
    .command('erase')
    .description('Erase items and everything derived from them (right to be forgotten); each leaves a tombstone in the audit trail')
    .option('--item <id...>', 'item ids (repeatable or comma-separated)')
    .option('--subject <key=value>', 'every item whose metadata holds this value, e.g. patient=123')
    .option('--project <project>', 'with --subject: only this project (id or name)')
    .option('--expired', "erase what the projects' retention periods have run out on")
    .option('--by <email>', 'the person who asked for the erasure (recorded as the actor)')
    .option('--dry-run', 'count what would be erased (with --expired: what the retention sweep would erase now), erase nothing')
    .option('--data-dir <dir>', 'data folder (default ./atelier-data)')
    .action(async (options: EraseOptions) => {
      const chosen = [options.item, options.subject, options.expired].filter((o) => o !== undefined).length;
      if (chosen !== 1) throw new DomainError('invalid_input', 'give exactly one of --item, --subject or --expired');
      if (options.project && !options.subject) throw new DomainError('invalid_input', '--project goes with --subject');
      const config = configFrom(options);
      const output = await withStore(config, async (store) => {
        const ctx = { store, files: new FileStore(config.filesDir), exportsDir: config.exportsDir };
        const actor = await actorNamed(store, options.by);
        if (options.expired) {
          if (options.dryRun) return describePreview(await previewExpired(store.db, new Date()));
          const report = await sweepExpired(ctx, new Date());
          return `${describe(report)}retention: ${report.projects} project(s) swept, ${report.sessions} ended session(s) removed\n`;
        }
        let ids: number[];
        let basis: 'item' | 'subject';
        if (options.subject) {
          const project = options.project ? await resolveProject(store.db, options.project) : null;
          ids = await subjectItemIds(store.db, parseSubjectKey(options.subject), project?.id ?? null);
          basis = 'subject';
        } else {
          ids = itemIds(options.item!);
          await requireItemsExist(store.db, ids);
          basis = 'item';
        }
        if (options.dryRun) return `would erase ${ids.length} item(s)${ids.length > 0 ? `: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}` : ''}\n`;
        if (ids.length === 0) return 'no item matches: nothing erased\n';
        return describe(await eraseItems(ctx, ids, { actor, basis }));
      });
      process.stdout.write(output);
    });
}
