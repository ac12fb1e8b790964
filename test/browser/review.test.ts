/**
 * Two annotators annotate the same sentence; a reviewer sees both overlaid and side by side with their
 * names, accepts one and rejects the other with a comment; the annotator reads the comment. A
 * reviewer's own correction waiting beside another's work is theirs, with nothing to decide; so is
 * an annotation another reviewer decided before the screen opened.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, SCREENSHOTS, startBrowserHarness } from '../support/browser.ts';
import { annotateThroughApi, type ApiCall, pageApi, signedInApi } from './steps.ts';

const COMMENT = 'Titles are not part of a name: mark only the name itself.';
const SECOND_ANNOTATORS = [
  ['inhouse@demo.local', 'Ines In-house'],
  ['vendor@demo.local', 'Vikram Vendor'],
  ['crowd@demo.local', 'Chris Crowd'],
  ['expert@demo.local', 'Dr. Esther Expert'],
] as const;

/** A sentence's first `words` words marked as one entity, the sentiment neutral. */
const span = (label: string, words: number) => (item: { text: string | null }) => {
  const end = item.text!.split(' ').slice(0, words).join(' ').length;
  return { choices: { sentiment: ['neutral'] }, regions: [{ control: 'entities', kind: 'span', label, start: 0, end, text: item.text!.slice(0, end) }] };
};

/**
 * Every labelled sentence goes to review, however much its annotators agree (the QA policy
 * otherwise samples some and sends disagreements to adjudication).
 */
async function reviewEverything(manager: ApiCall): Promise<void> {
  const policy = (await manager('GET', '/api/v1/projects/2/qa-policy')).body;
  const everything = { ...policy, reviewRates: { in_house: 1, vendor: 1, crowd: 1, staff: 1 }, poolReviewRates: {}, agreementThreshold: null };
  assert.equal((await manager('PUT', '/api/v1/projects/2/qa-policy', everything)).status, 200);
}

/** Ana labels a sentence and another demo annotator the same one; returns it with the other's name. */
async function labelledTwice(h: BrowserHarness, ana: ApiCall, first: ReturnType<typeof span>, second: ReturnType<typeof span>): Promise<{ itemId: number; secondName: string }> {
  const itemId = (await annotateThroughApi(ana, 2, first))!;
  for (const [email, name] of SECOND_ANNOTATORS) {
    const call = await signedInApi(h.url, email, DEMO_PASSWORD);
    if ((await annotateThroughApi(call, 2, second, itemId)) === itemId) return { itemId, secondName: name };
  }
  throw new Error('no second annotator took the same sentence');
}

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
    await reviewEverything(await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD));
    // The news project asks two people per sentence: the annotator takes one, and whoever of the
    // other demo annotators the routing lets have the same sentence takes it too.
    ({ itemId, secondName } = await labelledTwice(h, pageApi(annotator), span('PER', 2), span('ORG', 1)));
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
    assert.match(await differences.innerText(), /Entities \(spans\): 2 of 2 not matched by everyone/);
    assert.match(await differences.innerText(), /Sentiment: all say neutral/);
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
    // D, then V: side by side keeps to the regions not everyone matched, as the button still says.
    await reviewer.keyboard.press('v');
    await reviewer.keyboard.press('d');
    await reviewer.getByRole('application', { name: 'Regions not everyone matched, overlaid' }).waitFor();
    await reviewer.keyboard.press('v');
    assert.equal(await only.getAttribute('aria-pressed'), 'true');
    for (const name of ['Ana Annotator', secondName]) await reviewer.getByRole('application', { name: `Regions of ${name} not everyone matched` }).waitFor();
    assert.deepEqual(
      (await reviewer.locator('.side-by-side figcaption').allInnerTexts()).map((t) => t.trim()).sort(),
      ['Ana Annotator · 1 not matched by everyone', `${secondName} · 1 not matched by everyone`].sort(),
    );
    await reviewer.keyboard.press('d');
    await reviewer.getByRole('application', { name: 'Annotation by Ana Annotator' }).waitFor();
    await reviewer.keyboard.press('v');
    await reviewer.getByRole('application', { name: 'All annotations overlaid' }).waitFor();
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

type Entry = { item: { id: number; externalId: string; text: string }; annotations: { id: number; annotatorId: number }[]; annotators: { id: number; name: string }[] };

/**
 * The sentence's queue entry once it waits for review alone. The screen lists the first 20 items
 * waiting: the demo's own are decided first (the reviewer's own corrections among them are
 * refused, and leave with the other annotation's decision).
 */
async function aloneInQueue(reviewerApi: ApiCall, itemId: number): Promise<Entry> {
  let entry: Entry | undefined;
  let others = true;
  for (let round = 0; round < 100 && (!entry || others); round++) {
    if (round > 0) await new Promise((r) => setTimeout(r, 200));
    const queue = (await reviewerApi('GET', '/api/v1/projects/2/review-queue?limit=100')).body.items as Entry[];
    entry = queue.find((e) => e.item.id === itemId);
    others = queue.some((e) => e.item.id !== itemId);
    for (const e of queue.filter((x) => x.item.id !== itemId)) for (const a of e.annotations) await reviewerApi('POST', `/api/v1/annotations/${a.id}/reviews`, { decision: 'accept' });
  }
  assert.ok(entry && !others, 'the sentence waits for review, alone');
  return entry;
}

describe('review screen, annotations with nothing left to decide', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('shows it as theirs, with nothing to decide, and the keys act on the others’ work', async () => {
    await reviewEverything(await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD));
    const ana = await signedInApi(h.url, 'annotator@demo.local', DEMO_PASSWORD);
    const { itemId } = await labelledTwice(h, ana, span('PER', 1), span('PER', 1));
    const reviewerApi = await signedInApi(h.url, 'reviewer@demo.local', DEMO_PASSWORD);
    const entry = await aloneInQueue(reviewerApi, itemId);
    // The reviewer corrects Ana's annotation and leaves the other for later, as the demo's history does.
    const anaId = entry.annotators.find((a) => a.name === 'Ana Annotator')!.id;
    const anas = entry.annotations.find((a) => a.annotatorId === anaId)!;
    const other = entry.annotations.find((a) => a.annotatorId !== anaId)!;
    const corrected = await reviewerApi('POST', `/api/v1/annotations/${anas.id}/reviews`, { decision: 'correct', result: span('PER', 2)(entry.item), comment: null });
    assert.equal(corrected.status, 201, JSON.stringify(corrected.body));

    const page = await h.newPage();
    await h.signIn(page, 'reviewer@demo.local');
    await page.goto(`${h.url}/review/2`);
    await page.getByRole('navigation', { name: 'Items waiting for review' }).getByRole('button', { name: new RegExp(`^${entry.item.externalId}`) }).click();
    const cards = page.getByTestId('annotation-card');
    const mine = cards.filter({ hasText: 'Riley Reviewer' });
    await mine.getByText('Your correction').waitFor();
    assert.equal(await mine.getByRole('button').count(), 0, 'no review button on it');
    assert.equal(await cards.filter({ hasNotText: 'Riley Reviewer' }).getByRole('button', { name: 'Accept' }).count(), 1);
    // A accepts the other annotation, not the correction (which the server refuses: 403).
    const answered = page.waitForResponse((r) => /\/api\/v1\/annotations\/\d+\/reviews$/.test(r.url()) && r.request().method() === 'POST');
    await page.keyboard.press('a');
    const response = await answered;
    assert.equal(response.status(), 201, await response.text());
    assert.ok(response.url().endsWith(`/annotations/${other.id}/reviews`), response.url());
  });

  it('shows an annotation another reviewer decided as decided, and the keys act on the one left', async () => {
    const ana = await signedInApi(h.url, 'annotator@demo.local', DEMO_PASSWORD);
    const { itemId } = await labelledTwice(h, ana, span('PER', 1), span('PER', 1));
    const entry = await aloneInQueue(await signedInApi(h.url, 'reviewer@demo.local', DEMO_PASSWORD), itemId);
    const anaId = entry.annotators.find((a) => a.name === 'Ana Annotator')!.id;
    const anas = entry.annotations.find((a) => a.annotatorId === anaId)!;
    const other = entry.annotations.find((a) => a.annotatorId !== anaId)!;
    // The manager (who may review too) accepts Ana's before the reviewer opens the item.
    const manager = await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD);
    assert.equal((await manager('POST', `/api/v1/annotations/${anas.id}/reviews`, { decision: 'accept' })).status, 201);

    const page = await h.newPage();
    await h.signIn(page, 'reviewer@demo.local');
    await page.goto(`${h.url}/review/2`);
    await page.getByRole('navigation', { name: 'Items waiting for review' }).getByRole('button', { name: new RegExp(`^${entry.item.externalId}`) }).click();
    const cards = page.getByTestId('annotation-card');
    const anasCard = cards.filter({ hasText: 'Ana Annotator' });
    await anasCard.getByText('Accepted').waitFor();
    assert.equal(await anasCard.getByRole('button', { name: 'Accept' }).count(), 0, 'no decision offered on it');
    assert.equal(await cards.filter({ hasNotText: 'Ana Annotator' }).getAttribute('aria-current'), 'true', 'the keys act on the one left');
    const answered = page.waitForResponse((r) => /\/api\/v1\/annotations\/\d+\/reviews$/.test(r.url()) && r.request().method() === 'POST');
    await page.keyboard.press('a');
    const response = await answered;
    assert.equal(response.status(), 201, await response.text());
    assert.ok(response.url().endsWith(`/annotations/${other.id}/reviews`), response.url());
  });
});

after(() => {
  try {
    copyFileSync(join(SCREENSHOTS, 'review.png'), join(import.meta.dirname, '../../docs/screenshots/review.png'));
  } catch {
    // skipped run: nothing to copy
  }
});
