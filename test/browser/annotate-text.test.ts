/**
 * The annotate screen on the news texts: each new span keeps the label it was made with while the
 * next label is picked; a span the person clicks takes the next label picked; Escape deselects,
 * then puts the label down; the count of what is left agrees with the work card and counts the
 * task on hand, to the last one; the keys listed and the Flag dialog's example are the text's;
 * work a reviewer sent back opens on the annotator's answer, with the reviewer's comment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { humanAnnotationOf, markedList, nextReady, projectThroughApi, readyTask, selectText, sendBack, shapeCount, signedInApi, skipUntilItem, textRect, untilHolding, waitForShapes, wordsOf } from './steps.ts';

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

  it('gives an example of a text in the Flag dialog, not of an image', async () => {
    await page.keyboard.press('f');
    const dialog = page.getByRole('dialog', { name: /Flag/ });
    await dialog.waitFor();
    const example = (await dialog.getByRole('textbox').getAttribute('placeholder')) ?? '';
    assert.match(example, /^e\.g\. /);
    assert.doesNotMatch(example, /car|image|reflection/i, example);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('opens work a reviewer sent back with who sent it back and why, on the annotator’s answer', async () => {
    const current = Number(await page.locator(SCREEN).getAttribute('data-task-id'));
    const ana = await signedInApi(h.url, 'annotator@demo.local', DEMO_PASSWORD);
    const riley = await signedInApi(h.url, 'reviewer@demo.local', DEMO_PASSWORD);
    // Left, the screen gives back the task it took ahead; the one on it stays hers.
    await page.goto(`${h.url}/work`);
    await untilHolding(ana, 2, 1);
    const sent = await sendBack(ana, riley, 2, {
      held: [current],
      take: () => true,
      answer: (item) => {
        const first = wordsOf(item.text!)[0]!;
        return { choices: { sentiment: ['negative'] }, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: first.start, end: first.end, text: first.word }] };
      },
      comment: 'Mark the organisations too',
    });

    await page.goto(`${h.url}/work/2`);
    await skipUntilItem(page, sent.itemId);
    assert.match(await page.getByTestId('sent-back').innerText(), /^Sent back by Riley Reviewer: Mark the organisations too/);
    const span = sent.answer.regions[0];
    assert.deepEqual((await markedList(page)).map((l) => l.replace(/\s+/g, ' ')), [`PER “${span.text}” (${span.start}–${span.end})`], 'her span, listed');
    assert.equal(await page.locator('.text-canvas .r6o-span-highlight-layer .r6o-annotation').count(), 1, 'and drawn');
    assert.equal(await page.getByRole('radio', { name: 'negative' }).getAttribute('aria-checked'), 'true', 'her sentiment');
  });

  it('counts the task on hand to the last one: 3, 2 and 1 left in a project of three texts', async () => {
    const projectId = await projectOfThreeTexts(h.url);
    await page.goto(`${h.url}/work/${projectId}`);
    let task = await readyTask(page);
    await page.waitForSelector(`${SCREEN}[data-next-ready=true]`);
    const seen: number[] = [];
    for (let n = 3; n >= 1; n--) {
      seen.push(await leftWhenSettled(page, n));
      await page.keyboard.press('Enter');
      if (n > 1) task = await nextReady(page, task);
    }
    assert.deepEqual(seen, [3, 2, 1], 'the task on hand is counted, the last one too');
    await page.getByRole('heading', { name: 'All done here' }).waitFor();
  });
});

/** The toolbar's "N left" once it reads `expected` (or what it reads after 3 s). */
async function leftWhenSettled(page: Page, expected: number): Promise<number> {
  const until = Date.now() + 3000;
  for (;;) {
    const shown = /\d\s+left/.test(await page.locator('.task-title').innerText()) ? await leftIn(page, '.task-title') : -1;
    if (shown === expected || Date.now() > until) return shown;
    await page.waitForTimeout(50);
  }
}

/** A manager's project of three texts with one span control. */
function projectOfThreeTexts(baseUrl: string): Promise<number> {
  const schema = { controls: [{ name: 'names', kind: 'span', labels: [{ name: 'PER', color: '#e6194b', hotkey: '1' }] }] };
  const lines = ['Ada wrote to Charles.', 'Grace met Alan.', 'Edsger stayed home.'].map((text, i) => JSON.stringify({ id: `note-${i}`, text, language: 'en' }));
  return projectThroughApi(baseUrl, { name: 'Three notes', itemKind: 'text', schema }, [{ name: 'notes.jsonl', content: new Blob([`${lines.join('\n')}\n`]) }]);
}
