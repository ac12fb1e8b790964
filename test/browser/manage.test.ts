/**
 * A manager creates a project with its label schema and guidelines, imports ten images with the
 * progress bar, sees them in the overview, imports an annotation file, and records a second schema version; an annotator is
 * told in words that the manager screens are not open to them.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { type BrowserHarness, browserSkipReason, DEMO_PASSWORD, SCREENSHOTS, startBrowserHarness } from '../support/browser.ts';
import { annotateThroughApi, signedInApi } from './steps.ts';

async function tenImages(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < 10; i++) {
    const path = join(dir, `shelf-${i}.png`);
    await sharp({ create: { width: 320 + i * 8, height: 240, channels: 3, background: { r: 40 + i * 20, g: 120, b: 200 - i * 10 } } }).png().toFile(path);
    paths.push(path);
  }
  return paths;
}

describe('manager screens', { skip: browserSkipReason() }, () => {
  let h: BrowserHarness;
  let page: Page;
  let dir: string;
  before(async () => {
    h = await startBrowserHarness();
    page = await h.newPage();
    dir = mkdtempSync(join(tmpdir(), 'atelier-import-'));
    await h.signIn(page, 'manager@demo.local');
  });
  after(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a project with a label schema, live preview and Markdown guidelines', async () => {
    assert.equal(new URL(page.url()).pathname, '/projects');
    await page.getByRole('link', { name: 'New project' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Shelf audit');
    await page.getByLabel('Name of label 1 of objects').fill('bottle');
    await page.getByRole('button', { name: 'Add a label' }).click();
    await page.getByLabel('Name of label 2 of objects').fill('can');
    // a hotkey taken twice is named before saving, and the button waits
    await page.getByLabel('Hotkey of can').fill('1');
    await page.getByText(/hotkey "1" is already used by objects\/bottle/).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create the project' }).isDisabled(), true);
    await page.getByLabel('Hotkey of can').fill('2');
    const preview = page.getByRole('complementary', { name: "Preview of the annotator's labels" });
    assert.match(await preview.innerText(), /bottle[\s\S]*1[\s\S]*can[\s\S]*2/);
    await page.getByLabel('Guidelines (Markdown)').fill('# Shelf audit\n\nBox every **bottle** and **can**.');
    await page.getByLabel('Preview of the guidelines').locator('strong', { hasText: 'bottle' }).waitFor();
    await h.screenshot(page, 'create-project');
    await page.getByRole('button', { name: 'Create the project' }).click();
    await page.waitForURL(/\/projects\/\d+\/import$/);
  });

  it('imports ten images with a progress bar and sees them in the overview', async () => {
    const files = await tenImages(dir);
    await page.getByLabel(/Image files/).setInputFiles(files);
    await page.getByText('10 files').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.match(await report.innerText(), /10 items imported of 10/);
    assert.equal(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('value'), '1');
    await h.screenshot(page, 'import');
    await report.getByRole('link', { name: 'See the overview' }).click();
    await page.getByTestId('overview').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=stat-items]')?.textContent === '10');
    assert.equal(await page.getByTestId('stat-queued').innerText(), '10');
    await h.screenshot(page, 'overview-new-project');
  });

  it('lists the lines of a JSONL import that were refused, and imports nothing', async () => {
    const overview = page.url();
    await page.goto(`${overview}/import`);
    const jsonl = join(dir, 'items.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(jsonl, '{"id": "a", "url": "not-there.png"}\nnot json\n');
    await page.getByLabel(/Image files/).setInputFiles(jsonl);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const text = await report.innerText();
    assert.match(text, /The import stopped/);
    assert.match(text, /line 2/);
    assert.match(text, /0 items imported/);
  });

  it('imports an Atelier JSONL annotation file picked as items, once switched to annotations, and reports it', async () => {
    const { writeFileSync } = await import('node:fs');
    const newImage = join(dir, 'shelf-new.png');
    await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 90, g: 90, b: 90 } } }).png().toFile(newImage);
    const line = (item: object, label: string) =>
      JSON.stringify({
        item: { kind: 'image', ...item },
        annotations: [{ id: 1, source: 'human', result: { choices: {}, regions: [{ control: 'objects', kind: 'bbox', label, x: 10, y: 10, width: 40, height: 30 }] }, createdAt: '2026-01-05T10:00:00Z' }],
        consensus: null,
      });
    // The second record is about an image uploaded above, named by its file name.
    const file = join(dir, 'shelf-annotations.jsonl');
    writeFileSync(file, `${line({ externalId: 'shelf-new.png', fileName: 'shelf-new.png', width: 200, height: 150 }, 'bottle')}\n${line({ fileName: 'shelf-1.png' }, 'can')}\n`);
    await page.getByLabel(/Image files/).setInputFiles(file);
    const note = page.getByTestId('annotation-file-note');
    await note.waitFor();
    assert.match(await note.innerText(), /Atelier JSONL annotation file/);
    assert.equal(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled(), true, 'not refused line by line as items');
    await note.getByRole('button', { name: 'Import it as annotations' }).click();
    const form = page.getByRole('form', { name: 'Import annotations' });
    assert.equal(await form.getByLabel('Format').inputValue(), 'atelier-jsonl');
    await form.getByLabel(/Images of the items the project does not have yet/).setInputFiles(newImage);
    await form.getByRole('button', { name: 'Import the annotations' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const text = await report.innerText();
    assert.match(text, /2 of 2 records imported: 1 new item, 1 matched; 2 annotations, 0 predictions, 0 reviews/, text);
    await h.screenshot(page, 'import-annotations');
  });

  it('records a new version of the label schema and keeps the old one', async () => {
    await page.goto(page.url().replace(/\/import$/, '/schema'));
    await page.getByRole('button', { name: 'Add a label' }).click();
    await page.getByLabel('Name of label 3 of objects').fill('box');
    await page.getByLabel('What changed').fill('boxes too');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText('Version 2 recorded.').waitFor();
    // The list is fetched again after the save: it may show the new version a moment after the notice.
    await page.locator('.versions').getByText('boxes too').waitFor();
    const history = await page.locator('.versions').innerText();
    assert.match(history, /v2[\s\S]*boxes too[\s\S]*v1/);
  });

  it('shows a running project: counts by status, progress over time and who is working', async () => {
    // Some work on the demo project by the demo annotators the routing gives it to, so that the chart
    // and the counts have something to show; one task is left in progress.
    const people = [
      ['annotator@demo.local', 'Ana Annotator'],
      ['vendor@demo.local', 'Vikram Vendor'],
      ['inhouse@demo.local', 'Ines In-house'],
      ['expert@demo.local', 'Dr. Esther Expert'],
    ] as const;
    let done = 0;
    let holder = '';
    for (const [email, name] of people) {
      const call = await signedInApi(h.url, email, DEMO_PASSWORD);
      while (done < 4 && (await annotateThroughApi(call, 1, () => ({ choices: { time_of_day: ['day'] }, regions: [{ control: 'objects', kind: 'bbox', label: 'car', x: 10, y: 10, width: 50, height: 40 }] })))) done++;
      if (done === 4 && (await call('POST', '/api/v1/projects/1/tasks/next', {})).status === 200) {
        holder = name;
        break;
      }
    }
    assert.equal(done, 4);
    assert.ok(holder, 'someone holds a task');
    await page.goto(`${h.url}/projects/1`);
    const items = String((await (await signedInApi(h.url, 'manager@demo.local', DEMO_PASSWORD))('GET', '/api/v1/projects/1/progress')).body.items);
    await page.waitForFunction((n) => document.querySelector('[data-testid=stat-items]')?.textContent === n, Number(items).toLocaleString('en-US'));
    await page.getByRole('cell', { name: holder }).waitFor();
    await page.locator('.chart-canvas canvas').waitFor();
    await page.waitForTimeout(300);
    await h.screenshot(page, 'overview');
    copyFileSync(join(SCREENSHOTS, 'overview.png'), join(import.meta.dirname, '../../docs/screenshots/overview.png'));
  });

  it('lists users and roles', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('cell', { name: 'annotator@demo.local' }).waitFor();
    const emails = await page.locator('table tbody td:nth-child(2)').allInnerTexts();
    for (const email of ['admin@demo.local', 'manager@demo.local', 'reviewer@demo.local', 'annotator@demo.local']) assert.ok(emails.includes(email), email);
    await h.screenshot(page, 'users');
  });

  it('answers a project id that is not a number like a missing project, without asking the API about NaN', async () => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (/NaN|\/abc/.test(r.url()) && r.url().includes('/api/')) asked.push(r.url());
    });
    for (const path of ['/projects/abc', '/projects/abc/import', '/projects/abc/data', '/quality/abc']) {
      await page.goto(`${h.url}${path}`);
      await page.getByText('Project abc not found.').waitFor();
    }
    assert.deepEqual(asked, []);
  });

  it('says a refused export filter beside its field, in plain words', async () => {
    await page.goto(`${h.url}/projects/1/data`);
    const form = page.getByRole('form', { name: 'Export' });
    await form.getByLabel('Only these labels').fill('unicorn');
    await form.getByRole('button', { name: 'Start the export' }).click();
    const said = form.locator('.field-error', { hasText: 'unicorn' });
    await said.waitFor();
    assert.match(await said.innerText(), /^This project has no label "unicorn"\. Its labels are: .*car/);
    assert.equal(await form.getByLabel('Only these labels').getAttribute('aria-invalid'), 'true');
    assert.equal(await form.locator('.note-error').count(), 0, 'not under the whole form');
  });

  it('tells an annotator in words that the manager screens are not open to them', async () => {
    const annotator = await h.newPage();
    await h.signIn(annotator, 'annotator@demo.local');
    await annotator.goto(`${h.url}/projects/1`);
    await annotator.getByRole('heading', { name: 'No access' }).waitFor();
    assert.match(await annotator.locator('main').innerText(), /not open to your role \(annotator\)/);
    assert.equal(await annotator.getByRole('link', { name: 'Projects' }).count(), 0, 'the navigation does not offer it');
    await h.screenshot(annotator, 'no-access');
  });
});
