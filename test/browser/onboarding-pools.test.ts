/**
 * Settings that could lock people out are refused where they are typed: a qualification naming
 * items that are not ids or not this project's, and a vendor's pool manager changing their own role.
 * The New pool form's key pattern is one Chromium compiles, so the browser checks the key; what the
 * server refuses in a pool (time zone, languages) is shown beside the field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, startBrowserHarness } from '../support/browser.ts';
import { type ApiCall, signedInApi } from './steps.ts';

describe('onboarding and pool settings that would lock people out', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  let manager: ApiCall;

  before(async () => {
    h = await startBrowserHarness();
    page = await h.newPage();
    await h.signIn(page, 'manager@demo.local');
    manager = await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD);
  });
  after(async () => h?.close());

  it('refuses item ids that are not numbers beside the field, and items of no project or another one with the server’s reason', async () => {
    await page.goto(`${h.url}/projects/2/onboarding`);
    const form = page.getByRole('form', { name: 'Onboarding' });
    await form.getByLabel('Newcomers pass a qualification first').check();
    const ids = form.getByLabel('Item ids');
    await ids.fill('abc, 12');
    await form.getByText('Item ids are whole numbers, separated by commas: “abc” is not.').waitFor();
    assert.equal(await ids.getAttribute('aria-invalid'), 'true');
    await form.getByRole('button', { name: 'Save the onboarding' }).click();
    await page.waitForTimeout(500);
    assert.equal(await form.getByText('Saved.').count(), 0);
    for (const [typed, named] of [['99999', /item 99999 is not an item of project 2/i], ['1', /item 1 is not an item of project 2/i]] as const) {
      await ids.fill(typed);
      assert.equal(await form.locator('.field-error').count(), 0);
      await form.getByRole('button', { name: 'Save the onboarding' }).click();
      await form.getByText(named).waitFor();
      assert.equal(await form.getByText('Saved.').count(), 0);
    }
    assert.equal((await manager('GET', '/api/v1/projects/2')).body.qualification, null, 'nothing was saved');
  });

  it('checks a new pool’s key in the browser (the pattern compiles under the v flag)', async () => {
    const warnings: string[] = [];
    page.on('console', (message) => warnings.push(message.text()));
    await page.goto(`${h.url}/pools/new`);
    const key = page.getByLabel('Key');
    await key.fill('Bad Key!');
    assert.equal(await key.evaluate((input: HTMLInputElement) => input.validity.patternMismatch), true);
    await key.fill('good-key-2');
    assert.equal(await key.evaluate((input: HTMLInputElement) => input.validity.valid), true);
    assert.deepEqual(warnings.filter((w) => /pattern/i.test(w)), []);
  });

  it('shows the server’s reason beside a new pool’s time zone and languages, and creates it once they are mended', async () => {
    await page.goto(`${h.url}/pools/new`);
    const form = page.getByRole('form', { name: 'New pool' });
    await form.getByLabel('Key').fill('zones');
    await form.getByLabel('Name', { exact: true }).fill('Zones');
    const zone = form.getByLabel('Time zone');
    const languages = form.getByLabel('Languages');
    await zone.fill('Mars/Olympus_Mons');
    await languages.fill('en, en_US');
    await form.getByRole('button', { name: 'Create the pool' }).click();
    await form.getByText('"Mars/Olympus_Mons" is not a time zone of the IANA database', { exact: false }).waitFor();
    await form.getByText('"en_US" is not a language tag', { exact: false }).waitFor();
    assert.equal(await zone.getAttribute('aria-invalid'), 'true');
    assert.equal(await languages.getAttribute('aria-invalid'), 'true');
    assert.match((await zone.getAttribute('aria-describedby')) ?? '', /timeZone-error/);
    await form.getByText('The pool was not saved: some fields need a change (marked above).').waitFor();
    assert.equal(await form.getByLabel('Regions').getAttribute('aria-invalid'), null, 'a good field is not marked');
    await zone.fill('UTC');
    assert.equal(await zone.getAttribute('aria-invalid'), null, 'a changed field drops its complaint');
    await languages.fill('en, pt-BR');
    await form.getByRole('button', { name: 'Create the pool' }).click();
    await page.waitForURL(/\/pools\/\d+$/);
    const created = (await manager('GET', '/api/v1/pools')).body.pools.find((p: { key: string }) => p.key === 'zones');
    assert.deepEqual([created.timeZone, created.languages], ['UTC', ['en', 'pt-BR']]);
  });

  it('does not let a vendor’s pool manager change their own role, and the server refuses it too', async () => {
    const vm = await h.newPage();
    await h.signIn(vm, 'vendor-manager@demo.local');
    await vm.goto(`${h.url}/pools/2`);
    const add = vm.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('E-mail').fill('vendor-manager@demo.local');
    await add.getByLabel('Role in the pool').selectOption('reviewer');
    await add.getByText('You run this pool: you cannot change your own role in it.', { exact: false }).waitFor();
    assert.equal(await add.getByRole('button', { name: 'Add to the pool' }).isDisabled(), true);
    const own = vm.getByTestId('members').getByRole('row', { name: /vendor-manager@demo\.local/ });
    assert.equal(await own.getByRole('combobox').count(), 0, 'no role choice on their own row');
    assert.equal(await own.getByRole('button').count(), 0, 'no remove on their own row');
    const api = await signedInApi(h.url, 'vendor-manager@demo.local', DEMO_PASSWORD);
    const refused = await api('POST', '/api/v1/pools/2/members', { email: 'vendor-manager@demo.local', role: 'reviewer' });
    assert.equal(refused.status, 403);
    await vm.reload();
    await vm.getByTestId('pool-queue').waitFor();
    assert.equal(await vm.getByText('No access').count(), 0);
  });
});
