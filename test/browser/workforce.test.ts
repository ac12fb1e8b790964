/**
 * A manager creates a vendor pool, brings in a new person with a password and pauses them with a
 * reason; applies a routing preset after its dry run (the bars and figures are the server's), and
 * reads why an item goes where it goes, then changes the item and sees it routed again. A vendor's
 * pool manager sees what their pool has in hand, and nothing of the other pools.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, SCREENSHOTS, startBrowserHarness } from '../support/browser.ts';
import { type ApiCall, signedInApi } from './steps.ts';

describe('pools and routing', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  let manager: ApiCall;
  let poolId = 0;

  before(async () => {
    h = await startBrowserHarness();
    page = await h.newPage();
    await h.signIn(page, 'manager@demo.local');
    manager = await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD);
  });
  after(async () => h?.close());

  it('creates a vendor pool with its limits, cost and service level', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pools' }).click();
    await page.getByTestId('pools').waitFor();
    await h.screenshot(page, 'pools');
    await page.getByRole('link', { name: 'New pool' }).click();
    await page.getByLabel('Key').fill('northwind');
    await page.getByLabel('Name', { exact: true }).fill('Northwind Data');
    await page.getByLabel('Kind').selectOption('vendor');
    await page.getByLabel('Vendor company').fill('Northwind Data GmbH');
    await page.getByLabel('Clearance').selectOption('internal');
    await page.getByLabel('Regions').fill('eu');
    await page.getByLabel('Languages').fill('en, de');
    await page.getByLabel('Cost model').selectOption('per_label');
    await page.getByLabel('Amount').fill('0.05');
    await page.getByLabel('SLA turnaround (hours)').fill('36');
    await page.getByRole('button', { name: 'Create the pool' }).click();
    await page.waitForURL(/\/pools\/\d+$/);
    poolId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await page.getByRole('heading', { name: 'Northwind Data' }).waitFor();
    const pool = (await manager('GET', `/api/v1/pools/${poolId}`)).body;
    assert.deepEqual(
      { key: pool.key, kind: pool.kind, regions: pool.regions, languages: pool.languages, costModel: pool.costModel, sla: pool.sla },
      { key: 'northwind', kind: 'vendor', regions: ['eu'], languages: ['en', 'de'], costModel: { type: 'per_label', amount: 0.05, currency: 'EUR' }, sla: { turnaroundHours: 36 } },
    );
  });

  it('adds a new person with a password, and pauses them with a reason', async () => {
    const add = page.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('E-mail').fill('nadia@northwind.test');
    await add.getByLabel('Role in the pool').selectOption('annotator');
    // Nobody has that e-mail yet: said beside the field, as the form would say it.
    await add.getByRole('button', { name: 'Add to the pool' }).click();
    const email = add.getByLabel('E-mail');
    const refusal = add.locator('.field-error');
    await refusal.waitFor();
    assert.equal(
      await refusal.innerText(),
      'Nobody has the e-mail nadia@northwind.test here yet. To create their account, tick “New person” and give their name and a password.',
    );
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await email.getAttribute('aria-describedby'), await refusal.getAttribute('id'));
    assert.equal(await add.locator('.note-error').count(), 0, 'no note under the form, nor its advice about removed things');
    await add.getByRole('checkbox', { name: /New person/ }).check();
    await add.getByLabel('Name', { exact: true }).fill('Nadia North');
    await add.getByLabel('Password', { exact: true }).fill('a long password');
    await add.getByRole('button', { name: 'Add to the pool' }).click();
    const row = page.getByTestId('members').getByRole('row', { name: /Nadia North/ });
    await row.waitFor();
    // the account works with the password given here
    await signedInApi(h.url, 'nadia@northwind.test', 'a long password');
    await row.getByRole('button', { name: 'Pause Nadia North' }).click();
    await row.getByLabel('Why pause Nadia North?').fill('onboarding not finished');
    await row.getByRole('button', { name: 'Pause', exact: true }).click();
    await row.getByText('Paused: onboarding not finished').waitFor();
    const members = (await manager('GET', `/api/v1/pools/${poolId}/members`)).body.members;
    assert.deepEqual(
      members.map((m: { email: string; role: string; paused: boolean; pausedReason: string | null }) => [m.email, m.role, m.paused, m.pausedReason]),
      [['nadia@northwind.test', 'annotator', true, 'onboarding not finished']],
    );
    await h.screenshot(page, 'pool');
  });

  it('applies a preset only after its dry run, which shows the server figures per pool', async () => {
    await page.goto(`${h.url}/projects/1`);
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Routing' }).click();
    await page.getByTestId('rule').first().waitFor();
    await page.getByRole('tab', { name: 'Start from a preset' }).click();
    await page.getByLabel(/^Confidential stays in-house/).check();
    await page.getByRole('button', { name: 'Use this preset' }).click();
    assert.equal(await page.getByTestId('rule').count(), 2);
    assert.equal(await page.getByRole('button', { name: 'Apply this policy' }).isDisabled(), true, 'nothing is applied before a dry run');
    await page.getByRole('button', { name: 'Dry run' }).click();
    const preview = page.getByTestId('dry-run');
    await preview.waitFor();
    await preview.locator('canvas').first().waitFor();
    // the same body through the API: the screen shows what the server computed
    const expected = (
      await manager('POST', '/api/v1/projects/1/routing/dry-run', { preset: 'confidential_in_house', pools: { inHouse: ['in-house'], experts: ['in-house'], vendors: ['acme', 'northwind'], crowd: ['crowd'] }, options: {} })
    ).body;
    assert.match(await preview.innerText(), new RegExp(`Of ${expected.items} items, ${expected.items - expected.unrouted} would be routed and ${expected.unrouted} left unrouted`));
    for (const pool of expected.byPool) {
      const cells = await preview.getByRole('row', { name: new RegExp(`^${pool.pool}\\b`) }).locator('td').allInnerTexts();
      assert.deepEqual(cells.slice(-3).map(Number), [pool.items, pool.taskSlots, pool.expertSlots], pool.pool);
    }
    await page.evaluate(() => document.querySelector('.main')!.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await h.screenshot(page, 'routing');
    await page.getByLabel('Note for this version (optional)').fill('confidential work stays in-house');
    await page.getByRole('button', { name: 'Apply this policy' }).click();
    await page.getByText(/Version 2 is in force/).waitFor();
    const routing = (await manager('GET', '/api/v1/projects/1/routing')).body;
    assert.equal(routing.current.version, 2);
    assert.equal(routing.current.policy.preset, 'confidential_in_house');
    assert.equal(routing.current.note, 'confidential work stays in-house');
  });

  it('shows what the server refuses in a rule beside that rule, once, in words', async () => {
    const rule = page.getByTestId('rule').first();
    await rule.getByLabel('Annotators per item').fill('0');
    await page.getByRole('button', { name: 'Dry run' }).click();
    const problems = rule.getByTestId('rule-problems');
    await problems.waitFor();
    assert.deepEqual(await problems.getByRole('listitem').allInnerTexts(), ['Annotators per item must be a whole number from 1 to 50, or left empty for the project’s.']);
    assert.match(await page.getByTestId('policy-refused').innerText(), /see the problems beside rule 1\./, 'numbered as the rules are');
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, /rules\[|Too small|expected number/, 'none of the server’s own wording');
    assert.equal(text.split('Annotators per item must be').length, 2, 'said once');
    await rule.getByLabel('Annotators per item').fill('');
    await problems.waitFor({ state: 'detached' });
  });

  it('explains an item route rule by rule, and routes it again when its sensitivity changes', async () => {
    // an item the new policy sends to the vendors: not confidential yet
    let itemId = 1;
    while ((await manager('GET', `/api/v1/items/${itemId}`)).body.sensitivity !== 'internal') itemId++;
    const before = (await manager('GET', `/api/v1/items/${itemId}/route`)).body;
    assert.equal(before.decision.rule, 'the rest to vendors');
    await page.getByLabel('Item id').fill(String(itemId));
    await page.getByRole('button', { name: 'Explain its route' }).click();
    const explanation = page.getByTestId('route-explanation');
    await explanation.waitFor();
    const text = await explanation.innerText();
    assert.match(text, new RegExp(`Rule ${before.decision.rule} sends it to`));
    for (const t of before.decision.trace) assert.ok(text.includes(t.rule), t.rule);
    await explanation.getByLabel('Sensitivity').selectOption('restricted');
    await explanation.getByRole('button', { name: 'Save and route again' }).click();
    await explanation.getByText('Rule confidential stays in-house sends it to in-house').waitFor();
    assert.equal((await manager('GET', `/api/v1/items/${itemId}`)).body.sensitivity, 'restricted');
    assert.equal((await manager('GET', `/api/v1/items/${itemId}/route`)).body.decision.rule, 'confidential stays in-house');
    await explanation.scrollIntoViewIfNeeded();
    await h.screenshot(page, 'route-explanation');
  });

  it('shows a vendor pool manager what their pool has in hand, and nothing of the other pools', async () => {
    const vm = await h.newPage();
    await h.signIn(vm, 'vendor-manager@demo.local');
    const nav = vm.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Projects' }).count(), 0);
    await nav.getByRole('link', { name: 'Pools' }).click();
    const rows = vm.getByTestId('pools').locator('tbody tr');
    await rows.first().waitFor();
    assert.deepEqual(await rows.locator('th').allInnerTexts(), ['Acme Labeling acme']);
    await vm.getByRole('link', { name: 'Acme Labeling' }).click();
    const queue = vm.getByTestId('pool-queue');
    await queue.waitFor();
    const api = await signedInApi(h.url, 'vendor-manager@demo.local', DEMO_PASSWORD);
    const expected = (await api('GET', '/api/v1/pools/2/queue')).body;
    for (const p of expected.projects) {
      const cells = await queue.getByRole('row', { name: new RegExp(`^${p.projectName}`) }).locator('td').allInnerTexts();
      assert.deepEqual(cells.map(Number), [p.queued, p.expertQueued, p.leased, p.done], p.projectName);
    }
    const made = expected.members.reduce((s: number, m: { annotations: number }) => s + m.annotations, 0);
    assert.match(await queue.locator('dl').innerText(), new RegExp(`Made in 7 days\\s+${made}`));
    await queue.locator('canvas').first().waitFor();
    await vm.waitForTimeout(300);
    await h.screenshot(vm, 'pool-manager');
    for (const other of [1, 3, poolId]) {
      await vm.goto(`${h.url}/pools/${other}`);
      await vm.getByText(`Pool ${other} not found`).waitFor();
      assert.equal(await vm.getByTestId('pool-queue').count(), 0);
    }
  });

  it('counts the work made in the pool, whoever made it: a newcomer brings none from another pool, a leaver keeps theirs', async () => {
    const vendorApi = await signedInApi(h.url, 'vendor-manager@demo.local', DEMO_PASSWORD);
    const earlier = (await vendorApi('GET', '/api/v1/pools/2/queue')).body as { members: { userId: number; name: string; annotations: number }[] };
    const made = earlier.members.reduce((s, m) => s + m.annotations, 0);
    const vikram = earlier.members.find((m) => m.name === 'Vikram Vendor');
    assert.ok(vikram && vikram.annotations > 0, 'the vendor made labels for Acme this week');
    // A crowd annotator, busy in the crowd pool this week, joins Acme; Vikram leaves it.
    assert.equal((await manager('POST', '/api/v1/pools/2/members', { email: 'crowd@demo.local', role: 'annotator' })).status, 201);
    await page.goto(`${h.url}/pools/2`);
    const members = page.getByTestId('members');
    await members.getByRole('button', { name: 'Remove Vikram Vendor' }).click();
    await members.getByRole('button', { name: 'Remove Vikram Vendor from the pool' }).click();
    await members.getByRole('row', { name: /Vikram Vendor/ }).waitFor({ state: 'detached' });
    const later = (await vendorApi('GET', '/api/v1/pools/2/queue')).body as typeof earlier;
    assert.deepEqual(later.members, earlier.members, 'the same work, by the same people');
    const vm = await h.newPage();
    await h.signIn(vm, 'vendor-manager@demo.local');
    await vm.goto(`${h.url}/pools/2`);
    const queue = vm.getByTestId('pool-queue');
    await queue.waitFor();
    assert.match(await queue.locator('dl').innerText(), new RegExp(`Made in 7 days\\s+${made}`));
    const rows = queue.locator('table tbody tr');
    const row = async (name: string) => (await rows.filter({ hasText: name }).locator('th, td').allTextContents()).map((t) => t.trim());
    assert.deepEqual((await row('Vikram Vendor')).slice(0, 3), ['Vikram Vendor', 'not a member', String(vikram.annotations)]);
    assert.deepEqual((await row('Chris Crowd')).slice(0, 3), ['Chris Crowd', 'annotator', '0']);
  });
});

after(() => {
  for (const name of ['routing', 'pool-manager']) {
    try {
      copyFileSync(join(SCREENSHOTS, `${name}.png`), join(import.meta.dirname, `../../docs/screenshots/${name}.png`));
    } catch {
      // skipped run: nothing to copy
    }
  }
});
