/**
 * A reviewer of the street scenes: the chips of an annotation name its controls as the label palette
 * does; the image stays whole in view while a rejection is written below it; the comment holds what
 * the server takes, and a refusal is said beside it in plain words (without squeezing the correction
 * editor's palette), then forgotten once the reviewer turns to another annotation or to correcting.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { opaqueDrawing, signedInApi } from './steps.ts';

interface QueueEntry {
  item: { id: number; externalId: string | null; width: number; height: number };
  annotations: { id: number; result: { choices: Record<string, string[]> } }[];
}

describe('review screen of images', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  let entry: QueueEntry;
  const cards = () => page.getByTestId('annotation-card');

  before(async () => {
    h = await startBrowserHarness();
    // The demo's history leaves street scenes waiting for review, some labelled by two people; they
    // enter the queue once the workflow engine has settled them (within a second or so).
    const reviewer = await signedInApi(h.url, 'reviewer@demo.local', DEMO_PASSWORD);
    let found: QueueEntry | undefined;
    for (let round = 0; round < 100 && !found; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 200));
      const queue = (await reviewer('GET', '/api/v1/projects/1/review-queue?limit=100')).body.items as QueueEntry[];
      found = queue.find((e) => e.annotations.length >= 2 && e.annotations.every((a) => a.result.choices.time_of_day?.length));
    }
    assert.ok(found, 'a street scene labelled by two people waits for review');
    entry = found;
    page = await h.newPage();
    await h.signIn(page, 'reviewer@demo.local');
    await page.goto(`${h.url}/review/1`);
    await page.getByRole('navigation', { name: 'Items waiting for review' }).getByRole('button', { name: new RegExp(`^${entry.item.externalId}`) }).click();
    await page.getByRole('region', { name: `Review of ${entry.item.externalId}` }).waitFor();
  });
  after(async () => h?.close());

  it('names the controls on the chips as the label palette does', async () => {
    const chips = (await cards().first().locator('.chip').allInnerTexts()).map((t) => t.trim());
    const choice = chips.find((t) => t.endsWith(`: ${entry.annotations[0]!.result.choices.time_of_day![0]}`));
    assert.ok(choice, `a chip for the time of day among ${chips.join(' | ')}`);
    assert.ok(chips.every((t) => !t.includes('_')), `no internal name among ${chips.join(' | ')}`);
    // The palette is the correction editor's: its legend is the title people know the control by.
    await page.keyboard.press('c');
    const legend = page.locator('.palette-group legend', { hasText: /time/i });
    const title = (await legend.innerText()).replace(/\s*\*$/, '').trim();
    assert.equal(title, 'Time Of Day');
    assert.equal(choice.split(':')[0], title);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await cards().first().waitFor();
  });

  it('keeps the whole image in view while a rejection is written below it', async () => {
    const aspect = entry.item.width / entry.item.height;
    const before = await drawnImage(page, aspect);
    assert.ok(before.whole, `the image is whole in view at first: ${JSON.stringify(before)}`);
    await page.keyboard.press('1');
    await page.keyboard.press('r');
    await cards().first().getByRole('textbox').waitFor();
    const during = await drawnImage(page, aspect);
    assert.ok(during.box.height < before.box.height, `the form takes room from the canvas: ${before.box.height} → ${during.box.height}`);
    assert.ok(during.whole, `the image is still whole in view: ${JSON.stringify(during)}`);
    await cards().first().getByRole('button', { name: 'Cancel' }).click();
    assert.ok((await drawnImage(page, aspect)).whole, 'and once the form is closed');

    // Zoomed in, the reviewer keeps the part they chose.
    const canvas = (await page.locator('.review-item > .review-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(800);
    assert.equal((await drawnImage(page, aspect, false)).whole, false, 'the wheel zoomed in');
    await page.locator('.review-item .task-title').click();
    await page.keyboard.press('r');
    await cards().first().getByRole('textbox').waitFor();
    await page.waitForTimeout(800);
    const zoomed = await drawnImage(page, aspect, false);
    assert.ok(zoomed.box.height < canvas.height, 'the form took room from the canvas');
    assert.equal(zoomed.whole, false, `the zoom is kept: ${JSON.stringify(zoomed)}`);
    await cards().first().getByRole('button', { name: 'Cancel' }).click();
  });

  it('keeps the comment within the server limit and says why a review was refused beside it', async () => {
    const card = cards().first();
    await card.getByRole('button', { name: 'Reject…' }).click();
    const box = card.getByRole('textbox');
    assert.equal(await box.getAttribute('maxlength'), '5000');
    await box.fill('x'.repeat(5200));
    assert.equal((await box.inputValue()).length, 5000, 'a paste past the limit is cut to it');
    assert.match(await card.innerText(), /5,000 of 5,000 characters, the limit/);
    await box.fill('Too short to count.');
    assert.doesNotMatch(await card.innerText(), /of 5,000 characters/);

    // What the server says to a comment past the limit, asked for without the field's limit.
    await refusedForLength(card);
    const problem = card.getByRole('alert');
    assert.match(await problem.innerText(), /This comment is too long: a comment holds at most 5,000 characters/);
    assert.doesNotMatch(await problem.innerText(), /body comment|<=|expected string/);
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.ok((await box.getAttribute('aria-describedby'))!.includes((await problem.getAttribute('id'))!), 'the field points at the problem');
    assert.equal(await page.locator('.review-item > [role=alert]').count(), 0, 'no banner away from the field');

    // Correcting instead: the editor opens clean.
    await page.locator('.review-item .task-title').click();
    await page.keyboard.press('c');
    await page.getByRole('button', { name: 'Save the correction' }).waitFor();
    assert.equal(await page.locator('.correction [role=alert]').count(), 0, 'no stale refusal in the correction editor');
    // Its own refusal goes beside its comment, and leaves the label palette its height.
    const note = page.locator('.correction textarea');
    await note.evaluate((el) => el.removeAttribute('maxlength'));
    await note.fill('y'.repeat(5001));
    await page.getByRole('button', { name: 'Save the correction' }).click();
    await page.locator('.correction-footer [role=alert]', { hasText: 'This comment is too long' }).waitFor();
    assert.equal(await note.getAttribute('aria-invalid'), 'true');
    const editor = (await page.locator('.correction .label-editor').boundingBox())!;
    const lastLabel = (await page.locator('.correction .palette .label-button').last().boundingBox())!;
    assert.ok(lastLabel.y + lastLabel.height <= editor.y + editor.height, `the palette is whole: its last label ends at ${lastLabel.y + lastLabel.height}, the editor at ${editor.y + editor.height}`);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    assert.equal(await page.getByRole('alert').count(), 0, 'nor on the cards once back');

    // Another annotation: the refusal of the first one goes.
    await cards().first().getByRole('button', { name: 'Reject…' }).click();
    await refusedForLength(cards().first());
    await page.locator('.review-item .task-title').click();
    await page.keyboard.press('2');
    await page.getByRole('alert').waitFor({ state: 'detached' });
  });
});

/** Sends a comment one character past the server's limit, the field's own limit taken off. */
async function refusedForLength(card: Locator): Promise<void> {
  const box = card.getByRole('textbox');
  await box.evaluate((el) => el.removeAttribute('maxlength'));
  await box.fill('y'.repeat(5001));
  await card.getByRole('button', { name: 'Reject with this comment' }).click();
  await card.getByRole('alert').waitFor();
}

interface Drawn {
  box: { width: number; height: number };
  /** The drawn image's width over its height, on screen. */
  aspect: number;
  /** The drawing has the box's size and the image's shape: nothing of the image is cut off. */
  whole: boolean;
}

/**
 * Where the overlay canvas draws the image: the opaque pixels of OpenSeadragon's drawing canvas.
 * Waits (up to 5 s, unless told not to) for the image to be drawn whole, then says how it is drawn.
 */
async function drawnImage(page: Page, aspect: number, wait = true): Promise<Drawn> {
  const holder = '.review-item > .review-canvas';
  await page.locator(`${holder} .openseadragon-canvas canvas`).first().waitFor();
  const deadline = wait ? Date.now() + 5000 : 0;
  for (;;) {
    const { bounds, canvas } = await opaqueDrawing(page, holder);
    const box = await page.locator(holder).evaluate((e) => ({ width: e.getBoundingClientRect().width, height: e.getBoundingClientRect().height, ratio: devicePixelRatio }));
    const w = bounds ? bounds.right - bounds.left + 1 : 0;
    const h = bounds ? bounds.bottom - bounds.top + 1 : 1;
    // The viewer has followed the box (it does so a frame later), and the drawing has the image's
    // shape: cut by the box, it would span the box from edge to edge, too wide (or tall).
    const followed = Math.abs(canvas.height - box.height * box.ratio) < 2 && Math.abs(canvas.width - box.width * box.ratio) < 2;
    const shaped = bounds !== null && Math.abs(w / h - aspect) / aspect < 0.02;
    const drawn = { box: { width: box.width, height: box.height }, aspect: w / h, whole: followed && shaped };
    if (drawn.whole || Date.now() > deadline) return drawn;
    await page.waitForTimeout(100);
  }
}
