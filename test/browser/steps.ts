/** Steps the browser tests share: waiting for the annotate screen, drawing, reading back. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/browser.ts';

const SCREEN = '[data-testid=annotate]';

/** Waits until a task is drawn and ready for input; returns its task id. */
export async function readyTask(page: Page): Promise<string> {
  await page.waitForSelector(`${SCREEN}[data-ready]:not([data-ready=""])`);
  return (await page.getAttribute(SCREEN, 'data-ready'))!;
}

/** Waits until another task than `previous` is drawn and ready. */
export async function nextReady(page: Page, previous: string): Promise<string> {
  await page.waitForFunction(
    ([selector, prev]) => {
      const ready = document.querySelector(selector!)?.getAttribute('data-ready');
      return ready && ready !== prev;
    },
    [SCREEN, previous],
  );
  return (await page.getAttribute(SCREEN, 'data-ready'))!;
}

export async function drag(page: Page, x1: number, y1: number, x2: number, y2: number): Promise<void> {
  await page.mouse.move(x1, y1);
  await page.mouse.down();
  await page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, { steps: 4 });
  await page.mouse.move(x2, y2, { steps: 4 });
  await page.mouse.up();
}

/** The count shown beside a region control of the label palette (0 when none). */
export async function shapeCount(page: Page, control: string): Promise<number> {
  const legend = page.locator('.palette-group legend', { hasText: new RegExp(`^${control}`, 'i') });
  const count = legend.locator('.count');
  return (await count.count()) === 0 ? 0 : Number(await count.innerText());
}

/** Waits (up to 3 s) for the palette to show `expected` shapes of a control; returns what it shows then. */
export async function waitForShapes(page: Page, control: string, expected: number): Promise<number> {
  const until = Date.now() + 3000;
  let seen = await shapeCount(page, control);
  while (seen !== expected && Date.now() < until) {
    await page.waitForTimeout(50);
    seen = await shapeCount(page, control);
  }
  return seen;
}

/**
 * The latest human annotation of an item as the page's user may read it, waiting up to 5 s for it:
 * the screen shows the next task before the submit has answered.
 */
export async function humanAnnotationOf(page: Page, itemId: number): Promise<any> {
  const until = Date.now() + 5000;
  for (;;) {
    const found = (await annotationsOf(page, itemId)).filter((a) => a.source === 'human').at(-1);
    if (found || Date.now() > until) return found;
    await page.waitForTimeout(100);
  }
}

/** The annotations of an item as the signed-in user of the page may read them. */
export async function annotationsOf(page: Page, itemId: number): Promise<any[]> {
  return page.evaluate(async (id) => (await (await fetch(`/api/v1/items/${id}/annotations`)).json()).annotations, itemId);
}

export type ApiCall = (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** API calls from the page, with its cookies. */
export function pageApi(page: Page): ApiCall {
  return (method, url, body) =>
    page.evaluate(
      async ([m, u, b]) => {
        const response = await fetch(u, { method: m, headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : null };
      },
      [method, url, body] as const,
    );
}

/** API calls from the test itself as another person, signed in with a session cookie. */
export async function signedInApi(baseUrl: string, email: string, password: string): Promise<ApiCall> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) throw new Error(`sign-in of ${email} answered ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method, url, body) => {
    const response = await fetch(`${baseUrl}${url}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/**
 * Claims tasks of a project until one of the wanted item (any when null) comes, and submits `result`
 * for it; the tasks of other items on the way are skipped (they go back to the queue for others).
 * Returns the item id, or null when the person's queue ran out before it came.
 */
export async function annotateThroughApi(
  call: ApiCall,
  projectId: number,
  result: (item: { id: number; text: string | null }) => unknown,
  itemId: number | null = null,
): Promise<number | null> {
  for (let i = 0; i < 100; i++) {
    const next = await call('POST', `/api/v1/projects/${projectId}/tasks/next`, {});
    if (next.status === 204) return null;
    if (next.status !== 200) throw new Error(`claiming a task answered ${next.status}: ${JSON.stringify(next.body)}`);
    if (itemId === null || next.body.item.id === itemId) {
      const submitted = await call('POST', `/api/v1/tasks/${next.body.task.id}/annotations`, { result: result(next.body.item), timeSpentMs: 4200 });
      if (submitted.status !== 201) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
      return next.body.item.id;
    }
    await call('POST', `/api/v1/tasks/${next.body.task.id}/skip`, { reason: 'test: looking for another item' });
  }
  throw new Error(`no task of item ${itemId} came in 100 claims`);
}

/** Selects characters `start`–`end` of the annotate screen's text with the mouse, as a person drags. */
export async function selectText(page: Page, start: number, end: number): Promise<void> {
  const rect = await textRect(page, start, end);
  // At a person's pace: the text annotator reads the selection a few milliseconds after it changes.
  await page.mouse.move(rect.x + 1, rect.y);
  await page.mouse.down();
  for (let i = 1; i <= 4; i++) {
    await page.mouse.move(rect.x + 1 + ((rect.w - 2) * i) / 4, rect.y);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
  // and a person's pause before the next key, as long as the annotator takes to settle a selection
  await page.waitForTimeout(300);
}

/** Where characters `start`–`end` of the annotate screen's text are drawn (one line). */
export async function textRect(page: Page, start: number, end: number): Promise<{ x: number; y: number; w: number }> {
  return page.evaluate(
    ([s, e]) => {
      const node = document.querySelector('.text-body')!.firstChild!;
      const range = document.createRange();
      range.setStart(node, s!);
      range.setEnd(node, e!);
      const b = range.getBoundingClientRect();
      return { x: b.x, y: b.y + b.height / 2, w: b.width };
    },
    [start, end],
  );
}

/** The words of a text (letters only, three or more), with their offsets. */
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(/\p{L}{3,}/gu)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The shapes listed in the side panel's Marked tab, as "label text" lines (the tab is opened). */
export async function markedList(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: /^Marked/ }).click();
  return page.locator('.shape-list li .shape-pick').allInnerTexts();
}

/** The opaque pixels of an OpenSeadragon drawing canvas: their bounds in canvas pixels, and the canvas's size and place on screen. */
export interface OpaqueDrawing {
  bounds: { left: number; top: number; right: number; bottom: number } | null;
  canvas: { width: number; height: number };
  rect: { x: number; y: number; width: number; height: number };
}

/** Reads where the viewer under `holder` has drawn anything (the image, whatever it is cut to). */
export async function opaqueDrawing(page: Page, holder: string): Promise<OpaqueDrawing> {
  return page.evaluate((selector) => {
    const canvas = document.querySelector(selector)!.querySelector<HTMLCanvasElement>('.openseadragon-canvas canvas')!;
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let [left, top, right, bottom] = [width, height, -1, -1];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (data[(y * width + x) * 4 + 3]! === 0) continue;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
    const r = canvas.getBoundingClientRect();
    return { bounds: right < 0 ? null : { left, top, right, bottom }, canvas: { width, height }, rect: { x: r.x, y: r.y, width: r.width, height: r.height } };
  }, holder);
}

/**
 * Has the annotator answer an item through the API and a reviewer reject that answer with a
 * comment: the task goes back to the annotator, first in their queue. `held`: the tasks the
 * annotator holds now (their page's), left aside while claiming and then given back, so that their
 * next claim is the task sent back. `take` picks the item (others are skipped).
 */
export async function sendBack(
  annotator: ApiCall,
  reviewer: ApiCall,
  projectId: number,
  options: { held?: number[]; take(item: { id: number; text: string | null }): Promise<boolean> | boolean; answer(item: { id: number; text: string | null }): any; comment: string },
): Promise<{ taskId: number; itemId: number; answer: any }> {
  // Tasks of items not taken are held aside too (a claim lists them), then given back with the
  // rest: skipped, they would be lost to the annotator.
  const held = [...(options.held ?? [])];
  try {
    while (held.length < 10) {
      const next = await annotator('POST', `/api/v1/projects/${projectId}/tasks/next`, { holding: held });
      if (next.status !== 200) throw new Error(`claiming a task answered ${next.status}: ${JSON.stringify(next.body)}`);
      const { task, item } = next.body;
      if (!(await options.take(item))) {
        held.push(task.id);
        continue;
      }
      const answer = options.answer(item);
      const submitted = await annotator('POST', `/api/v1/tasks/${task.id}/annotations`, { result: answer, timeSpentMs: 4200 });
      if (submitted.status !== 201) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
      const rejected = await reviewer('POST', `/api/v1/annotations/${submitted.body.id}/reviews`, { decision: 'reject', comment: options.comment });
      if (rejected.status !== 201) throw new Error(`the rejection answered ${rejected.status}: ${JSON.stringify(rejected.body)}`);
      return { taskId: task.id, itemId: item.id, answer };
    }
    throw new Error(`no item to send back among ${held.length} claimed`);
  } finally {
    for (const id of held) await annotator('POST', `/api/v1/tasks/${id}/release`, {});
  }
}

/** Skips tasks on the annotate screen until the item's is on it (work sent back before it may come first). */
export async function skipUntilItem(page: Page, itemId: number): Promise<void> {
  let task = await readyTask(page);
  for (let i = 0; i < 10; i++) {
    if (Number(await page.getAttribute(SCREEN, 'data-item-id')) === itemId) return;
    await page.keyboard.press('s');
    task = await nextReady(page, task);
  }
  throw new Error(`item ${itemId} did not come in 10 tasks`);
}

/** Waits (up to 5 s) until the annotator holds `count` tasks of the project (a page left gives back the one it took ahead). */
export async function untilHolding(annotator: ApiCall, projectId: number, count: number): Promise<void> {
  const until = Date.now() + 5000;
  for (;;) {
    const queues = (await annotator('GET', '/api/v1/me/queues')).body.queues as { project: { id: number }; myLeased: number }[];
    const held = queues.find((q) => q.project.id === projectId)?.myLeased ?? 0;
    if (held === count) return;
    if (Date.now() > until) throw new Error(`the annotator still holds ${held} tasks of project ${projectId}, not ${count}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A manager's project made through the API, with `files` imported into it (images, texts or one .jsonl); returns its id. */
export async function projectThroughApi(
  baseUrl: string,
  project: { name: string; itemKind: 'image' | 'text'; schema: unknown },
  files: { name: string; content: Blob }[],
): Promise<number> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'manager@demo.local', password: DEMO_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${baseUrl}/api/v1/projects`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(project) });
  if (created.status !== 201) throw new Error(`creating the project answered ${created.status}: ${await created.text()}`);
  const projectId = ((await created.json()) as { id: number }).id;
  const form = new FormData();
  for (const file of files) form.append('files', file.content, file.name);
  const imported = await fetch(`${baseUrl}/api/v1/projects/${projectId}/imports`, { method: 'POST', headers: { cookie }, body: form });
  if (imported.status !== 201) throw new Error(`the import answered ${imported.status}: ${await imported.text()}`);
  return projectId;
}
