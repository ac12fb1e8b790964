/**
 * The adjudication screen of the demo's expert: every item the index counts can be opened; Enter
 * on a fresh item submits nothing (a final label must give an answer, and the API refuses an empty
 * one too); '?' lists the keys.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { type ApiCall, signedInApi } from './steps.ts';

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
    let waiting = 0;
    for (let round = 0; round < 100 && waiting === 0; round++) {
      waiting = (await expertApi('GET', '/api/v1/projects/2/adjudication-queue/count?limit=100')).body.waiting;
      if (waiting === 0) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(waiting > 0, 'the demo leaves news items with the experts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adjudicate' }).click();
    const card = page.getByTestId('adjudicate-project').filter({ hasText: 'News entities' });
    await card.getByText(`${waiting} item${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''} for adjudication.`).waitFor();
    // Take them all at once (a claim with what is held), then give them back.
    const held: number[] = [];
    for (let i = 0; i < waiting + 1; i++) {
      const next = await expertApi('POST', '/api/v1/projects/2/tasks/next', { stage: 'adjudicate', holding: held.slice(-10) });
      if (next.status !== 200) break;
      held.push(next.body.task.id);
    }
    for (const id of held) await expertApi('POST', `/api/v1/tasks/${id}/release`);
    assert.equal(held.length, waiting, 'each item counted is one the expert can open, and no more');
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

    // Starting from an annotator's answer gives one: Enter submits it (once the button let go of
    // the focus: Enter on a button presses the button).
    await page.getByTestId('answer-card').first().getByRole('button', { name: /^Start from/ }).click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Enter');
    await page.getByText(/The final label of .* is in/).waitFor();
  });

  it('lists the keys on ?', async () => {
    await page.getByRole('button', { name: 'Next item' }).click();
    await page.getByTestId('adjudicate').waitFor();
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
});
