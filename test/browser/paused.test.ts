/**
 * A vendor annotator paused by their pool's manager is told so on their work page and on the
 * annotate screen, with the reason and who resumes them, not that nothing is left; resumed, the
 * counts come back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { type ApiCall, signedInApi } from './steps.ts';

const REASON = 'gold accuracy under 80% this week: read the guidelines on partly hidden cars again';

describe('a paused annotator', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  let vera: ApiCall;
  let poolId: number;
  let vikramId: number;

  before(async () => {
    h = await startBrowserHarness({ images: 8, texts: 8 });
    vera = await signedInApi(h.url, 'vendor-manager@demo.local', DEMO_PASSWORD);
    poolId = ((await vera('GET', '/api/v1/pools')).body.pools as { id: number; key: string }[]).find((p) => p.key === 'acme')!.id;
    const members = (await vera('GET', `/api/v1/pools/${poolId}/members`)).body.members as { userId: number; email: string }[];
    vikramId = members.find((m) => m.email === 'vendor@demo.local')!.userId;
    const paused = await vera('POST', `/api/v1/pools/${poolId}/members/${vikramId}/pause`, { reason: REASON });
    assert.equal(paused.status, 204, JSON.stringify(paused.body));
    page = await h.newPage();
    await h.signIn(page, 'vendor@demo.local');
  });
  after(async () => h?.close());

  it('is told on their work page that they are paused, why, and whom to ask; not that nothing is left', async () => {
    await page.goto(`${h.url}/work`);
    const note = page.getByTestId('paused');
    await note.filter({ hasText: 'ask Vera Vendor-Manager' }).waitFor();
    assert.equal(
      (await note.innerText()).replace(/\s+/g, ' ').trim(),
      `You are paused in the Acme Labeling pool: ${REASON}. No work is offered to you until you are resumed: ask Vera Vendor-Manager to resume you.`,
    );
    const cards = page.locator('.card');
    await cards.first().waitFor();
    const text = await page.locator('.cards').innerText();
    assert.doesNotMatch(text, /Nothing left for you here|\b0 left/, text);
    assert.match(text, /Paused · /);
  });

  it('is told on the annotate screen that they are paused, not that all is done', async () => {
    await page.goto(`${h.url}/work/2`);
    await page.getByRole('heading', { name: 'You are paused' }).waitFor();
    assert.match(await page.getByTestId('paused').innerText(), /You are paused in the Acme Labeling pool/);
    assert.equal(await page.getByRole('heading', { name: 'All done here' }).count(), 0);
  });

  it('sees the work again once resumed', async () => {
    const resumed = await vera('POST', `/api/v1/pools/${poolId}/members/${vikramId}/resume`, {});
    assert.equal(resumed.status, 204, JSON.stringify(resumed.body));
    await page.goto(`${h.url}/work`);
    await page.locator('.card').first().waitFor();
    assert.match(await page.locator('.cards').innerText(), /\d+ left/);
    assert.equal(await page.getByTestId('paused').count(), 0);
  });
});
