/**
 * The quality of a project's work, as its screens show it: agreement by pool, annotator pair and
 * label for each choice question and each region control (boxes, polygons, spans: matched regions);
 * each annotator's answers counted against the items' settled labels (observed-confusion.ts);
 * accuracy on gold per annotator and per pool with a 95% interval, and week by week; where the items
 * stand. Recent work only (the latest answers, bounded), so that it costs the same on any project size.
 */
import type { AgreementBreakdown } from '../../core/quality/agreement-breakdown.ts';
import { agreementBreakdown } from '../../core/quality/agreement-breakdown.ts';
import type { Answer } from '../../core/quality/answers.ts';
import { type ObservedConfusion, observedConfusion, type SettledLabel } from '../../core/quality/observed-confusion.ts';
import type { Region } from '../../core/label-schema.ts';
import {
  type RegionAgreementBreakdown, type RegionAnswer, type RegionKind, isRegionKind, matcherOf, regionAgreementBreakdown,
} from '../../core/quality/region-agreement-breakdown.ts';
import { proportion } from '../../core/metrics/stats.ts';
import type { Project } from '../../core/projects.ts';
import type { Db } from '../../store/database.ts';
import { recentChoiceAnswers, recentRegionAnswers, type SettledChoices, settledChoices } from '../../store/quality-answers.ts';
import { goldByAnnotator, goldByWeek } from '../../store/gold-results.ts';
import { type StageCounts, stageCounts } from '../../store/stage-counts.ts';
import type { WorkCache } from '../work-cache.ts';
import type { WorkScope } from './work-scope.ts';

export const RECENT_ANSWERS = 20_000;

export interface ControlQuality {
  control: string;
  labels: string[];
  agreement: AgreementBreakdown;
  /** Per annotator, their answers against the settled labels: `counts[settled][given]` in the order of `labels`. */
  confusion: ObservedConfusion[];
}

/** Agreement on a control whose answers are drawn regions. */
export interface RegionControlQuality {
  control: string;
  kind: RegionKind;
  agreement: RegionAgreementBreakdown;
}

export interface GoldAccuracy {
  name: string;
  answered: number;
  passed: number;
  accuracy: number;
  low: number;
  high: number;
}

export interface ProjectQuality {
  controls: ControlQuality[];
  regionControls: RegionControlQuality[];
  gold: { byAnnotator: GoldAccuracy[]; byPool: GoldAccuracy[]; byWeek: { week: string; pool: string; answered: number; accuracy: number }[] };
  stages: StageCounts;
  /** The pools whose work these figures cover; null: every pool (see work-scope.ts). */
  pools: string[] | null;
}

function accuracy(name: string, answered: number, passed: number): GoldAccuracy {
  const p = proportion(passed, answered)!;
  return { name, answered, passed, accuracy: p.rate, low: p.low, high: p.high };
}

/** Work done in no pool: in-house staff outside any pool limit. */
const STAFF = 'outside any pool';

const workerOf = (r: { annotatorId: number | null; annotatorName: string | null }) => r.annotatorName ?? `user ${r.annotatorId}`;

/** Adds the unattributed answers to the answers per label (they pair with no one: their agreement stays unmeasured). */
function withUnattributed(breakdown: AgreementBreakdown, unattributed: ReadonlyMap<string, number>): AgreementBreakdown {
  if (unattributed.size === 0) return breakdown;
  const byLabel = new Map(breakdown.byLabel.map((l) => [l.label, { ...l }]));
  for (const [label, n] of unattributed) {
    const entry = byLabel.get(label);
    if (entry) entry.answers += n;
    else byLabel.set(label, { label, answers: n, specificAgreement: Number.NaN });
  }
  return { ...breakdown, byLabel: [...byLabel.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)) };
}

/**
 * One control's settled label per item (keyed as the answers are): the known answer's choice when it
 * makes one, else the accepted consensus's.
 */
function settledLabels(byItem: ReadonlyMap<number, SettledChoices>, control: string): Map<string, SettledLabel> {
  const out = new Map<string, SettledLabel>();
  for (const [itemId, s] of byItem) {
    const known = s.known?.[control] ?? [];
    const accepted = s.accepted?.[control] ?? [];
    if (known.length > 0) out.set(String(itemId), { label: [...known].sort().join(' + '), known: true });
    else if (accepted.length > 0) out.set(String(itemId), { label: [...accepted].sort().join(' + '), known: false });
  }
  return out;
}

export async function projectQuality(db: Db, project: Project, cache: WorkCache, scope: WorkScope = null): Promise<ProjectQuality> {
  const schema = await cache.schema(db, project.id, project.schemaVersion);
  const pools = scope?.ids ?? null;
  const controls: ControlQuality[] = [];
  const regionControls: RegionControlQuality[] = [];
  const hasRegions = schema.controls.some((c) => isRegionKind(c.kind));
  const regionRows = hasRegions ? await recentRegionAnswers(db, project.id, RECENT_ANSWERS, pools) : [];
  const choiceRows = schema.controls.some((c) => !isRegionKind(c.kind)) ? await recentChoiceAnswers(db, project.id, RECENT_ANSWERS, pools) : [];
  const settledByItem = await settledChoices(db, project.id, choiceRows.map((r) => r.itemId), pools);
  for (const control of schema.controls) {
    if (isRegionKind(control.kind)) {
      if (regionRows.length === 0) continue;
      // Agreement on regions is between known annotators: an imported label of nobody known here pairs with no one.
      const answers: RegionAnswer<Region>[] = regionRows.filter((r) => r.annotatorId !== null).map((r) => ({
        item: String(r.itemId), worker: workerOf(r), pool: r.poolKey ?? STAFF, regions: r.regions.filter((g) => g.control === control.name),
      }));
      regionControls.push({ control: control.name, kind: control.kind, agreement: regionAgreementBreakdown(answers, matcherOf(control.kind), { minSharedItems: 5 }) });
      continue;
    }
    const answers: Answer[] = [];
    // Imported labels of nobody known here: answers per label, but no one's agreement or confusion.
    const unattributed = new Map<string, number>();
    for (const r of choiceRows) {
      const chosen = r.choices[control.name] ?? [];
      if (chosen.length === 0) continue;
      const label = [...chosen].sort().join(' + ');
      if (r.annotatorId === null) unattributed.set(label, (unattributed.get(label) ?? 0) + 1);
      else answers.push({ item: String(r.itemId), worker: workerOf(r), label, pool: r.poolKey ?? STAFF });
    }
    if (answers.length === 0 && unattributed.size === 0) continue;
    const settled = settledLabels(settledByItem, control.name);
    const labels = [...new Set([...answers.map((a) => a.label), ...unattributed.keys(), ...[...settled.values()].map((s) => s.label)])].sort();
    controls.push({
      control: control.name,
      labels,
      agreement: withUnattributed(agreementBreakdown(answers, { minSharedItems: 5 }), unattributed),
      confusion: observedConfusion(answers, settled, labels),
    });
  }
  const tallies = await goldByAnnotator(db, project.id, pools);
  // The tallies are per annotator and pool; an annotator who answered gold through two pools (or
  // outside any) is one person with one accuracy, the one their pause is decided on.
  const byPool = new Map<string, { answered: number; passed: number }>();
  const byAnnotator = new Map<number | null, { name: string; answered: number; passed: number }>();
  for (const t of tallies) {
    const key = t.poolKey ?? STAFF;
    const p = byPool.get(key) ?? { answered: 0, passed: 0 };
    p.answered += t.answered;
    p.passed += t.passed;
    byPool.set(key, p);
    const a = byAnnotator.get(t.annotatorId) ?? { name: t.annotatorName ?? `user ${t.annotatorId}`, answered: 0, passed: 0 };
    a.answered += t.answered;
    a.passed += t.passed;
    byAnnotator.set(t.annotatorId, a);
  }
  return {
    controls,
    regionControls,
    gold: {
      byAnnotator: [...byAnnotator.values()].map((a) => accuracy(a.name, a.answered, a.passed)),
      byPool: [...byPool.entries()].map(([pool, t]) => accuracy(pool, t.answered, t.passed)),
      byWeek: (await goldByWeek(db, project.id, pools)).map((w) => ({ week: w.week, pool: w.poolKey ?? STAFF, answered: w.answered, accuracy: w.passed / w.answered })),
    },
    stages: await stageCounts(db, project.id, { splitReview: true, pools }),
    pools: scope?.keys ?? null,
  };
}
