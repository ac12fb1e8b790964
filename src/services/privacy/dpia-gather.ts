/** Reads the facts of a project's data-protection report from the database as it is configured. */
import { notFound } from '../../core/errors.ts';
import { detectPii } from '../../core/pii/detect.ts';
import type { PiiType } from '../../core/pii/types.ts';
import type { Sensitivity } from '../../core/workforce.ts';
import { countAuditEvents, countFailedSignIns } from '../../store/audit-search.ts';
import type { Db } from '../../store/database.ts';
import { findPool } from '../../store/pools.ts';
import { listMetadataRules, sampleMetadataKeys } from '../../store/privacy.ts';
import { countMaskedItems } from '../../store/privacy-masks.ts';
import { itemGroups, memberCounts, oldestItemDate, poolIdsSeeingProject, sampleTexts } from '../../store/privacy-report.ts';
import { findProject } from '../../store/projects.ts';
import { currentPolicy } from '../../store/routing.ts';
import type { ChainStore } from '../audit/chain-events.ts';
import { verifyTrail } from '../audit/verify-trail.ts';
import { buildDpia, type DpiaFacts, type DpiaReport, type PoolFacts } from './dpia.ts';
import { privacySettingsOf } from './project-privacy.ts';

export interface DpiaOptions {
  /** Texts scanned for PII (spread over the project). */
  sampleSize?: number;
  /** The period of the access figures. */
  sinceDays?: number;
}

export async function gatherDpiaFacts(store: ChainStore & { db: Db }, projectId: number, now: Date, options: DpiaOptions = {}): Promise<DpiaFacts> {
  const db = store.db;
  const project = await findProject(db, projectId);
  if (!project) throw notFound('project', projectId);
  const sinceDays = options.sinceDays ?? 90;

  const texts = await sampleTexts(db, projectId, options.sampleSize ?? 500);
  const byType: Partial<Record<PiiType, number>> = {};
  let withPii = 0;
  for (const text of texts) {
    const findings = detectPii(text);
    if (findings.length > 0) withPii++;
    for (const f of findings) byType[f.type] = (byType[f.type] ?? 0) + 1;
  }

  const rules = new Map((await listMetadataRules(db, projectId)).map((r) => [r.poolId, r.allowedKeys]));
  const poolIds = await poolIdsSeeingProject(db, projectId);
  const members = await memberCounts(db, poolIds);
  const pools: PoolFacts[] = [];
  for (const id of poolIds) {
    const pool = await findPool(db, id);
    if (pool) pools.push({ pool, members: members.get(id) ?? 0, metadataRule: rules.get(id) ?? null });
  }
  const poolKeys = new Map(pools.map((p) => [p.pool.id, p.pool.key]));

  const since = new Date(now.getTime() - sinceDays * 86_400_000);
  const chain = await verifyTrail(store, { recordCheckpoint: false });
  const figures = (await countAuditEvents(db, projectId, since)).map((c) => ({
    action: c.action,
    pool: c.poolId === null ? null : (poolKeys.get(c.poolId) ?? `pool ${c.poolId}`),
    events: c.events,
    actors: c.actors,
  }));
  const policy = await currentPolicy(db, projectId);

  return {
    generatedAt: now,
    project: { id: project.id, name: project.name, itemKind: project.itemKind, defaultSensitivity: project.defaultSensitivity, defaultRegion: project.defaultRegion },
    groups: (await itemGroups(db, projectId)).map((g) => ({ ...g, sensitivity: g.sensitivity as Sensitivity })),
    metadataKeys: await sampleMetadataKeys(db, projectId),
    pii: { sampled: texts.length, withPii, byType },
    pools,
    policy: policy ? { version: policy.version, policy: policy.policy } : null,
    settings: await privacySettingsOf(db, projectId),
    maskedImages: await countMaskedItems(db, projectId),
    oldestItem: await oldestItemDate(db, projectId),
    access: { sinceDays, figures, failedSignIns: await countFailedSignIns(db, since) },
    chain: chain.ok ? { ok: true, events: chain.count, brokenAt: null } : { ok: false, events: chain.count, brokenAt: `event ${chain.brokenAt.seq}: ${chain.brokenAt.message}` },
  };
}

export async function projectDpia(store: ChainStore & { db: Db }, projectId: number, now: Date, options: DpiaOptions = {}): Promise<DpiaReport> {
  return buildDpia(await gatherDpiaFacts(store, projectId, now, options));
}
