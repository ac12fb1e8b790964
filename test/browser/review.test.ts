/**
 * Two people annotate the same sentence; a reviewer sees both overlaid and side by side with their
 * names, accepts one and rejects the other with a comment; the annotator reads the comment.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, SCREENSHOTS, startBrowserHarness } from '../support/browser.ts';
import { annotateThroughApi } from './steps.ts';

const COMMENT = 'Titles are not part of a name: mark only the name itself.';

describe('review screen', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let annotator: Page;
  let reviewer: Page;
  let itemId: number;

  before(async () => {
    h = await startBrowserHarness();
    annotator = await h.newPage();
    const manager = await h.newPage();
    await h.signIn(annotator, 'annotator@demo.local');
    await h.signIn(manager, 'manager@demo.local');
    // The news project asks two people per sentence: the annotator and the manager take the same one.
    itemId = await annotateThroughApi(annotator, 2, (item) => ({
      choices: { sentiment: ['neutral'] },
      regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: item.text!.indexOf(' ', item.text!.indexOf(' ') + 1), text: item.text!.slice(0, item.text!.indexOf(' ', item.text!.indexOf(' ') + 1)) }],
    }));
    const second = await annotateThroughApi(manager, 2, (item) => ({
      choices: { sentiment: ['positive'] },
      regions: [{ control: 'entities', kind: 'span', label: 'ORG', start: 0, end: item.text!.indexOf(' '), text: item.text!.slice(0, item.text!.indexOf(' ')) }],
    }), itemId);
    assert.equal(second, itemId, 'both took the same sentence');
    reviewer = await h.newPage();
    await h.signIn(reviewer, 'reviewer@demo.local');
  });
  after(async () => h?.close());

  it('shows the annotations of both annotators, overlaid and side by side, with their names', async () => {
    await reviewer.getByRole('link', { name: 'Review', exact: true }).click();
    await reviewer.getByRole('link', { name: 'Review News entities' }).click();
    await reviewer.waitForSelector('[data-testid=review] .text-body');
    const cards = reviewer.getByTestId('annotation-card');
    assert.equal(await cards.count(), 2);
    const names = await cards.locator('h2').allInnerTexts();
    assert.deepEqual(names.map((n) => n.trim()).sort(), ['Ana Annotator', 'Morgan Manager']);
    await reviewer.waitForTimeout(300);
    await h.screenshot(reviewer, 'review');
    await reviewer.getByRole('button', { name: 'Side by side' }).click();
    assert.equal(await reviewer.locator('.side-by-side figure').count(), 2);
    assert.deepEqual((await reviewer.locator('.side-by-side figcaption').allInnerTexts()).map((t) => t.trim()).sort(), ['Ana Annotator', 'Morgan Manager']);
    await h.screenshot(reviewer, 'review-side-by-side');
  });

  it('accepts one and rejects the other with a comment', async () => {
    const manager = reviewer.getByTestId('annotation-card').filter({ hasText: 'Morgan Manager' });
    await manager.getByRole('button', { name: 'Accept' }).click();
    await manager.getByText('Accepted').waitFor();
    const ana = reviewer.getByTestId('annotation-card').filter({ hasText: 'Ana Annotator' });
    await ana.getByRole('button', { name: 'Reject…' }).click();
    await ana.getByLabel(/What should Ana Annotator do differently/).fill(COMMENT);
    await ana.getByRole('button', { name: 'Reject with this comment' }).click();
    // both decided: the item leaves the queue
    await reviewer.waitForFunction((id) => !document.body.innerText.includes(`news-000${id}`) || document.body.innerText.includes('Nothing to review'), itemId, { timeout: 10_000 }).catch(() => undefined);
    const reviews = await reviewer.evaluate(async (id) => (await (await fetch(`/api/v1/items/${id}/annotations`)).json()).annotations.length, itemId);
    assert.equal(reviews, 2);
  });

  it('shows the annotator the rejection with its comment', async () => {
    await annotator.goto(`${h.url}/work`);
    await annotator.getByText(/sent back by review/).waitFor();
    await annotator.getByRole('link', { name: 'Read the comments' }).click();
    const entry = annotator.getByTestId('feedback-entry').first();
    await entry.waitFor();
    const text = await entry.innerText();
    assert.match(text, /Sent back/);
    assert.match(text, new RegExp(COMMENT.replace(/[.:]/g, '\\$&')));
    assert.match(text, /Riley Reviewer/);
    await h.screenshot(annotator, 'feedback');
  });
});

after(() => {
  try {
    copyFileSync(join(SCREENSHOTS, 'review.png'), join(import.meta.dirname, '../../docs/screenshots/review.png'));
  } catch {
    // skipped run: nothing to copy
  }
});
