/**
 * Finished work for the demo, so that exports, dashboards and quality screens have something to
 * show on first start: three weeks of label tasks done by the members of the pools the routing
 * sent them to (in-house, vendor, crowd), each with the slips people make — a box a little off, an
 * object missed, a span one word short, a wrong sentiment — and a reviewer who accepts most work,
 * corrects some and rejects a little (the annotator redoes it, and that is accepted). Gold tasks
 * were mixed into the street scenes' queues: each annotator answered a few, mostly right.
 *
 * Drawn from a seeded random source: the same demo every time.
 */
import { DomainError } from '../core/errors.ts';
import { type AnnotationResult, type LabelSchema, validateAnnotationResult } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import { type Random, seededRandom } from '../core/quality/seeded-random.ts';
import type { Db } from '../store/database.ts';
import {
  allocateAnnotationIds, completeTasksAs, type ImportedAnnotationRow, type ImportedReviewRow, insertDoneGoldTasks, insertImportedAnnotations,
  insertImportedReviews, type OpenLabelTask, openLabelTasks,
} from '../store/jobs-import-writes.ts';
import { listMembers, listPools } from '../store/pools.ts';
import { findSchemaVersion } from '../store/projects.ts';
import type { NewsText } from './news-texts.ts';
import type { Scene } from './street-scenes.ts';

export interface DemoHistoryInput {
  /** `gold`: the indexes of the images with known answers (their gold tasks get answers too). */
  images: { project: Project; itemIds: number[]; scenes: Scene[]; gold?: number[] };
  news: { project: Project; itemIds: number[]; texts: NewsText[] };
  reviewerId: number;
  now: Date;
  /** How many items of each project get finished work. */
  items?: number;
}

export interface DemoHistoryReport {
  annotations: number;
  reviews: number;
}

const DAY = 86_400_000;
const SPAN_DAYS = 21;

interface Work {
  task: OpenLabelTask;
  workerId: number;
  result: AnnotationResult;
  truth: AnnotationResult;
  at: Date;
  spentMs: number;
}

/** Who may do a task: the members of the pool it was routed to (its experts for expert work). */
async function workersByPool(db: Db): Promise<{ of(task: OpenLabelTask): number[] }> {
  const byPool = new Map<number, { annotators: number[]; experts: number[] }>();
  let inHouse: number[] = [];
  for (const pool of await listPools(db)) {
    const members = await listMembers(db, pool.id);
    const entry = { annotators: members.filter((m) => m.role === 'annotator').map((m) => m.userId), experts: members.filter((m) => m.role === 'expert').map((m) => m.userId) };
    byPool.set(pool.id, entry);
    if (pool.kind === 'in_house') inHouse = [...entry.annotators, ...entry.experts];
  }
  return {
    of(task) {
      const entry = task.poolId === null ? undefined : byPool.get(task.poolId);
      const list = task.memberRole === 'expert' ? entry?.experts : entry?.annotators;
      return list && list.length > 0 ? list : inHouse;
    },
  };
}

/** A scene as an annotator labels it: with a careless one's slips, or as the guidelines ask (`careful`). */
export function sceneResult(scene: Scene, rnd: Random, careful: boolean): AnnotationResult {
  const objects = scene.objects.filter(() => careful || rnd() > 0.08);
  const jitter = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v + (careful ? 0 : (rnd() - 0.5) * 8))));
  const regions: AnnotationResult['regions'] = objects.map((o) => {
    const x = jitter(o.x, scene.width - 2);
    const y = jitter(o.y, scene.height - 2);
    return { control: 'objects', kind: 'bbox', label: o.label, x, y, width: Math.max(2, Math.min(o.width, scene.width - x)), height: Math.max(2, Math.min(o.height, scene.height - y)) };
  });
  const top = Math.round(scene.height * 0.6);
  regions.push({ control: 'areas', kind: 'polygon', label: 'road', points: [[0, top], [scene.width, top], [scene.width, scene.height], [0, scene.height]] });
  const times = ['day', 'dusk', 'night'] as const;
  const time = careful || rnd() > 0.1 ? scene.timeOfDay : times[(times.indexOf(scene.timeOfDay) + 1) % 3]!;
  return { choices: { time_of_day: [time] }, regions };
}

function newsResult(text: NewsText, rnd: Random, careful: boolean): AnnotationResult {
  const regions: AnnotationResult['regions'] = [];
  for (const e of text.entities) {
    if (!careful && rnd() < 0.06) continue;
    const short = !careful && rnd() < 0.05 && text.text.lastIndexOf(' ', e.end - 1) > e.start;
    const end = short ? text.text.lastIndexOf(' ', e.end - 1) : e.end;
    const label = !careful && rnd() < 0.04 ? (e.label === 'ORG' ? 'LOC' : 'ORG') : e.label;
    regions.push({ control: 'entities', kind: 'span', label, start: e.start, end, text: text.text.slice(e.start, end) });
  }
  const sentiments = ['positive', 'neutral', 'negative'] as const;
  const sentiment = careful || rnd() > 0.12 ? text.sentiment : sentiments[Math.floor(rnd() * 3)]!;
  return { choices: { sentiment: [sentiment] }, regions };
}

async function projectWork(
  db: Db,
  project: Project,
  itemIds: number[],
  truthOf: (index: number, rnd: Random, careful: boolean) => AnnotationResult,
  input: DemoHistoryInput,
  rnd: Random,
): Promise<Work[]> {
  const count = Math.min(itemIds.length, input.items ?? 160);
  const chosen = itemIds.slice(0, count);
  const index = new Map(chosen.map((id, i) => [id, i]));
  const workers = await workersByPool(db);
  const work: Work[] = [];
  const onItem = new Map<number, Set<number>>();
  for (const task of await openLabelTasks(db, project.id, chosen)) {
    const i = index.get(task.itemId)!;
    const taken = onItem.get(task.itemId) ?? new Set<number>();
    const candidates = workers.of(task).filter((w) => !taken.has(w));
    if (candidates.length === 0) continue;
    const workerId = candidates[Math.floor(rnd() * candidates.length)]!;
    taken.add(workerId);
    onItem.set(task.itemId, taken);
    // Older items were done first, spread over three weeks, a few minutes each.
    const at = new Date(input.now.getTime() - SPAN_DAYS * DAY + ((i + rnd()) / count) * (SPAN_DAYS - 1) * DAY);
    const subRnd = seededRandom(task.id * 7919);
    work.push({ task, workerId, result: truthOf(i, subRnd, false), truth: truthOf(i, subRnd, true), at, spentMs: Math.round(20_000 + rnd() * 100_000) });
  }
  return work;
}

async function write(db: Db, project: Project, work: Work[], schema: LabelSchema, input: DemoHistoryInput, rnd: Random, facts: (itemId: number) => Parameters<typeof validateAnnotationResult>[2]): Promise<DemoHistoryReport> {
  for (const w of work) {
    try {
      validateAnnotationResult(w.result, schema, facts(w.task.itemId));
      validateAnnotationResult(w.truth, schema, facts(w.task.itemId));
    } catch (error) {
      throw new DomainError('internal', `the demo history drew an invalid annotation for item ${w.task.itemId}: ${(error as Error).message}`);
    }
  }
  // Each task waited a few hours to two days in its queue before someone took it.
  await completeTasksAs(db, project.id, work.map((w) => {
    const claimedAt = new Date(w.at.getTime() - w.spentMs);
    return { taskId: w.task.id, assigneeId: w.workerId, queuedAt: new Date(claimedAt.getTime() - (2 + ((w.task.id * 37) % 46)) * 3_600_000), claimedAt, completedAt: w.at };
  }));
  // Each piece of work may get a second annotation: a reviewer's correction or the annotator's redo.
  const ids = await allocateAnnotationIds(db, work.length * 2);
  const annotations: ImportedAnnotationRow[] = [];
  const reviews: ImportedReviewRow[] = [];
  const row = (id: number, w: Work, annotatorId: number, result: AnnotationResult, at: Date, supersedesId: number | null, spentMs: number | null): ImportedAnnotationRow => ({
    id, projectId: project.id, itemId: w.task.itemId, taskId: w.task.id, annotatorId, source: 'human', modelName: null, modelVersion: null, confidence: null,
    confidences: null, schemaVersion: 1, guidelinesVersion: 1, result, timeSpentMs: spentMs, supersedesId, createdAt: at,
  });
  const review = (w: Work, annotationId: number, decision: ImportedReviewRow['decision'], at: Date, comment: string | null, corrected: number | null): ImportedReviewRow => ({
    projectId: project.id, itemId: w.task.itemId, annotationId, annotatorId: w.workerId, reviewerId: input.reviewerId, decision, comment, correctedAnnotationId: corrected, createdAt: at,
  });
  const reviewedItems = new Set<number>();
  work.forEach((w, k) => {
    const first = ids[2 * k]!;
    const second = ids[2 * k + 1]!;
    annotations.push(row(first, w, w.workerId, w.result, w.at, null, w.spentMs));
    // One review per item, most items reviewed, a day or two after the work.
    if (reviewedItems.has(w.task.itemId) || rnd() > 0.8) return;
    reviewedItems.add(w.task.itemId);
    const later = new Date(Math.min(input.now.getTime() - 60_000, w.at.getTime() + (0.2 + rnd() * 1.8) * DAY));
    const roll = rnd();
    if (roll < 0.75) {
      reviews.push(review(w, first, 'accept', later, null, null));
    } else if (roll < 0.9) {
      annotations.push(row(second, w, input.reviewerId, w.truth, later, first, null));
      reviews.push(review(w, first, 'correct', later, 'Fixed to match the guidelines.', second));
    } else {
      reviews.push(review(w, first, 'reject', later, 'Please check the guidelines: every object, tight boxes, the whole name.', null));
      const redone = new Date(Math.min(input.now.getTime() - 30_000, later.getTime() + 0.3 * DAY));
      annotations.push(row(second, w, w.workerId, w.truth, redone, first, Math.round(w.spentMs / 2)));
      reviews.push(review(w, second, 'accept', new Date(Math.min(input.now.getTime() - 10_000, redone.getTime() + 0.2 * DAY)), null, null));
    }
  });
  await insertImportedAnnotations(db, annotations);
  await insertImportedReviews(db, reviews);
  return { annotations: annotations.length, reviews: reviews.length };
}

/** Gold answers per annotator, under the QA policy's minimum for a pause (10): nobody starts paused. */
const GOLD_PER_WORKER = 8;

/** A gold image answered as the guidelines ask, or with the time of day mistaken (a failed gold check). */
function goldAnswer(scene: Scene, careful: boolean): AnnotationResult {
  const right = sceneResult(scene, () => 0, true);
  if (careful) return right;
  const times = ['day', 'dusk', 'night'] as const;
  return { ...right, choices: { time_of_day: [times[(times.indexOf(scene.timeOfDay) + 1) % 3]!] } };
}

/** Every so often between their label tasks, an annotator got a gold image they had not labelled. */
async function writeGoldWork(db: Db, input: DemoHistoryInput, work: Work[], rnd: Random): Promise<number> {
  const { project, itemIds, scenes, gold = [] } = input.images;
  const labelled = new Set(work.map((w) => `${w.workerId}:${w.task.itemId}`));
  const answered = new Map<number, number[]>();
  const picks: { w: Work; index: number; careful: boolean }[] = [];
  for (const w of work) {
    if (rnd() > 0.08) continue;
    const mine = answered.get(w.workerId) ?? [];
    const index = gold.find((g) => !mine.includes(g) && !labelled.has(`${w.workerId}:${itemIds[g]}`) && rnd() < 0.3);
    if (index === undefined || mine.length >= GOLD_PER_WORKER) continue;
    answered.set(w.workerId, [...mine, index]);
    picks.push({ w, index, careful: rnd() > 0.2 });
  }
  const at = (p: (typeof picks)[number]) => new Date(Math.min(input.now.getTime() - 120_000, p.w.at.getTime() + 90_000));
  const taskIds = await insertDoneGoldTasks(db, project.id, picks.map((p) => ({
    itemId: itemIds[p.index]!, poolId: p.w.task.poolId, assigneeId: p.w.workerId,
    queuedAt: new Date(at(p).getTime() - 3_600_000), claimedAt: new Date(at(p).getTime() - p.w.spentMs), completedAt: at(p),
  })));
  const ids = await allocateAnnotationIds(db, picks.length);
  await insertImportedAnnotations(db, picks.map((p, k): ImportedAnnotationRow => ({
    id: ids[k]!, projectId: project.id, itemId: itemIds[p.index]!, taskId: taskIds[k]!, annotatorId: p.w.workerId, source: 'human', modelName: null, modelVersion: null,
    confidence: null, confidences: null, schemaVersion: 1, guidelinesVersion: 1, result: goldAnswer(scenes[p.index]!, p.careful),
    timeSpentMs: p.w.spentMs, supersedesId: null, createdAt: at(p),
  })));
  return picks.length;
}

/** Run it in the transaction that creates the demo projects. */
export async function seedDemoHistory(db: Db, input: DemoHistoryInput): Promise<DemoHistoryReport> {
  const rnd = seededRandom(20_240_501);
  const { images, news } = input;
  const imageSchema = (await findSchemaVersion(db, images.project.id, 1))!.schema;
  const newsSchema = (await findSchemaVersion(db, news.project.id, 1))!.schema;
  const imageIndex = new Map(images.itemIds.map((id, i) => [id, i]));
  const newsIndex = new Map(news.itemIds.map((id, i) => [id, i]));

  const imageWork = await projectWork(db, images.project, images.itemIds, (i, r, careful) => sceneResult(images.scenes[i]!, r, careful), input, rnd);
  const a = await write(db, images.project, imageWork, imageSchema, input, rnd, (id) => {
    const s = images.scenes[imageIndex.get(id)!]!;
    return { kind: 'image', width: s.width, height: s.height };
  });
  const newsWork = await projectWork(db, news.project, news.itemIds, (i, r, careful) => newsResult(news.texts[i]!, r, careful), input, rnd);
  const b = await write(db, news.project, newsWork, newsSchema, input, rnd, (id) => ({ kind: 'text', text: news.texts[newsIndex.get(id)!]!.text }));
  const gold = await writeGoldWork(db, input, imageWork, rnd);
  return { annotations: a.annotations + b.annotations + gold, reviews: a.reviews + b.reviews };
}
