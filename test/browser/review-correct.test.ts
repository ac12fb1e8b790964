/**
 * The correction editor of the review screen labels as the annotate screen does: each box or span
 * made keeps the label it was made with when the next label is picked; one clicked takes the next
 * label, once; Escape lets go of what is selected, then puts the label down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { type ApiCall, drag, opaqueDrawing, selectText, signedInApi, textRect, waitForShapes, wordsOf } from './steps.ts';

type Region = { kind: string; label: string; x?: number; y?: number; width?: number; height?: number; points?: [number, number][]; start?: number; end?: number };
type Rect = { x: number; y: number; width: number; height: number };

interface QueueEntry {
  item: { id: number; externalId: string | null; width: number; height: number; text: string | null };
  annotations: { id: number; result: { choices: Record<string, string[]>; regions: Region[] } }[];
}

const REGION_LABELS = ['car', 'person', 'bicycle', 'road', 'vegetation', 'PER', 'ORG', 'LOC'];

describe('review screen, correcting an annotation', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let reviewer: ApiCall;
  let page: Page;

  /**
   * Opens the correction editor on the first annotation of an item of the project waiting for review
   * whose annotations answer the required question `answered` (so it can be saved as corrected here)
   * and that `fits`.
   */
  async function correcting(projectId: number, answered: string, fits: (e: QueueEntry) => boolean = () => true): Promise<QueueEntry> {
    // Items wait for review once the workflow engine has settled them (within a second or so).
    let found: QueueEntry | undefined;
    for (let round = 0; round < 100 && !found; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 200));
      const queue = (await reviewer('GET', `/api/v1/projects/${projectId}/review-queue?limit=100`)).body.items as QueueEntry[];
      found = queue.find((e) => e.annotations.length > 0 && e.annotations.every((a) => a.result.choices[answered]?.length) && fits(e));
    }
    assert.ok(found, `an item of project ${projectId} waits for review`);
    await page.goto(`${h.url}/review/${projectId}`);
    await page.getByRole('navigation', { name: 'Items waiting for review' }).getByRole('button', { name: new RegExp(`^${found.item.externalId}`) }).click();
    await page.getByRole('region', { name: `Review of ${found.item.externalId}` }).waitFor();
    await page.keyboard.press('c');
    await page.getByRole('button', { name: 'Save the correction' }).waitFor();
    return found;
  }

  /** Saves the correction; returns the regions sent. */
  async function save(): Promise<Region[]> {
    const saved = page.waitForResponse((r) => /\/api\/v1\/annotations\/\d+\/reviews$/.test(r.url()) && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the correction' }).click();
    const response = await saved;
    assert.ok(response.ok(), `the correction was saved: ${response.status()} ${await response.text()}`);
    const body = response.request().postDataJSON() as { decision: string; result: { regions: Region[] } };
    assert.equal(body.decision, 'correct');
    return body.result.regions;
  }

  before(async () => {
    h = await startBrowserHarness();
    reviewer = await signedInApi(h.url, 'reviewer@demo.local', DEMO_PASSWORD);
    page = await h.newPage();
    await h.signIn(page, 'reviewer@demo.local');
  });
  after(async () => h?.close());

  it('keeps the label of each box drawn; a box clicked takes the next label once; Escape puts the label down', async () => {
    const entry = await correcting(1, 'time_of_day');
    const image = await drawnImage(page, entry.item.width / entry.item.height);
    const [first, second] = freeSpots(entry, 2);
    assert.ok(first && second, 'room on the image for two boxes');
    const toScreen = (r: Rect) => {
      const s = image.width / entry.item.width;
      return { x1: image.x + r.x * s, y1: image.y + r.y * s, x2: image.x + (r.x + r.width) * s, y2: image.y + (r.y + r.height) * s };
    };
    const before = await shapeCount(page, 'Objects');

    assert.deepEqual(await pressedLabels(page), ['car'], 'the editor opens with the first label picked');
    const a = toScreen(first);
    await drag(page, a.x1, a.y1, a.x2, a.y2);
    assert.equal(await waitForShapes(page, 'Objects', before + 1), before + 1);
    await page.waitForTimeout(300); // a person's pause: whatever the canvas selects by itself is selected by now
    await page.keyboard.press('2'); // person: the car just drawn stays a car
    const b = toScreen(second);
    await drag(page, b.x1, b.y1, b.x2, b.y2);
    assert.equal(await waitForShapes(page, 'Objects', before + 2), before + 2);
    await page.waitForTimeout(300);
    await page.keyboard.press('1'); // car again: the person stays a person
    assert.equal(await page.getByRole('button', { name: 'Delete', exact: true }).isDisabled(), true, 'no box drawn is kept selected');

    // Nothing selected, one Escape puts the label down; a box clicked then takes the next label, once.
    await page.keyboard.press('Escape');
    assert.deepEqual(await pressedLabels(page), []);
    await page.mouse.click((b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2);
    await page.locator('.correction .label-button.of-selected', { hasText: 'person' }).waitFor();
    await page.keyboard.press('3'); // bicycle
    await page.locator('.correction .label-button.of-selected').waitFor({ state: 'detached' });
    assert.deepEqual(await pressedLabels(page), ['bicycle']);

    // The image annotator lets go of a box once a label is picked (drawing starts): Escape has only the
    // label to put down, and a drag then pans. (A span stays selected: see the texts below.)
    await page.keyboard.press('Escape');
    assert.deepEqual(await pressedLabels(page), []);
    await drag(page, a.x1, b.y2 + 20, a.x2, b.y2 + 80);
    await page.waitForTimeout(300);
    assert.equal(await shapeCount(page, 'Objects'), before + 2, 'no label picked: a drag draws nothing');

    const regions = await save();
    const labelAt = (spot: Rect) => regions.filter((r) => r.kind === 'bbox' && inside(centre(r as Rect), spot)).map((r) => r.label);
    assert.deepEqual([labelAt(first), labelAt(second)], [['car'], ['bicycle']]);
  });

  it('keeps the label of each span made; a span clicked with a label in hand: Escape lets go, then puts the label down', async () => {
    const entry = await correcting(2, 'sentiment', (e) => freeWords(e).length >= 3);
    await page.locator('.correction .text-body').waitFor();
    const [a, b, c] = freeWords(entry);
    assert.ok(a && b && c);
    const before = await shapeCount(page, 'Entities');

    await page.keyboard.press('1'); // PER
    await selectText(page, a.start, a.end);
    assert.equal(await waitForShapes(page, 'Entities', before + 1), before + 1);
    await page.keyboard.press('2'); // ORG: the person just marked stays a person
    await selectText(page, b.start, b.end);
    assert.equal(await waitForShapes(page, 'Entities', before + 2), before + 2);
    await page.keyboard.press('3'); // LOC: the organisation stays one

    const at = await textRect(page, a.start, a.end);
    await page.mouse.click(at.x + at.w / 2, at.y);
    await page.locator('.correction .label-button.of-selected', { hasText: 'PER' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.correction .label-button.of-selected').waitFor({ state: 'detached' });
    assert.deepEqual(await pressedLabels(page), ['LOC'], 'the first Escape only deselects');
    await page.keyboard.press('Escape');
    assert.deepEqual(await pressedLabels(page), [], 'the second Escape puts the label down');
    await selectText(page, c.start, c.end);
    assert.equal(await shapeCount(page, 'Entities'), before + 2, 'no label picked: a selection marks nothing');

    const regions = await save();
    const labelOf = (w: { start: number; end: number }) => regions.filter((r) => r.kind === 'span' && r.start === w.start && r.end === w.end).map((r) => r.label);
    assert.deepEqual([labelOf(a), labelOf(b), labelOf(c)], [['PER'], ['ORG'], []]);
  });
});

/** The region labels picked in the editor's palette. */
async function pressedLabels(page: Page): Promise<string[]> {
  const pressed = await page.locator('.correction .label-button[aria-pressed=true] .label-name').allInnerTexts();
  return pressed.filter((l) => REGION_LABELS.includes(l));
}

/** The words of the entry's text that no annotation of it marks, nor touches. */
function freeWords(entry: QueueEntry) {
  const taken = entry.annotations.flatMap((a) => a.result.regions);
  return wordsOf(entry.item.text ?? '').filter((w) => !taken.some((r) => r.start! <= w.end && w.start <= r.end!));
}

async function shapeCount(page: Page, control: string): Promise<number> {
  const count = page.locator('.correction .palette-group legend', { hasText: new RegExp(`^${control}`) }).locator('.count');
  return (await count.count()) === 0 ? 0 : Number(await count.innerText());
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const inside = (p: { x: number; y: number }, r: Rect) => p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function boundsOf(r: Region): Rect {
  if (r.points) {
    const xs = r.points.map((p) => p[0]);
    const ys = r.points.map((p) => p[1]);
    return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  }
  return { x: r.x!, y: r.y!, width: r.width!, height: r.height! };
}

/**
 * `n` boxes of the image (in its pixels) apart from each other and from every region of the entry's
 * annotations, with a margin: a drag there draws, and a click there finds the box drawn.
 */
function freeSpots(entry: QueueEntry, n: number): Rect[] {
  const { width, height } = entry.item;
  const taken = entry.annotations.flatMap((a) => a.result.regions.map(boundsOf));
  const size = { width: width * 0.12, height: height * 0.12 };
  const margin = width * 0.02;
  const spots: Rect[] = [];
  for (let y = height * 0.05; y + size.height < height * 0.95 && spots.length < n; y += height * 0.05) {
    for (let x = width * 0.05; x + size.width < width * 0.95 && spots.length < n; x += width * 0.05) {
      const grown = { x: x - margin, y: y - margin, width: size.width + 2 * margin, height: size.height + 2 * margin };
      if (![...taken, ...spots].some((t) => overlaps(grown, t))) spots.push({ x, y, ...size });
    }
  }
  return spots;
}

/** Where the editor draws the image on screen (its opaque pixels), waiting up to 5 s for it whole. */
async function drawnImage(page: Page, aspect: number): Promise<Rect> {
  await page.locator('.correction .openseadragon-canvas canvas').first().waitFor();
  const deadline = Date.now() + 5000;
  for (;;) {
    const { bounds: b, canvas, rect } = await opaqueDrawing(page, '.correction');
    const scale = rect.width / canvas.width;
    const drawn = b ? { x: rect.x + b.left * scale, y: rect.y + b.top * scale, width: (b.right - b.left + 1) * scale, height: (b.bottom - b.top + 1) * scale } : { x: rect.x, y: rect.y, width: 0, height: 0 };
    if ((drawn.width > 0 && Math.abs(drawn.width / drawn.height - aspect) / aspect < 0.02) || Date.now() > deadline) return drawn;
    await page.waitForTimeout(100);
  }
}
