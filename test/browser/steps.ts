/** Steps the browser tests share: waiting for the annotate screen, drawing, reading back. */
import type { Page } from 'playwright-core';

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
