/**
 * A reviewer reads the quality of the news project: agreement as the server measured it and one
 * confusion heat map per annotator; agreement on the entity spans and on the street scenes' boxes. An expert of the in-house pool takes an item from the
 * adjudication queue, sees everyone's answers, starts from one and submits the final label.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { itemDifferences } from '../../src/core/quality/item-differences.ts';
import { reviewSplitWords } from '../../web/src/ui/waiting-words.ts';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, SCREENSHOTS, startBrowserHarness } from '../support/browser.ts';
import { type ApiCall, signedInApi } from './steps.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
/** An annotator's answers against the settled labels, as the quality document counts them. */
type Worker = { worker: string; answers: number; agreed: number; unsettled: number; counts: number[][] };

describe('quality and adjudication', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let manager: ApiCall;

  before(async () => {
    h = await startBrowserHarness();
    manager = await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD);
  });
  after(async () => h?.close());

  it('shows a reviewer the agreement the server measured and a confusion heat map per annotator', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'reviewer@demo.local');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    // Each project's card says where its items stand, as the quality page's own figures do.
    const quality = (await manager('GET', '/api/v1/projects/2/quality')).body;
    const card = page.getByTestId('quality-project').filter({ hasText: 'News entities' });
    await card.locator('.stage-figures').waitFor();
    const figures = (await card.locator('.stage-figures dd:not(.figure-note)').allInnerTexts()).map((t) => t.trim());
    const { accepted, review, reviewWaiting, adjudication, meanAgreement } = quality.stages;
    assert.deepEqual(figures, [accepted.toLocaleString('en-US'), review.toLocaleString('en-US'), adjudication.toLocaleString('en-US'), pct(meanAgreement)]);
    await page.getByRole('link', { name: 'News entities' }).click();
    await page.getByTestId('quality').waitFor();
    // Items in review wait for a reviewer or for rework; the reviewers' queue holds the first kind.
    assert.ok(review > 0, 'the demo has items in review');
    assert.equal((await page.locator('.stats').getByTestId('review-split').innerText()).trim(), reviewSplitWords({ review, reviewWaiting }));
    const reviewerQueue = (await manager('GET', '/api/v1/projects/2/review-queue?limit=100')).body;
    assert.equal(reviewerQueue.items.length, reviewWaiting, 'the split counts what the reviewers see (staff see every item)');
    const sentiment = quality.controls.find((c: { control: string }) => c.control === 'sentiment') ?? quality.controls[0];
    const agreement = sentiment.agreement.project;
    assert.match(await page.locator('main').innerText(), new RegExp(`agreement ${pct(agreement.percentAgreement).replace('.', '\\.')}, Krippendorff α ${agreement.krippendorffAlpha.toFixed(2)}`));
    // One heat map per annotator with answers on settled items, as the server counted them.
    const compared = (sentiment.confusion as Worker[]).filter((w) => w.answers > 0);
    assert.ok(compared.length > 1, 'the demo has several annotators on settled shared items');
    const maps = page.getByTestId('heatmap');
    assert.equal(await maps.count(), compared.length);
    const names = (await maps.locator('h3').allInnerTexts()).map((t) => t.split(' · ')[0]!.trim()).sort();
    assert.deepEqual(names, compared.map((w) => w.worker).sort());
    // each heat map is drawn, and says its diagonal in words
    for (let i = 0; i < (await maps.count()); i++) {
      const canvas = maps.nth(i).locator('canvas').first();
      await canvas.waitFor();
      assert.ok(((await canvas.boundingBox())?.width ?? 0) > 100);
    }
    const first = compared.find((w) => w.worker === names[0])!;
    const row = first.counts.findIndex((r) => r.reduce((a, b) => a + b, 0) > 0);
    const total = first.counts[row]!.reduce((a, b) => a + b, 0);
    const label = await maps.filter({ hasText: first.worker }).locator('[role=img]').getAttribute('aria-label');
    const given = sentiment.labels[row];
    assert.ok(label?.includes(`${given} given as ${given} ${first.counts[row]![row]} of ${total} (${pct(first.counts[row]![row]! / total)})`), label ?? '');
    await page.waitForTimeout(300);
    await h.screenshot(page, 'quality');
    await maps.first().scrollIntoViewIfNeeded();
    await h.screenshot(page, 'quality-heatmaps');
  });

  it('shows each annotator what they answered against the settled label, counted: no error that did not happen', async () => {
    const quality = (await manager('GET', '/api/v1/projects/1/quality')).body;
    const time = quality.controls.find((c: { control: string }) => c.control === 'time_of_day');
    const workers = time.confusion as Worker[];
    assert.ok(workers.some((w) => w.answers > 0), 'the street scenes pilot has settled items two annotators labelled');
    for (const w of workers) {
      // Counts, not estimates: whole numbers that add up to the answers compared, the diagonal to those agreeing.
      assert.ok(w.counts.flat().every((n) => Number.isInteger(n)), `${w.worker}: ${JSON.stringify(w.counts)}`);
      assert.equal(w.counts.flat().reduce((a, b) => a + b, 0), w.answers, w.worker);
      assert.equal(w.counts.reduce((sum, r, i) => sum + r[i]!, 0), w.agreed, w.worker);
      // No annotator differs from the settled label more often than they differ from the others on the items they share.
      const disagreements = time.agreement.byPair
        .filter((p: { workerA: string; workerB: string }) => p.workerA === w.worker || p.workerB === w.worker)
        .reduce((sum: number, p: { sharedItems: number; percentAgreement: number }) => sum + Math.round(p.sharedItems * (1 - p.percentAgreement)), 0);
      assert.ok(w.answers - w.agreed <= disagreements, `${w.worker}: ${w.answers - w.agreed} off the settled label, ${disagreements} disagreements`);
    }
    const page = await h.newPage();
    await h.signIn(page, 'reviewer@demo.local');
    await page.goto(`${h.url}/quality/1`);
    await page.getByRole('tab', { name: 'Time Of Day' }).click();
    const section = page.getByRole('region', { name: 'Answers against the settled label, per annotator' });
    assert.match(await section.innerText(), /Each cell counts answers/);
    for (const w of workers.filter((x) => x.answers > 0)) {
      const map = section.getByTestId('heatmap').filter({ hasText: w.worker });
      assert.match(await map.locator('h3').innerText(), new RegExp(`${w.agreed} of ${w.answers} answers gave the settled label`));
      // The table under the chart: each cell the count and its share of the row, from those counts.
      const cells = (await map.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim()))));
      const expected = w.counts.map((r) => {
        const total = r.reduce((a, b) => a + b, 0);
        return [...r.map((n) => (total === 0 ? '—' : `${n} (${pct(n / total)})`)), String(total)];
      });
      assert.deepEqual(cells, expected, w.worker);
    }
    // The street scenes waiting for the experts show their thumbnail, not the word "image".
    const waiting = (await manager('GET', '/api/v1/projects/1/adjudication-queue?limit=50')).body.items;
    assert.ok(waiting.length > 0, 'the demo leaves street scenes with the experts');
    const queue = page.getByTestId('adjudication-queue');
    assert.equal((await queue.locator('thead th').last().innerText()).trim(), 'Image');
    assert.equal(await queue.locator('tbody tr').count(), waiting.length);
    assert.equal(await queue.locator('tbody td img').count(), waiting.length);
    assert.ok((await queue.locator('tbody td:last-child').allInnerTexts()).every((t) => t.trim() === ''));
  });

  /** A reviewer on a project's quality screen, on the tab of one region control. */
  async function regionTab(projectId: number, control: string): Promise<{ page: Page; section: Locator }> {
    const page = await h.newPage();
    await h.signIn(page, 'reviewer@demo.local');
    await page.goto(`${h.url}/quality/${projectId}`);
    await page.getByRole('tab', { name: control }).click();
    const section = page.getByTestId('region-agreement');
    await section.waitFor();
    return { page, section };
  }

  async function drawnScreenshot(page: Page, section: Locator, name: string): Promise<void> {
    await section.locator('canvas').first().waitFor();
    await page.waitForTimeout(300);
    await h.screenshot(page, name);
  }

  it('shows agreement on the entity spans, matched exactly, by pair and label as the server measured it', async () => {
    const quality = (await manager('GET', '/api/v1/projects/2/quality')).body;
    const entities = quality.regionControls.find((c: { control: string }) => c.control === 'entities');
    assert.equal(entities.kind, 'span');
    assert.ok(entities.agreement.project.pairableItems > 0, 'the demo has sentences with two annotators');
    const { page, section } = await regionTab(2, 'entities');
    const text = await section.innerText();
    assert.match(text, new RegExp(`Over ${entities.agreement.project.pairableItems} items with two or more answers, spans matched exactly \\(span F1\\): F1 ${entities.agreement.project.f1.toFixed(2)}`));
    for (const label of entities.agreement.byLabel) assert.match(text, new RegExp(`${label.label}\\s+${label.regions}\\s`));
    assert.equal(await section.getByRole('row').filter({ hasText: ' · ' }).count(), entities.agreement.byPair.length);
    await drawnScreenshot(page, section, 'quality-spans');
  });

  it('shows the boxes of the street scenes pilot compared by IoU, and a dash for pools without overlap', async () => {
    const quality = (await manager('GET', '/api/v1/projects/1/quality')).body;
    const boxes = quality.regionControls.find((c: { control: string }) => c.control === 'objects');
    assert.equal(boxes.kind, 'bbox');
    assert.ok(boxes.agreement.project.pairableItems > 0, 'the demo pilot batch has two annotators per image');
    const vendor = boxes.agreement.byPool.find((p: { pool: string }) => p.pool === 'acme');
    assert.equal(vendor.comparisons, 0, 'the vendor labels each image alone');
    assert.equal(vendor.f1, null, 'an agreement that cannot be measured is null, not 0');
    const { page, section } = await regionTab(1, 'objects');
    const { pairableItems, f1, meanIoU } = boxes.agreement.project;
    assert.match(await section.innerText(), new RegExp(`Over ${pairableItems} items with two or more answers, boxes matched at IoU ≥ 0\\.5: F1 ${f1.toFixed(2)}, mean IoU of the matched shapes ${meanIoU.toFixed(2)}`));
    const acmeRow = (await section.getByRole('row').filter({ hasText: 'acme' }).first().innerText()).split(/\s+/);
    assert.deepEqual(acmeRow.slice(-2), ['—', '—'], 'F1 and mean IoU of the vendor pool are dashes');
    await drawnScreenshot(page, section, 'quality-boxes');
  });

  it('shows a vendor’s team lead the quality of their own pool’s work only', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'vendor-manager@demo.local');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    await page.getByRole('link', { name: 'Street scenes' }).click();
    await page.getByTestId('quality').waitFor();
    assert.match(await page.getByTestId('quality-scope').innerText(), /work of your pool only \(acme\)/);
    const pools = (await page.locator('table').first().locator('tbody th, tbody td:first-child').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual([...new Set(pools)], ['acme'], 'no other pool’s row');
    // The figures of items in review say what waits for the pool's own reviewers, and what for
    // another pool's (a routing rule's reviewBy), so that the figure and their queue do not seem to disagree.
    const lead = await signedInApi(h.url, 'vendor-manager@demo.local', DEMO_PASSWORD);
    const projectId = Number(new URL(page.url()).pathname.split('/').filter(Boolean).find((part) => /^\d+$/.test(part)));
    const { review, reviewWaiting, reviewElsewhere } = (await lead('GET', `/api/v1/projects/${projectId}/quality`)).body.stages;
    assert.notEqual(reviewElsewhere, null, 'counted for a reader of some pools');
    assert.ok(review > 0, 'the demo leaves some of the pool’s items in review');
    assert.equal((await page.locator('.stats').getByTestId('review-split').innerText()).trim(), reviewSplitWords({ review, reviewWaiting, reviewElsewhere }));
    assert.match(reviewSplitWords({ review, reviewWaiting, reviewElsewhere }), /your reviewers|rework/);
  });

  it('lets an expert adjudicate an item from the adjudication queue', async () => {
    const expertApi = await signedInApi(h.url, 'expert@demo.local', DEMO_PASSWORD);
    const probe = await expertApi('POST', '/api/v1/projects/2/tasks/next', { stage: 'adjudicate' });
    assert.equal(probe.status, 200, 'the demo leaves items with the experts');
    assert.equal(probe.body.task.stage, 'adjudicate');
    await expertApi('POST', `/api/v1/tasks/${probe.body.task.id}/release`);
    const page = await h.newPage();
    await h.signIn(page, 'expert@demo.local');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adjudicate' }).click();
    const card = page.getByTestId('adjudicate-project').filter({ hasText: 'News entities' });
    await card.getByText(/items? waits? for adjudication/).waitFor();
    await card.getByRole('link', { name: 'Adjudicate News entities' }).click();
    const screen = page.getByTestId('adjudicate');
    await screen.waitFor();
    const itemId = Number(await screen.getAttribute('data-item-id'));
    // Why the item is with the experts, from the item's state, which its expert may read.
    const state = await expertApi('GET', `/api/v1/items/${itemId}/state`);
    assert.equal(state.status, 200, 'an expert reads the state of the item they adjudicate');
    assert.equal(state.body.stage, 'adjudication');
    assert.ok(state.body.reason, 'the demo says why');
    await page.getByText(/sent to the experts because/).waitFor();
    const answers = page.getByTestId('answer-card');
    await answers.first().waitFor();
    const human = ((await manager('GET', `/api/v1/items/${itemId}/annotations`)).body.annotations as { id: number; source: string; annotatorId: number; supersedesId: number | null; schemaVersion: number; result: any }[]).filter((a) => a.source === 'human');
    // The experts see the answers in force: work redone after a rejection replaces the rejected one.
    const theirs = human.filter((a) => !human.some((b) => b.supersedesId === a.id));
    assert.equal(await answers.count(), theirs.length);
    // Where they differ, as the core compares them: the spans not everyone marked, the sentiments.
    const schema = (await manager('GET', `/api/v1/projects/2/schema-versions/${theirs[0]!.schemaVersion}`)).body.schema;
    const expected = itemDifferences(schema, theirs);
    const panel = await page.getByTestId('differences').innerText();
    const entities = expected.regionControls.find((c) => c.control === 'entities')!;
    assert.ok(entities.regions > 0, 'the item the experts get has marked entities');
    assert.ok(panel.includes(entities.unmatched > 0 ? `${entities.unmatched} of ${entities.regions} not matched by everyone` : `all ${entities.regions} matched`), panel);
    const relabelled = /\((\d+) pairs? marked alike with another label\)/.exec(panel);
    assert.equal(Number(relabelled?.[1] ?? 0), entities.relabelled, panel);
    const sentiment = expected.choiceControls.find((c) => c.control === 'sentiment')!;
    assert.match(panel, sentiment.agree ? /Sentiment: all say/ : /Sentiment: .+ · .+/);
    const chosen = theirs[0]!;
    await answers.first().getByRole('button', { name: /^Start from/ }).click();
    await page.waitForTimeout(300);
    await h.screenshot(page, 'adjudicate');
    await page.getByRole('button', { name: /Submit the final label/ }).click();
    await page.getByText(/The final label of .* is in/).waitFor();
    const after = (await manager('GET', `/api/v1/items/${itemId}/annotations`)).body.annotations as { id: number; annotatorId: number; taskId: number; result: unknown }[];
    const final = after.find((a) => !human.some((x) => x.id === a.id));
    assert.ok(final, 'the final label is stored');
    assert.deepEqual(final.result, chosen.result);
    const task = (await manager('GET', `/api/v1/items/${itemId}/route`)).body.tasks.find((x: { taskId: number }) => x.taskId === final.taskId);
    assert.equal(task.stage, 'adjudicate');
    assert.equal(task.status, 'done');
  });
});

after(() => {
  try {
    copyFileSync(join(SCREENSHOTS, 'quality-heatmaps.png'), join(import.meta.dirname, '../../docs/screenshots/quality.png'));
  } catch {
    // skipped run: nothing to copy
  }
});
