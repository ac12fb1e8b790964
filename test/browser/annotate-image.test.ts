/**
 * The annotate screen on the street scenes: new boxes keep their labels and a clicked box takes the
 * next label picked (as spans do); Escape puts the label down so that a drag pans;
 * a required-answer warning goes once answered; an edge case is flagged; the next image preloaded
 * in the viewer makes it say nothing; work a reviewer sent back opens on the annotator's answer,
 * with the reviewer's comment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { drag, markedList, nextReady, readyTask, shapeCount, signedInApi, skipUntilItem, untilHolding, waitForShapes } from './steps.ts';

const SCREEN = '[data-testid=annotate]';
const REGION_LABELS = ['car', 'person', 'bicycle', 'road', 'vegetation'];

/** Skips tasks until one without pre-annotated shapes is on screen, with the next one preloaded. */
async function plainTask(page: Page): Promise<string> {
  let task = await readyTask(page);
  while ((await shapeCount(page, 'Objects')) + (await shapeCount(page, 'Areas')) > 0) {
    await page.keyboard.press('s');
    task = await nextReady(page, task);
  }
  await page.waitForSelector(`${SCREEN}[data-next-ready=true]`);
  return task;
}

async function pressedLabels(page: Page): Promise<string[]> {
  const pressed: string[] = [];
  for (const name of REGION_LABELS) {
    if ((await page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed')) === 'true') pressed.push(name);
  }
  return pressed;
}

describe('annotate screen, images', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  let canvas: { x: number; y: number; width: number; height: number };
  const viewerComplaints: string[] = [];
  before(async () => {
    h = await startBrowserHarness();
    page = await h.newPage();
    page.on('console', (m) => {
      if (/multi-image/.test(m.text())) viewerComplaints.push(m.text());
    });
    await h.signIn(page, 'annotator@demo.local');
    await page.goto(`${h.url}/work/1`);
    await plainTask(page);
    canvas = (await page.locator('.image-canvas').boundingBox())!;
  });
  after(async () => h?.close());

  it('opens a task with the first label picked; each new box keeps its label; a box clicked takes the next one', async () => {
    assert.deepEqual(await pressedLabels(page), ['car']);
    await drag(page, canvas.x + 100, canvas.y + 160, canvas.x + 250, canvas.y + 260);
    assert.equal(await waitForShapes(page, 'Objects', 1), 1);
    await page.waitForTimeout(300); // a person's pause: whatever the canvas selects by itself is selected by now
    await page.keyboard.press('2'); // person
    await drag(page, canvas.x + 420, canvas.y + 160, canvas.x + 540, canvas.y + 300);
    assert.equal(await waitForShapes(page, 'Objects', 2), 2);
    await page.waitForTimeout(300);
    await page.keyboard.press('1'); // car again: the person box stays a person
    assert.deepEqual((await markedList(page)).map((l) => l.split(/\s/)[0]), ['car', 'person']);

    // With no label picked a click selects a box; the label picked then is the box's.
    await page.keyboard.press('Escape');
    await page.mouse.click(canvas.x + 175, canvas.y + 210);
    await page.locator('.shape-list li.selected', { hasText: 'car' }).waitFor();
    await page.keyboard.press('3'); // bicycle
    await page.locator('.shape-list li', { hasText: 'bicycle' }).waitFor();
    assert.deepEqual((await markedList(page)).map((l) => l.split(/\s/)[0]), ['bicycle', 'person']);
    assert.equal(await page.locator('.shape-list li.selected').count(), 0, 'relabelled once, the box is let go');
    assert.deepEqual(await pressedLabels(page), ['bicycle']);
  });

  it('puts the label down with Escape: a drag pans the image and draws nothing', async () => {
    await page.keyboard.press('Escape');
    assert.deepEqual(await pressedLabels(page), []);
    assert.match((await page.locator('.image-canvas').getAttribute('aria-label'))!, /pan and select/);

    const before = await page.locator('.image-canvas').screenshot();
    await drag(page, canvas.x + 600, canvas.y + 450, canvas.x + 480, canvas.y + 330);
    await page.waitForTimeout(400);
    assert.equal(await shapeCount(page, 'Objects'), 2, 'nothing drawn');
    const after = await page.locator('.image-canvas').screenshot();
    assert.ok(!before.equals(after), 'the image moved under the drag');
  });

  it('takes a required-answer warning away once answered, naming the question as the palette does', async () => {
    const checked = page.getByRole('radio', { checked: true });
    if ((await checked.count()) > 0) await checked.click();
    const task = await readyTask(page);
    await page.keyboard.press('Enter');
    const warning = page.getByRole('alert').filter({ hasText: 'is required' });
    await warning.waitFor();
    await page.keyboard.press('7'); // day
    await warning.waitFor({ state: 'detached', timeout: 2000 });

    await page.keyboard.press('7'); // day again: unanswered
    await page.keyboard.press('Enter');
    await warning.waitFor();
    const legend = await page.locator('.palette-group legend', { hasText: /time/i }).innerText();
    assert.match(legend, /^Time Of Day/);
    assert.match(await warning.innerText(), /"Time Of Day" is required/);
    await page.keyboard.press('9'); // night
    await warning.waitFor({ state: 'detached', timeout: 2000 });

    await page.keyboard.press('Enter');
    await nextReady(page, task);
    assert.deepEqual(await pressedLabels(page), ['car'], 'a new task opens with the first label picked again');
  });

  it('flags an edge case with a reason from the F key, says so, and moves on to the next task', async () => {
    const task = await readyTask(page);
    const itemId = Number(await page.locator(SCREEN).getAttribute('data-item-id'));
    const itemName = (await page.locator('.item-name').innerText()).trim();

    await page.getByRole('button', { name: /Flag/ }).click();
    const dialog = page.getByRole('dialog', { name: /Flag/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await readyTask(page), task, 'cancelled: the task stays');

    await page.keyboard.press('f');
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('textbox').getAttribute('placeholder'), 'e.g. a reflection doubles the cars', 'an example of an image');
    await page.keyboard.type('a mirror doubles the cars');
    await page.keyboard.press('Enter');
    await nextReady(page, task);
    await page.getByRole('status').filter({ hasText: `Flagged ${itemName} as an edge case` }).waitFor();

    const manager = await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD);
    const item = await manager('GET', `/api/v1/items/${itemId}`);
    assert.equal(item.body.edgeCase, true, JSON.stringify(item.body));
  });

  it('lists the flag and the image keys in the Keys dialog', async () => {
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const keys = await dialog.innerText();
    assert.match(keys, /F\s+Flag/);
    assert.match(keys, /Mouse wheel/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('draws with the next image preloaded in the viewer without its multi-image warnings', async () => {
    const task = await plainTask(page);
    await drag(page, canvas.x + 200, canvas.y + 200, canvas.x + 320, canvas.y + 300);
    assert.equal(await waitForShapes(page, 'Objects', 1), 1);
    await page.mouse.move(canvas.x + 260, canvas.y + 250, { steps: 5 });
    await page.keyboard.press('8');
    await page.keyboard.press('Enter');
    await nextReady(page, task);
    assert.deepEqual(viewerComplaints.slice(0, 3), [], `${viewerComplaints.length} warnings`);
  });

  it('opens work a reviewer sent back with who sent it back and why, on the annotator’s answer, not the model’s', async () => {
    const ana = await signedInApi(h.url, 'annotator@demo.local', DEMO_PASSWORD);
    const riley = await signedInApi(h.url, 'reviewer@demo.local', DEMO_PASSWORD);
    // From the demo's history: her answer of a scene the detector pre-annotated, waiting for review.
    // She drew the road, the detector draws boxes only.
    const anaId = (await ana('GET', '/api/v1/auth/me')).body.user.id;
    let mine: { id: number; itemId: number; result: any } | undefined;
    for (let round = 0; round < 50 && !mine; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 200));
      const queue = (await riley('GET', '/api/v1/projects/1/review-queue?limit=100')).body.items as { item: { id: number }; annotations: { id: number; annotatorId: number; result: any }[] }[];
      for (const entry of queue) {
        const hers = entry.annotations.find((a) => a.annotatorId === anaId && a.result.regions.some((r: { kind: string }) => r.kind === 'polygon'));
        if (!hers || (await riley('GET', `/api/v1/items/${entry.item.id}/predictions`)).body.predictions.length === 0) continue;
        // The reviewer sends it back (an answer of the item reviewed already is refused: the next one).
        const rejected = await riley('POST', `/api/v1/annotations/${hers.id}/reviews`, { decision: 'reject', comment: 'The pavement is not road: draw the road only' });
        if (rejected.status === 409) continue;
        assert.equal(rejected.status, 201, JSON.stringify(rejected.body));
        mine = { id: hers.id, itemId: entry.item.id, result: hers.result };
        break;
      }
    }
    assert.ok(mine, 'an answer of hers to a pre-annotated scene waits for review');

    // Left, the screen gives back the task it took ahead; the one on it is given back here.
    const current = Number(await page.locator(SCREEN).getAttribute('data-task-id'));
    await page.goto(`${h.url}/work`);
    await untilHolding(ana, 1, 1);
    await ana('POST', `/api/v1/tasks/${current}/release`, {});
    await page.goto(`${h.url}/work/1`);
    await skipUntilItem(page, mine.itemId);

    assert.match(await page.getByTestId('sent-back').innerText(), /^Sent back by Riley Reviewer: The pavement is not road: draw the road only/);
    const count = (kind: string) => mine!.result.regions.filter((r: { kind: string }) => r.kind === kind).length;
    assert.equal(await shapeCount(page, 'Areas'), count('polygon'), 'her road');
    assert.equal(await shapeCount(page, 'Objects'), count('bbox'), 'her boxes, not the detector’s');
    const [timeOfDay] = mine.result.choices.time_of_day ?? [];
    if (timeOfDay) assert.equal(await page.getByRole('radio', { name: timeOfDay }).getAttribute('aria-checked'), 'true', 'her answer to the question');
    assert.equal(await page.getByText(/Pre-annotated by/).count(), 0);
  });
});
