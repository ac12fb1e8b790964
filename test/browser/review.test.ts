/**
 * Two annotators annotate the same sentence; a reviewer sees both overlaid and side by side with their
 * names, accepts one and rejects the other with a comment; the annotator reads the comment.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, SCREENSHOTS, startBrowserHarness } from '../support/browser.ts';
import { annotateThroughApi, pageApi, signedInApi } from './steps.ts';

const COMMENT = 'Titles are not part of a name: mark only the name itself.';
const SECOND_ANNOTATORS = [
  ['inhouse@demo.local', 'Ines In-house'],
  ['vendor@demo.local', 'Vikram Vendor'],
  ['crowd@demo.local', 'Chris Crowd'],
  ['expert@demo.local', 'Dr. Esther Expert'],
] as const;

describe('review screen', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let annotator: Page;
  let reviewer: Page;
  let itemId: number;
  let secondName = '';

  before(async () => {
    h = await startBrowserHarness();
    annotator = await h.newPage();
    await h.signIn(annotator, 'annotator@demo.local');
    // Every labelled sentence goes to review, however much its annotators agree (the QA policy
    // otherwise samples some and sends disagreements to adjudication).
    const manager = await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD);
    const policy = (await manager('GET', '/api/v1/projects/2/qa-policy')).body;
    const everything = { ...policy, reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, poolReviewRates: {}, agreementThreshold: null };
    assert.equal((await manager('PUT', '/api/v1/projects/2/qa-policy', everything)).status, 200);
    // The news project asks two people per sentence: the annotator takes one, and whoever of the
    // other demo annotators the routing lets have the same sentence takes it too.
    const span = (label: string, words: number) => (item: { text: string | null }) => {
      const end = item.text!.split(' ').slice(0, words).join(' ').length;
      return { choices: { sentiment: ['neutral'] }, regions: [{ control: 'entities', kind: 'span', label, start: 0, end, text: item.text!.slice(0, end) }] };
    };
    itemId = (await annotateThroughApi(pageApi(annotator), 2, span('PER', 2)))!;
    for (const [email, name] of SECOND_ANNOTATORS) {
      const call = await signedInApi(h.url, email, DEMO_PASSWORD);
      if ((await annotateThroughApi(call, 2, span('ORG', 1), itemId)) === itemId) {
        secondName = name;
        break;
      }
    }
    assert.ok(secondName, 'a second annotator took the same sentence');
    // The demo's own history leaves work waiting for review, oldest first: it is accepted through
    // the API so that the screen opens on the sentence of this test.
    const reviewerApi = await signedInApi(h.url, 'reviewer@demo.local', DEMO_PASSWORD);
    // The sentence enters the queue once the workflow engine has settled it (within a second or so).
    let waiting = false;
    for (let round = 0; round < 100 && !waiting; round++) {
      const queue = (await reviewerApi('GET', '/api/v1/projects/2/review-queue?limit=100')).body.items as { item: { id: number }; annotations: { id: number }[] }[];
      const others = queue.filter((e) => e.item.id !== itemId);
      for (const entry of others) for (const a of entry.annotations) await reviewerApi('POST', `/api/v1/annotations/${a.id}/reviews`, { decision: 'accept' });
      waiting = others.length === 0 && queue.some((e) => e.item.id === itemId);
      if (!waiting && others.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(waiting, 'the sentence waits for review, alone');
    reviewer = await h.newPage();
    await h.signIn(reviewer, 'reviewer@demo.local');
  });
  after(async () => h?.close());

  it('shows the annotations of both annotators, overlaid and side by side, with their names', async () => {
    await reviewer.getByRole('link', { name: 'Review', exact: true }).click();
    await reviewer.getByTestId('review-project').filter({ hasText: 'News entities' }).getByText('1 item waits for review.').waitFor();
    await reviewer.getByRole('link', { name: 'Review News entities' }).click();
    await reviewer.waitForSelector('[data-testid=review] .text-body');
    const cards = reviewer.getByTestId('annotation-card');
    assert.equal(await cards.count(), 2);
    const names = await cards.locator('h2').allInnerTexts();
    assert.deepEqual(names.map((n) => n.trim()).sort(), ['Ana Annotator', secondName].sort());
    // Ana marked a person over two words, the other an organisation over one: neither span matches.
    const differences = reviewer.getByTestId('differences');
    assert.match(await differences.innerText(), /Where they differ/);
    assert.match(await differences.innerText(), /entities \(spans\): 2 of 2 not matched by everyone/);
    assert.match(await differences.innerText(), /sentiment: all say neutral/);
    // D shows only the regions not everyone matched, and back.
    const only = differences.getByRole('button', { name: /Differences only/ });
    assert.equal(await only.getAttribute('aria-pressed'), 'false');
    await reviewer.keyboard.press('d');
    assert.equal(await only.getAttribute('aria-pressed'), 'true');
    await reviewer.getByRole('application', { name: 'Regions not everyone matched, overlaid' }).waitFor();
    await reviewer.keyboard.press('d');
    await reviewer.getByRole('application', { name: 'All annotations overlaid' }).waitFor();
    await reviewer.waitForTimeout(300);
    await h.screenshot(reviewer, 'review');
    await reviewer.getByRole('button', { name: 'Side by side' }).click();
    assert.equal(await reviewer.locator('.side-by-side figure').count(), 2);
    assert.deepEqual((await reviewer.locator('.side-by-side figcaption').allInnerTexts()).map((t) => t.trim()).sort(), ['Ana Annotator', secondName].sort());
    await h.screenshot(reviewer, 'review-side-by-side');
  });

  it('accepts one and rejects the other with a comment, from the keyboard', async () => {
    // ? lists the keys; Escape closes the list.
    await reviewer.keyboard.press('?');
    const help = reviewer.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    assert.match(await help.innerText(), /Accept the chosen annotation/);
    await reviewer.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    const names = (await reviewer.getByTestId('annotation-card').locator('h2').allInnerTexts()).map((n) => n.trim());
    const other = reviewer.getByTestId('annotation-card').filter({ hasText: secondName });
    // the number key of a card chooses it; A accepts the chosen one
    await reviewer.keyboard.press(String(names.indexOf(secondName) + 1));
    assert.equal(await other.getAttribute('aria-current'), 'true');
    await reviewer.keyboard.press('a');
    await other.getByText('Accepted').waitFor();
    // the keys move on to the annotation still waiting: R opens its comment box, focused
    const ana = reviewer.getByTestId('annotation-card').filter({ hasText: 'Ana Annotator' });
    assert.equal(await ana.getAttribute('aria-current'), 'true');
    await reviewer.keyboard.press('r');
    const box = ana.getByLabel(/What should Ana Annotator do differently/);
    await box.waitFor();
    assert.ok(await box.evaluate((el) => el === document.activeElement), 'the comment box has the focus');
    await box.fill(COMMENT);
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
