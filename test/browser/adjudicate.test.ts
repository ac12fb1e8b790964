/**
 * The adjudication screen of the demo's expert: every item the index counts can be opened; Enter
 * on a fresh item submits nothing (a final label must give an answer, and the API refuses an empty
 * one too), and after "Start from…" submits the answer as changed since; '?' lists the keys; the
 * spans of the answer started from are drawn in the final label, to select and delete.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { type ApiCall, signedInApi, waitForShapes } from './steps.ts';

describe('adjudication screen', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let expertApi: ApiCall;
  let page: Page;

  before(async () => {
    h = await startBrowserHarness();
    expertApi = await signedInApi(h.url, 'expert@demo.local', DEMO_PASSWORD);
    page = await h.newPage();
    await h.signIn(page, 'expert@demo.local');
  });
  after(async () => h?.close());

  it('lets the expert open every item the index counts for them', async () => {
    // The workflow engine settles the demo's history within a few seconds of the start.
    // Counted once the figure holds still for a second: the engine settles the history in batches.
    let waiting = 0;
    for (let round = 0, stable = 0; round < 100 && (waiting === 0 || stable < 5); round++) {
      const now = (await expertApi('GET', '/api/v1/projects/2/adjudication-queue/count?limit=100')).body.waiting;
      stable = now === waiting ? stable + 1 : 0;
      waiting = now;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(waiting > 0, 'the demo leaves news items with the experts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adjudicate' }).click();
    const card = page.getByTestId('adjudicate-project').filter({ hasText: 'News entities' });
    await card.getByText(`${waiting} item${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''} for adjudication.`).waitFor();
    // Take them at once (a claim names the tasks held that it does not want back), then give them
    // back. A claim names at most 10, so beyond 11 items the next claim resumes the first one held:
    // each of the first 11 is checked to be a new item, and no more than are counted.
    const reachable = Math.min(waiting, 11);
    const held: number[] = [];
    for (let i = 0; i < reachable + 1; i++) {
      const next = await expertApi('POST', '/api/v1/projects/2/tasks/next', { stage: 'adjudicate', holding: held.slice(-10) });
      if (next.status !== 200 || held.includes(next.body.task.id)) break;
      held.push(next.body.task.id);
    }
    for (const id of held) await expertApi('POST', `/api/v1/tasks/${id}/release`);
    assert.equal(held.length, reachable, 'each item counted is one the expert can open, and no more');
  });

  it('keeps Enter from submitting an empty final label, and the API refuses one', async () => {
    await page.goto(`${h.url}/adjudicate/2`);
    const screen = page.getByTestId('adjudicate');
    await screen.waitFor();
    const itemId = Number(await screen.getAttribute('data-item-id'));
    await page.getByTestId('answer-card').first().waitFor();
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'Not submitted yet' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /a final label cannot be empty: choose a label or draw a region/);
    await page.waitForTimeout(300);
    assert.equal(await page.getByText(/The final label of .* is in/).count(), 0, 'nothing was submitted');
    assert.ok(await page.getByRole('button', { name: /Submit the final label/ }).isVisible());

    // The API, asked straight, says why: an adjudication is the item's label and a known answer.
    // A claim resumes the lease the screen holds.
    const held = await expertApi('POST', '/api/v1/projects/2/tasks/next', { stage: 'adjudicate' });
    assert.equal(held.body?.item.id, itemId, 'the expert holds the item’s adjudication');
    const refused = await expertApi('POST', `/api/v1/tasks/${held.body.task.id}/annotations`, { result: { choices: {}, regions: [] } });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'validation_failed');
    assert.match(refused.body.error.message, /adjudication must give the final label/);
    const state = await expertApi('GET', `/api/v1/items/${itemId}/state`);
    assert.equal(state.body.stage, 'adjudication', 'the item is still with the experts');

    // Starting from an annotator's answer gives one, and Enter submits it with what was changed
    // since: the focus leaves the "Start from" button, which Enter pressed again before, throwing
    // the change away and submitting nothing.
    const card = page.getByTestId('answer-card').first();
    // A sentiment other than the answer's (picking the one it has would take it off).
    const [key, sentiment] = /sentiment: positive/i.test(await card.innerText()) ? ['8', 'neutral'] : ['7', 'positive'];
    await card.getByRole('button', { name: /^Start from/ }).click();
    await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await page.getByText(/The final label of .* is in/).waitFor();
    const final = (await expertApi('GET', `/api/v1/items/${itemId}/annotations`)).body.annotations.find((a: any) => a.taskId === held.body.task.id);
    assert.ok(final, 'the final label is stored on the adjudication task');
    assert.deepEqual(final.result.choices.sentiment, [sentiment], 'with the label picked after starting from the answer');
  });

  it('lists the keys on ?', async () => {
    const before = await page.getByTestId('adjudicate').getAttribute('data-item-id');
    await page.getByRole('button', { name: 'Next item' }).click();
    // The next item's screen, not the one just submitted (whose keys are off).
    await page.locator(`[data-testid="adjudicate"]:not([data-item-id="${before}"])`).waitFor();
    await page.getByTestId('answer-card').first().waitFor();
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /Enter\s+Submit the final label/);
    assert.match(text, /Ctrl\+Z\s+Undo/);
    assert.match(text, /PER \(Entities\)/, 'the labels’ own keys');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Closed, the keys are the editor's again: Enter on nothing is still refused (with the focus
    // let go first: a closing dialog may hand it to a button, and Enter on a button presses it).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Not submitted yet' }).waitFor();
  });

  it('draws the spans of the answer started from in the final label, to select and delete', async () => {
    const screen = page.getByTestId('adjudicate');
    const itemId = Number(await screen.getAttribute('data-item-id'));
    // An answer with spans (their chips quote the text).
    const card = page.getByTestId('answer-card').filter({ has: page.locator('p.small .chip') }).first();
    await card.getByRole('button', { name: /^Start from/ }).click();
    const spans = await card.locator('p.small .chip').count();
    assert.equal(await waitForShapes(page, 'Entities', spans), spans, 'the palette counts the spans started from');
    const finalLabel = page.getByRole('region', { name: 'Final label' });
    const drawn = finalLabel.locator('.r6o-span-highlight-layer .r6o-annotation');
    await page.waitForFunction(
      ([n]) => document.querySelectorAll('section[aria-label="Final label"] .r6o-span-highlight-layer .r6o-annotation').length >= n!,
      [spans],
      { timeout: 3000 },
    ).catch(() => undefined);
    assert.ok((await drawn.count()) >= spans, `the ${spans} spans started from are drawn (${await drawn.count()} highlights)`);

    // The first of them is the expert's to select and delete, as any span drawn.
    const box = (await drawn.first().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const remove = finalLabel.getByRole('button', { name: 'Delete', exact: true });
    for (let i = 0; i < 40 && !(await remove.isEnabled()); i++) await page.waitForTimeout(50);
    assert.ok(await remove.isEnabled(), 'the span clicked is selected');
    await page.keyboard.press('Delete');
    assert.equal(await waitForShapes(page, 'Entities', spans - 1), spans - 1);

    await page.keyboard.press('7');
    await page.keyboard.press('Enter');
    await page.getByText(/The final label of .* is in/).waitFor();
    const annotations = (await expertApi('GET', `/api/v1/items/${itemId}/annotations`)).body.annotations;
    const final = annotations.reduce((a: any, b: any) => (b.id > a.id ? b : a));
    assert.equal(final.result.regions.length, spans - 1, 'the span deleted is not in the final label');
  });
});
