/**
 * An admin searches the audit trail (filters, older pages, a refused filter said beside it, the
 * chain verified); a manager reads the project's analytics as the server computed them (a refused
 * period said beside its field), asks the strategy advisor and opens its policy in the routing
 * editor, simulates the mixes, exports the project as a background job, pings a webhook, and is
 * told a region code the privacy settings refuse beside its field.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, SCREENSHOTS, startBrowserHarness } from '../support/browser.ts';
import { formatPrice } from '../../web/src/analytics/analytics-charts.ts';
import { type ApiCall, pageApi, signedInApi } from './steps.ts';

describe('audit trail, analytics and data out', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let manager: ApiCall;
  let page: Page;

  before(async () => {
    h = await startBrowserHarness();
    manager = await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD);
  });
  after(async () => h?.close());

  it('lets an admin search the audit trail, page back through it and verify the chain', async () => {
    const admin = await h.newPage();
    await h.signIn(admin, 'admin@demo.local');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
    const table = admin.getByTestId('audit-events');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    const api = pageApi(admin);
    const firstPage = (await api('GET', '/api/v1/audit?limit=50')).body;
    assert.equal(await rows.count(), firstPage.events.length);
    if (firstPage.nextCursor !== null) {
      const lastSeq = Number(await rows.last().locator('td').first().innerText());
      await admin.getByRole('button', { name: 'Older events' }).click();
      await admin.waitForFunction((n) => document.querySelectorAll('[data-testid=audit-events] tbody tr').length > n, firstPage.events.length);
      const next = Number(await rows.nth(firstPage.events.length).locator('td').first().innerText());
      assert.ok(next < lastSeq, 'older events come after, newest first');
    }
    await admin.getByLabel('Who (e-mail or user id)').fill('manager@demo.local');
    await admin.getByLabel(/^What/).fill('auth.');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    const expected = (await api('GET', '/api/v1/audit?actor=manager%40demo.local&action=auth.&limit=50')).body.events as { seq: number; action: string }[];
    assert.ok(expected.length > 0, 'the manager signed in');
    await admin.waitForFunction((n) => document.querySelectorAll('[data-testid=audit-events] tbody tr').length === n, expected.length);
    assert.deepEqual(await rows.locator('td:nth-child(1)').allInnerTexts(), expected.map((e) => String(e.seq)));
    for (const who of await rows.locator('td:nth-child(3)').allInnerTexts()) assert.equal(who, 'manager@demo.local');
    for (const what of await rows.locator('td:nth-child(4)').allInnerTexts()) assert.match(what, /^auth\./);
    // A pool id the API refuses is said beside its field, in the form's words.
    await admin.getByLabel('Pool id').fill('0');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    const pool = admin.getByLabel('Pool id');
    const refusal = admin.locator('.audit-filters .field-error');
    await refusal.waitFor();
    assert.equal(await refusal.innerText(), 'An id is a whole number of 1 or more.');
    assert.equal(await pool.getAttribute('aria-invalid'), 'true');
    assert.equal(await pool.getAttribute('aria-describedby'), await refusal.getAttribute('id'));
    assert.doesNotMatch(await admin.locator('main').innerText(), /Querystring|expected number/);
    await pool.fill('');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    await refusal.waitFor({ state: 'detached' });
    await admin.getByRole('button', { name: 'Verify the chain' }).click();
    await admin.getByTestId('verification').getByText(/The chain holds: [\d,]+ events/).waitFor();
    await h.screenshot(admin, 'audit');
  });

  it('shows a manager the analytics the server computed, per pool, with the velocity forecast', async () => {
    page = await h.newPage();
    await h.signIn(page, 'manager@demo.local');
    await page.goto(`${h.url}/projects/1`);
    const asked: URL[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('/analytics')) asked.push(url);
    });
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Analytics' }).click();
    const table = page.getByTestId('pool-figures');
    await table.waitFor();
    await page.getByRole('heading', { name: 'Throughput per pool' }).waitFor();
    assert.deepEqual(asked.map((u) => u.searchParams.getAll('groupBy')), [['pool', 'pool,day']], 'both groupings in one request');
    const analytics = (await manager('GET', '/api/v1/projects/1/analytics?groupBy=pool')).body;
    const pools = await table.locator('tbody th').allInnerTexts();
    // Work in no pool is named as the quality page names it.
    const shown = (r: { key: { poolKey?: string } }) => (r.key.poolKey === undefined || r.key.poolKey === '(no pool)' ? 'outside any pool' : r.key.poolKey);
    assert.deepEqual(pools, analytics.rows.map(shown));
    for (const r of analytics.rows) {
      const cells = await table.getByRole('row', { name: new RegExp(`^${shown(r)} \\d`) }).locator('td').allInnerTexts();
      assert.equal(cells[0], r.labels.toLocaleString('en-US'));
      assert.equal(cells[1], r.acceptedLabels.toLocaleString('en-US'));
      // Agreement among annotators, regions included: the demo's answers all have regions.
      assert.equal(cells[6], r.itemAgreement ? `${Math.round(r.itemAgreement.mean * 1000) / 10} %` : '—');
      // The total and the cost per accepted label side by side, the latter as the chart draws it.
      const costs = r.cost as { currency: string; total: number; perAcceptedLabel: number | null }[];
      if (costs.length > 0) {
        assert.equal(cells[7], costs.map((c) => `${c.total.toFixed(2)} ${c.currency}`).join(' + '));
        assert.equal(cells[8], costs.map((c) => (c.perAcceptedLabel === null ? '—' : `${formatPrice(c.perAcceptedLabel)} ${c.currency}`)).join(' + '));
      }
    }
    const headers = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(headers.slice(8, 10), ['Total cost', 'Cost per accepted label']);
    const priced = analytics.rows.filter((r: { cost: { perAcceptedLabel: number | null }[] }) => r.cost.some((c) => c.perAcceptedLabel !== null));
    assert.ok(priced.length > 0, 'the demo has priced pools with accepted labels');
    const chart = await page.getByRole('img', { name: /^Cost per accepted label:/ }).getAttribute('aria-label');
    for (const r of priced) {
      const perLabel = (await table.getByRole('row', { name: new RegExp(`^${shown(r)} \\d`) }).locator('td').allInnerTexts())[8]!;
      assert.ok(chart!.includes(`${shown(r)} ${perLabel}`), `${chart} shows ${perLabel} for ${shown(r)}`);
    }
    assert.ok(analytics.rows.some((r: { itemAgreement: unknown }) => r.itemAgreement !== null), 'some pool has an agreement to show');
    const velocity = (await manager('GET', '/api/v1/projects/1/velocity')).body;
    const forecast = await page.getByTestId('forecast').innerText();
    if (velocity.forecast.expectedDate) assert.match(forecast, /done around/);
    else assert.ok(forecast.includes(`No forecast: ${velocity.forecast.reason}`), forecast);
    await page.locator('[data-chart] canvas').first().waitFor();
    await page.waitForTimeout(400);
    await h.screenshot(page, 'analytics');
    // A period that ends before it starts: said beside "From", naming the field as the form does.
    const period = page.getByRole('form', { name: 'Period and currency' });
    await period.getByLabel(/^From/).fill('2026-11-10');
    await period.getByLabel(/^Before/).fill('2026-11-01');
    await period.getByRole('button', { name: 'Show' }).click();
    const refusal = period.locator('.field-error');
    await refusal.waitFor();
    assert.equal(await refusal.innerText(), 'Pick a day before the “Before” day.');
    assert.equal(await period.getByLabel(/^From/).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.note-error').count(), 0, 'nothing under the form');
    await period.getByLabel(/^From/).fill('');
    await period.getByLabel(/^Before/).fill('');
    await period.getByRole('button', { name: 'Show' }).click();
    await refusal.waitFor({ state: 'detached' });
  });

  it('asks the strategy advisor and takes its policy to the routing editor with the project pools', async () => {
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Strategy' }).click();
    await page.getByLabel('Stage').selectOption('scaling');
    await page.getByLabel('Most sensitive data').selectOption('confidential');
    await page.getByLabel('Edge cases or critical items (%)').fill('10');
    await page.getByRole('button', { name: 'Advise' }).click();
    const advice = page.getByTestId('advice');
    await advice.waitFor();
    const expected = (await manager('POST', '/api/v1/strategy/advise', { stage: 'scaling', sensitivity: 'confidential', critical_share: 0.1 })).body;
    const words = { in_house: 'Label in-house', outsourced: 'Outsource the labelling', hybrid: 'Go hybrid' } as Record<string, string>;
    assert.match(await advice.locator('h3').innerText(), new RegExp(`^${words[expected.recommendation]}`));
    for (const risk of expected.risks as { risk: string }[]) assert.ok((await advice.innerText()).includes(risk.risk), risk.risk);
    await advice.scrollIntoViewIfNeeded();
    await h.screenshot(page, 'strategy-advice');
    await page.getByRole('button', { name: 'Open it in the routing editor' }).click();
    await page.waitForURL(/\/projects\/1\/routing$/);
    await page.getByText("The strategy advisor's proposal").waitFor();
    assert.equal(await page.getByTestId('rule').count(), expected.policy.rules.length);
    // the placeholders were replaced by pools of the project
    const poolsInRules = await page.getByTestId('rule').locator('select[aria-label^="Pool "]').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    const keys = (await manager('GET', '/api/v1/pools')).body.pools.map((p: { key: string }) => p.key);
    for (const k of poolsInRules) assert.ok(keys.includes(k), k);
  });

  it('simulates the workforce mixes with intervals', async () => {
    await page.goto(`${h.url}/projects/1/strategy`);
    await page.getByLabel('Runs').fill('200');
    await page.getByRole('button', { name: 'Simulate' }).click();
    const result = page.getByTestId('simulation');
    await result.waitFor({ timeout: 30_000 });
    const names = await result.locator('tbody th').allInnerTexts();
    assert.ok(names.length >= 3, names.join(', '));
    assert.ok(names.includes('all in house') && names.includes('all vendor'), names.join(', '));
    await result.locator('[data-chart] canvas').first().waitFor();
    await result.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await h.screenshot(page, 'strategy-simulation');
  });

  it('exports a project as a background job and downloads the file; adds and pings a webhook', async () => {
    await page.goto(`${h.url}/projects/2/data`);
    await page.getByLabel('Format').selectOption('conll');
    await page.getByRole('button', { name: 'Start the export' }).click();
    const link = page.getByTestId('exports').getByRole('link', { name: /Download/ }).first();
    await link.waitFor({ timeout: 30_000 });
    const href = await link.getAttribute('href');
    const file = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return { status: response.status, text: await response.text() };
    }, href);
    assert.equal(file.status, 200);
    assert.match(file.text, / B-(PER|ORG|LOC|DATE)\n/);
    await page.getByLabel('URL').fill('http://127.0.0.1:9/atelier-hook');
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    await page.getByText(/Its signing secret, shown this once/).waitFor();
    const hook = page.getByTestId('webhook').filter({ hasText: 'atelier-hook' });
    await hook.getByRole('button', { name: 'Send a test ping' }).click();
    await hook.getByTestId('deliveries').getByRole('cell', { name: 'ping' }).waitFor();
    await h.screenshot(page, 'data');
  });

  it('says a region code the privacy settings refuse beside the field, naming what was typed', async () => {
    await page.goto(`${h.url}/projects/2/privacy`);
    const form = page.getByRole('form', { name: 'Privacy settings' });
    const regions = form.getByLabel('Also pools working from these regions');
    await regions.fill('eu, north/africa');
    await form.getByRole('button', { name: 'Save the privacy settings' }).click();
    const refusal = form.locator('.field-error');
    await refusal.waitFor();
    assert.equal(await refusal.innerText(), '“north/africa” is not a region code: a code is up to 32 letters, digits, - and _, e.g. eu or us-east.');
    assert.equal(await regions.getAttribute('aria-invalid'), 'true');
    assert.equal(await regions.getAttribute('aria-describedby'), await refusal.getAttribute('id'));
    assert.equal(await form.locator('.note-error').count(), 0, 'no note under the form with the API path');
    assert.deepEqual((await manager('GET', '/api/v1/projects/2/privacy')).body.redactRegions, [], 'nothing saved');
  });
});

after(() => {
  try {
    copyFileSync(join(SCREENSHOTS, 'analytics.png'), join(import.meta.dirname, '../../docs/screenshots/analytics.png'));
  } catch {
    // skipped run: nothing to copy
  }
});
