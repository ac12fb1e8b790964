/**
 * The annotate screen on the news texts: each new span keeps the label it was made with while the
 * next label is picked; a span the person clicks takes the next label picked; Escape deselects,
 * then puts the label down; the count of what is left agrees with the work card; the keys listed
 * are the text's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from '../support/browser.ts';
import { humanAnnotationOf, markedList, nextReady, readyTask, selectText, shapeCount, textRect, waitForShapes, wordsOf } from './steps.ts';

const SCREEN = '[data-testid=annotate]';

/** The "N left" of the toolbar, or of the project's card on /work. */
async function leftIn(page: Page, selector: string): Promise<number> {
  const text = await page.locator(selector).first().innerText();
  const match = /([\d,]+)\s+left/.exec(text);
  assert.ok(match, text);
  return Number(match[1]!.replaceAll(',', ''));
}

describe('annotate screen, texts', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  before(async () => {
    h = await startBrowserHarness();
    page = await h.newPage();
    await h.signIn(page, 'annotator@demo.local');
  });
  after(async () => h?.close());

  it('says as many left on the workbench as on the work card, the task on hand counted as not done', async () => {
    await page.goto(`${h.url}/work`);
    const card = page.locator('.card', { hasText: 'News entities' });
    await card.waitFor();
    const onCard = await leftIn(page, '.card:has-text("News entities")');
    // The screen counts again once its first task is on it: that answer is the one to compare.
    const recount = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/queues'));
    await card.getByRole('link', { name: /labeling texts/ }).click();
    const first = await readyTask(page);
    await page.waitForSelector(`${SCREEN}[data-next-ready=true]`);
    await recount;
    await page.waitForTimeout(200);
    assert.equal(await leftIn(page, '.task-title'), onCard);

    await page.keyboard.press('Enter');
    await nextReady(page, first);
    assert.equal(await leftIn(page, '.task-title'), onCard - 1, 'one task done: one fewer left');
  });

  it('keeps the label each span was made with when the next label is picked', async () => {
    const task = await readyTask(page);
    const text = await page.locator('.text-body').innerText();
    const [a, , b, , c] = wordsOf(text);
    assert.ok(a && b && c, text);
    const before = await shapeCount(page, 'Entities');

    await page.keyboard.press('1'); // PER
    await selectText(page, a.start, a.end);
    assert.equal(await waitForShapes(page, 'Entities', before + 1), before + 1);
    await page.keyboard.press('2'); // ORG
    await selectText(page, b.start, b.end);
    assert.equal(await waitForShapes(page, 'Entities', before + 2), before + 2);
    await page.keyboard.press('3'); // LOC
    await selectText(page, c.start, c.end);
    assert.equal(await waitForShapes(page, 'Entities', before + 3), before + 3);
    await page.keyboard.press('1'); // the label is picked again: no span takes it

    const listed = await markedList(page);
    for (const [label, w] of [['PER', a], ['ORG', b], ['LOC', c]] as const) {
      assert.ok(listed.some((l) => l.startsWith(label) && l.includes(`“${w.word}” (${w.start}–${w.end})`)), `${label} ${w.word}: ${listed.join(' | ')}`);
    }
    // Three digits of shapes or one, the tab's title stays on one line (1366×768).
    const lines = await page.getByRole('tab', { name: /^Marked/ }).evaluate((tab) => {
      const range = document.createRange();
      range.selectNodeContents(tab);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    assert.equal(lines, 1, 'the Marked tab does not wrap');
    const tabs = await page.getByRole('tablist', { name: 'Side panel' }).evaluate((list) => [list.scrollWidth, list.clientWidth]);
    assert.ok(tabs[0]! <= tabs[1]!, `the tabs fit the panel: ${tabs.join(' > ')}`);

    // A span the person clicks is theirs to relabel with the next label picked.
    const middle = await textRect(page, b.start, b.end);
    await page.mouse.click(middle.x + middle.w / 2, middle.y);
    await page.locator('.shape-list li.selected', { hasText: b.word }).waitFor();
    await page.keyboard.press('3'); // LOC
    await page.locator('.shape-list li', { hasText: `LOC “${b.word}”` }).waitFor();
    assert.equal(await page.locator('.shape-list li.selected').count(), 0, 'relabelled once, the span is let go');

    // Escape lets go of a span clicked, then puts the label down: a selection then marks nothing.
    const last = await textRect(page, c.start, c.end);
    await page.mouse.click(last.x + last.w / 2, last.y);
    await page.locator('.shape-list li.selected', { hasText: c.word }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.shape-list li.selected').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: 'LOC', exact: true }).getAttribute('aria-pressed'), 'true', 'the first Escape only deselects');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('button', { name: 'LOC', exact: true }).getAttribute('aria-pressed'), 'false');
    const free = wordsOf(text).at(-1)!;
    await selectText(page, free.start, free.end);
    assert.equal(await shapeCount(page, 'Entities'), before + 3, 'no label picked: nothing marked');

    const itemId = Number(await page.locator(SCREEN).getAttribute('data-item-id'));
    await page.keyboard.press('Enter');
    await nextReady(page, task);
    const stored = await humanAnnotationOf(page, itemId);
    const mine = (stored.result.regions as { label: string; start: number; text: string }[]).filter((r) => [a.start, b.start, c.start].includes(r.start));
    assert.deepEqual(
      mine.sort((x, y) => x.start - y.start).map((r) => [r.label, r.text]),
      [
        ['PER', a.word],
        ['LOC', b.word],
        ['LOC', c.word],
      ],
    );
  });

  it('lists the keys of texts only: no mouse wheel to zoom an image', async () => {
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const keys = await dialog.innerText();
    assert.doesNotMatch(keys, /Mouse wheel|image/i);
    assert.match(keys, /Flag/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});
