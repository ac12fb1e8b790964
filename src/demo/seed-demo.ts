/**
 * The demo data: users of every role, an image project of street scenes with model pre-annotations
 * on half of them, and a text project of news sentences for entities and sentiment. Seeding is
 * idempotent: an existing demo folder is reopened as it is, only the passwords are set again so
 * that the ones printed at start are true.
 */
import type { LabelSchema } from '../core/label-schema.ts';
import type { Project } from '../core/projects.ts';
import type { Role } from '../core/users.ts';
import type { FileStore } from '../media/file-store.ts';
import { createProject } from '../services/create-project.ts';
import { addUser } from '../services/manage-users.ts';
import { hashPassword } from '../services/passwords.ts';
import { insertAnnotation } from '../store/annotations.ts';
import type { Store } from '../store/database.ts';
import { insertItemsWithTasks, type NewItemRecord } from '../store/items.ts';
import { findProjectByName } from '../store/projects.ts';
import { findCredentials, updateUser } from '../store/users.ts';
import type { Db } from '../store/database.ts';
import type { Sensitivity } from '../core/workforce.ts';
import { loadTaskPlanner } from '../services/routing/task-planner.ts';
import { applyDemoPolicy, ensureDemoWorkforce, NEWS_POLICY, SCENES_POLICY } from './workforce.ts';
import { seedDemoGold } from './gold.ts';
import { seedDemoHistory } from './history.ts';
import { writeNewsText } from './news-texts.ts';
import { drawScene } from './street-scenes.ts';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.local', name: 'Alex Admin', role: 'admin' },
  { email: 'manager@demo.local', name: 'Morgan Manager', role: 'manager' },
  { email: 'reviewer@demo.local', name: 'Riley Reviewer', role: 'reviewer' },
  { email: 'annotator@demo.local', name: 'Ana Annotator', role: 'annotator' },
];

const SCENES = 'Street scenes';
const NEWS = 'News entities';

const sceneSchema: LabelSchema = {
  controls: [
    {
      name: 'objects',
      kind: 'bbox',
      labels: [
        { name: 'car', color: '#e6194b', hotkey: '1' },
        { name: 'person', color: '#3cb44b', hotkey: '2' },
        { name: 'bicycle', color: '#ffe119', hotkey: '3' },
      ],
    },
    { name: 'areas', kind: 'polygon', labels: [{ name: 'road', color: '#4363d8', hotkey: '4' }, { name: 'vegetation', color: '#2e7d32', hotkey: '5' }] },
    {
      name: 'time_of_day',
      kind: 'single_choice',
      required: true,
      labels: [
        { name: 'day', color: '#f58231', hotkey: '7' },
        { name: 'dusk', color: '#911eb4', hotkey: '8' },
        { name: 'night', color: '#000075', hotkey: '9' },
      ],
    },
  ],
};

const newsSchema: LabelSchema = {
  controls: [
    {
      name: 'entities',
      kind: 'span',
      labels: [
        { name: 'PER', color: '#e6194b', hotkey: '1' },
        { name: 'ORG', color: '#4363d8', hotkey: '2' },
        { name: 'LOC', color: '#3cb44b', hotkey: '3' },
        { name: 'DATE', color: '#f58231', hotkey: '4' },
      ],
    },
    {
      name: 'sentiment',
      kind: 'single_choice',
      labels: [
        { name: 'positive', color: '#2e7d32', hotkey: '7' },
        { name: 'neutral', color: '#9e9e9e', hotkey: '8' },
        { name: 'negative', color: '#c62828', hotkey: '9' },
      ],
    },
  ],
};

const SCENE_GUIDELINES = `# Street scenes

Draw a **box** around every car, person and bicycle that is at least half visible.

- Boxes are tight: the edges touch the object.
- A person on a bicycle gets two boxes: *person* and *bicycle*.
- Parked and moving cars are both *car*.

Outline the **road** with a polygon. Pick the **time of day** from the sky.

| key | label |
|---|---|
| 1 | car |
| 2 | person |
| 3 | bicycle |
| 4 | road |
`;

const NEWS_GUIDELINES = `# News entities

Select each **person** (PER), **organisation** (ORG), **place** (LOC) and **date** (DATE).

- Select the whole name, without the article: *the City Council* → **City Council**.
- Titles are not part of a name.

Then choose the **sentiment** of the sentence for the people and organisations named in it.
`;

const SENSITIVITY_CYCLE: Sensitivity[] = ['internal', 'public', 'internal', 'confidential', 'internal', 'public', 'internal', 'internal', 'restricted', 'internal'];
const REGION_CYCLE: (string | null)[] = [null, 'eu', 'eu', 'us', 'in', null, 'eu'];

async function routedSlots(tx: Db, project: Project, records: NewItemRecord[]) {
  const planner = await loadTaskPlanner(tx, project);
  return records.map((r, i) => planner.slots({ ...r, confidence: r.modelConfidence ?? null, position: i }, i));
}

export interface DemoReport {
  created: boolean;
  projects: Project[];
}

export async function ensureDemoUsers(store: Store, password: string): Promise<void> {
  for (const u of DEMO_USERS) {
    const found = await findCredentials(store.db, u.email);
    if (found) await updateUser(store.db, found.user.id, { passwordHash: await hashPassword(password), disabled: false });
    else await addUser(store.db, { ...u, password });
  }
}

export async function seedDemo(store: Store, files: FileStore, options: { password: string; images?: number; texts?: number }): Promise<DemoReport> {
  await ensureDemoUsers(store, options.password);
  const existing = await findProjectByName(store.db, SCENES);
  if (existing) await store.transaction((tx) => ensureDemoWorkforce(tx, options.password));
  if (existing) return { created: false, projects: [existing, (await findProjectByName(store.db, NEWS))!].filter(Boolean) };

  const admin = (await findCredentials(store.db, 'manager@demo.local'))!.user;
  const imageCount = options.images ?? 300;
  const textCount = options.texts ?? 300;

  const scenes = await Promise.all(Array.from({ length: imageCount }, (_, i) => drawScene(i)));
  const stored = await Promise.all(scenes.map((s, i) => files.saveBytes(s.png, `scene-${i}.png`)));
  // The detector's confidence on the images it pre-annotated (every other one).
  const confidence = (i: number): number | null => (i % 2 === 0 ? 0.55 + ((i * 37) % 40) / 100 : null);

  return store.transaction(async (tx) => {
    await ensureDemoWorkforce(tx, options.password);
    const images = await createProject(tx, {
      name: SCENES,
      description: 'Cars, people and bicycles in drawn street scenes. Half of the images carry pre-annotations from a detector.',
      itemKind: 'image',
      overlap: 1,
      schema: sceneSchema,
      guidelines: SCENE_GUIDELINES,
      createdBy: admin.id,
    });
    await applyDemoPolicy(tx, images, SCENES_POLICY);
    const imageRecords = scenes.map((s, i): NewItemRecord => ({
        externalId: `scene-${String(i).padStart(4, '0')}`,
        kind: 'image',
        contentUri: `file:${stored[i]!.path}`,
        text: null,
        mimeType: 'image/png',
        width: s.width,
        height: s.height,
        metadata: { camera: `cam-${i % 7}`, drawn: true },
        // Most scenes are internal; some public, some confidential (faces) and a few restricted.
        sensitivity: SENSITIVITY_CYCLE[i % SENSITIVITY_CYCLE.length]!,
        region: REGION_CYCLE[i % REGION_CYCLE.length]!,
        language: null,
        tags: [s.timeOfDay],
        edgeCase: i % 25 === 7,
        modelConfidence: confidence(i),
      }));
    const imageIds = await insertItemsWithTasks(tx, images.id, imageRecords, await routedSlots(tx, images, imageRecords));
    // A detector's guesses on every other image: slightly off boxes, one object missed at times.
    for (let i = 0; i < imageIds.length; i += 2) {
      const scene = scenes[i]!;
      const regions = scene.objects.slice(0, Math.max(1, scene.objects.length - (i % 6 === 0 ? 1 : 0))).map((o, j) => ({
        control: 'objects',
        kind: 'bbox' as const,
        label: o.label,
        x: Math.max(0, o.x - 4 + ((i + j) % 9)),
        y: Math.max(0, o.y - 3 + ((i * 3 + j) % 7)),
        width: Math.min(o.width, scene.width - o.x),
        height: Math.min(o.height, scene.height - o.y),
      }));
      await insertAnnotation(tx, {
        projectId: images.id,
        itemId: imageIds[i]!,
        taskId: null,
        annotatorId: null,
        source: 'model',
        modelName: 'demo-detector',
        modelVersion: '1.0',
        confidence: confidence(i),
        schemaVersion: 1,
        guidelinesVersion: 1,
        result: { choices: { time_of_day: [scene.timeOfDay] }, regions },
        timeSpentMs: null,
        supersedesId: null,
      });
    }

    const news = await createProject(tx, {
      name: NEWS,
      description: 'People, organisations and places in short news sentences, and their sentiment. Two annotators per sentence.',
      itemKind: 'text',
      overlap: 2,
      schema: newsSchema,
      guidelines: NEWS_GUIDELINES,
      createdBy: admin.id,
    });
    await applyDemoPolicy(tx, news, NEWS_POLICY);
    const texts = Array.from({ length: textCount }, (_, i) => writeNewsText(i));
    const newsRecords = texts.map((t, i): NewItemRecord => {
        return {
          externalId: `news-${String(i).padStart(4, '0')}`,
          kind: 'text',
          contentUri: null,
          text: t.text,
          mimeType: 'text/plain',
          width: null,
          height: null,
          metadata: { source: 'demo wire' },
          sensitivity: SENSITIVITY_CYCLE[(i * 7) % SENSITIVITY_CYCLE.length]!,
          region: REGION_CYCLE[(i * 3) % REGION_CYCLE.length]!,
          language: 'en',
          tags: [],
          edgeCase: false,
        };
      });
    const newsIds = await insertItemsWithTasks(tx, news.id, newsRecords, await routedSlots(tx, news, newsRecords));
    // Three weeks of finished, reviewed work, so that exports and dashboards have content at once.
    const reviewer = (await findCredentials(tx, 'reviewer@demo.local'))!.user;
    const gold = await seedDemoGold(tx, images, imageIds, scenes);
    await seedDemoHistory(tx, { images: { project: images, itemIds: imageIds, scenes, gold }, news: { project: news, itemIds: newsIds, texts }, reviewerId: reviewer.id, now: new Date() });
    return { created: true, projects: [images, news] };
  });
}
