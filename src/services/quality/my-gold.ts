/**
 * An annotator's own accuracy on gold tasks, per project and week, with its 95 % interval.
 *
 * Which tasks were gold is never said, and neither may the figures tell it: a count read after
 * every answer would go up exactly when the answer just given was a gold one. So an answer counts
 * from the next UTC day on; a day's answers arrive together, and none of them can be told apart.
 */
import { proportion } from '../../core/metrics/stats.ts';
import type { Actor } from '../../core/users.ts';
import type { Db } from '../../store/database.ts';
import { goldOfAnnotator } from '../../store/gold-results.ts';
import { visibleProjects } from '../project-access.ts';

export interface MyGoldInput {
  actor: Actor;
  now: Date;
}

export interface MyGoldProject {
  projectId: number;
  projectName: string;
  answered: number;
  passed: number;
  accuracy: number;
  low: number;
  high: number;
  byWeek: { week: string; answered: number; accuracy: number }[];
}

/** The first moment whose answers are not counted yet: the start of `now`'s UTC day. */
export function goldFeedbackCutoff(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function myGold(db: Db, { actor, now }: MyGoldInput): Promise<MyGoldProject[]> {
  const names = new Map((await visibleProjects(db, actor)).map((p) => [p.id, p.name]));
  const rows = (await goldOfAnnotator(db, actor.user.id, goldFeedbackCutoff(now))).filter((r) => names.has(r.projectId));
  return [...new Set(rows.map((r) => r.projectId))].map((projectId) => {
    const mine = rows.filter((r) => r.projectId === projectId);
    const answered = mine.reduce((s, r) => s + r.answered, 0);
    const passed = mine.reduce((s, r) => s + r.passed, 0);
    const p = proportion(passed, answered)!;
    return {
      projectId,
      projectName: names.get(projectId)!,
      answered,
      passed,
      accuracy: p.rate,
      low: p.low,
      high: p.high,
      byWeek: mine.map((r) => ({ week: r.week, answered: r.answered, accuracy: r.passed / r.answered })),
    };
  });
}
