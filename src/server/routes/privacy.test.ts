import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { findItem, insertItemsWithTasks } from '../../store/items.ts';
import { insertPool } from '../../store/pools.ts';
import { describeEachEngine } from '../../../test/support/databases.ts';
import { addTextItems, makeProject, textItem } from '../../../test/support/fixtures.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { findChromium } from '../../services/privacy/dpia-pdf.ts';

describeEachEngine('privacy routes', (ctx) => {
  let t: TestApp;
  let manager: { cookie: string };
  let admin: { cookie: string };
  let annotator: { cookie: string };
  before(async () => {
    t = await startTestApp(ctx.store);
    manager = await t.signedIn('manager');
    admin = await t.signedIn('admin');
    annotator = await t.signedIn('annotator');
  });
  after(async () => t.close());

  it('reads the defaults, refuses bad settings naming the field, saves good ones (managers only)', async () => {
    const project = await makeProject(ctx.store);
    const url = `/api/v1/projects/${project.id}/privacy`;
    const defaults = (await t.request({ method: 'GET', url, cookie: manager.cookie })).json();
    assert.deepEqual(defaults.redactPoolKinds, ['vendor', 'crowd']);
    assert.equal(defaults.retentionDays, null);
    const settings = { ...defaults, redactBelowClearance: 'confidential', retentionDays: 90 };
    const bad = await t.request({ method: 'PUT', url, cookie: manager.cookie, payload: { ...settings, redactTypes: ['email', 'horoscope'] } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /redactTypes/);
    assert.equal((await t.request({ method: 'PUT', url, cookie: annotator.cookie, payload: settings })).statusCode, 403);
    const saved = await t.request({ method: 'PUT', url, cookie: manager.cookie, payload: settings });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await t.request({ method: 'GET', url, cookie: manager.cookie })).json().retentionDays, 90);
  });

  it('names the settings schema in the API document, for the body as for the answer, and refuses a key it does not take', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const put = doc.paths['/api/v1/projects/{id}/privacy'].put;
    assert.match(put.requestBody.content['application/json'].schema.$ref, /^#\/components\/schemas\/PrivacySettings(Input)?$/, 'not an inline copy');
    const project = await makeProject(ctx.store);
    const url = `/api/v1/projects/${project.id}/privacy`;
    const defaults = (await t.request({ method: 'GET', url, cookie: manager.cookie })).json();
    const refused = await t.request({ method: 'PUT', url, cookie: manager.cookie, payload: { ...defaults, retention: 30 } });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.body, /retention/);
  });

  it('sets which metadata fields a pool sees', async () => {
    const project = await makeProject(ctx.store);
    await insertItemsWithTasks(ctx.store.db, project.id, [textItem('a', { metadata: { ward: 'x', patient: 'y' } })], 1);
    const pool = await insertPool(ctx.store.db, { key: `v-${process.pid}-${Date.now() % 100000}`, name: 'V', kind: 'vendor', vendor: 'V', costModel: null, regions: ['*'], clearance: 'internal', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    const url = `/api/v1/projects/${project.id}/metadata-rules`;
    assert.equal((await t.request({ method: 'PUT', url: `${url}/999999`, cookie: manager.cookie, payload: { allowedKeys: ['ward'] } })).statusCode, 404);
    assert.equal((await t.request({ method: 'PUT', url: `${url}/${pool.id}`, cookie: manager.cookie, payload: { allowedKeys: ['ward'] } })).statusCode, 204);
    const listed = (await t.request({ method: 'GET', url, cookie: manager.cookie })).json();
    assert.deepEqual(listed.rules, [{ poolId: pool.id, allowedKeys: ['ward'] }]);
    assert.deepEqual(listed.keys, [{ key: 'patient', items: 1 }, { key: 'ward', items: 1 }]);
    assert.equal((await t.request({ method: 'PUT', url: `${url}/${pool.id}`, cookie: manager.cookie, payload: { allowedKeys: null } })).statusCode, 204);
    assert.deepEqual((await t.request({ method: 'GET', url, cookie: manager.cookie })).json().rules, []);
  });

  it('saves mask regions of an image as new versions; refuses texts and bad shapes', async () => {
    const project = await makeProject(ctx.store, { kind: 'image' });
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#808080' } }).png().toBuffer();
    const stored = await t.ctx.files.saveBytes(png, 'a.png');
    const [imageId] = await insertItemsWithTasks(ctx.store.db, project.id, [{ ...textItem(''), kind: 'image', text: null, contentUri: `file:${stored.path}`, mimeType: 'image/png', width: 20, height: 10 }], 1);
    const url = `/api/v1/items/${imageId}/masks`;
    assert.deepEqual((await t.request({ method: 'GET', url, cookie: manager.cookie })).json().version, 0);
    const regions = [{ kind: 'bbox', x: 1, y: 1, width: 5, height: 5 }, { kind: 'polygon', points: [[10, 1], [18, 1], [14, 8]] }];
    const first = await t.request({ method: 'PUT', url, cookie: manager.cookie, payload: { regions } });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().version, 1);
    assert.equal((await t.request({ method: 'PUT', url, cookie: manager.cookie, payload: { regions: regions.slice(0, 1) } })).json().version, 2);
    assert.deepEqual((await t.request({ method: 'GET', url, cookie: manager.cookie })).json().regions, regions.slice(0, 1));
    assert.equal((await t.request({ method: 'PUT', url, cookie: manager.cookie, payload: { regions: [{ kind: 'polygon', points: [[1, 1], [2, 2]] }] } })).statusCode, 400);
    const off = await t.request({ method: 'PUT', url, cookie: manager.cookie, payload: { regions: [{ kind: 'bbox', x: 15, y: 5, width: 10, height: 10 }, { kind: 'bbox', x: 20, y: 0, width: 5, height: 5 }] } });
    assert.equal(off.statusCode, 422, off.body);
    assert.match(off.json().error.message, /^regions\[1\]: lies outside the 20 × 10 image: it would mask nothing$/, 'the region partly inside is kept');
    assert.equal((await t.request({ method: 'GET', url, cookie: manager.cookie })).json().version, 2, 'nothing saved');
    assert.equal((await t.request({ method: 'PUT', url, cookie: annotator.cookie, payload: { regions } })).statusCode, 404, 'an annotator does not see the item');
    const [textId] = await addTextItems(ctx.store.db, await makeProject(ctx.store), 1);
    assert.equal((await t.request({ method: 'PUT', url: `/api/v1/items/${textId}/masks`, cookie: manager.cookie, payload: { regions } })).statusCode, 400);
  });

  it('erases items for admins only', async () => {
    const project = await makeProject(ctx.store);
    const ids = await addTextItems(ctx.store.db, project, 2);
    assert.equal((await t.request({ method: 'POST', url: '/api/v1/erasures', cookie: manager.cookie, payload: { itemIds: ids } })).statusCode, 403);
    const erased = await t.request({ method: 'POST', url: '/api/v1/erasures', cookie: admin.cookie, payload: { itemIds: ids } });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.equal(erased.json().items, 2);
    assert.equal(await findItem(ctx.store.db, ids[0]!), null);
    const none = await t.request({ method: 'POST', url: '/api/v1/erasures', cookie: admin.cookie, payload: { subject: 'patient=nobody' } });
    assert.equal(none.json().items, 0);
  });

  it('refuses to erase an item that does not exist (404, as the CLI\'s 66), erasing nothing, and speaks of the API\'s fields, not CLI flags', async () => {
    const project = await makeProject(ctx.store);
    const [kept] = await addTextItems(ctx.store.db, project, 1);
    const gone = await t.request({ method: 'POST', url: '/api/v1/erasures', cookie: admin.cookie, payload: { itemIds: [kept, 999_999_998, 999_999_999] } });
    assert.equal(gone.statusCode, 404, gone.body);
    assert.equal(gone.json().error.message, 'items 999999998, 999999999 not found');
    assert.notEqual(await findItem(ctx.store.db, kept!), null, 'nothing was erased');
    const badSubject = await t.request({ method: 'POST', url: '/api/v1/erasures', cookie: admin.cookie, payload: { subject: 'patient' } });
    assert.equal(badSubject.statusCode, 400, badSubject.body);
    assert.match(badSubject.json().error.message, /subject "patient" must be written KEY=VALUE/);
    assert.doesNotMatch(badSubject.json().error.message, /--/);
  });

  it('writes the data-protection report as JSON, Markdown and PDF for managers; not for annotators', async () => {
    const project = await makeProject(ctx.store);
    await insertItemsWithTasks(ctx.store.db, project.id, [textItem('Mail jane.doe@example.org now.', { sensitivity: 'restricted' })], 1);
    const url = `/api/v1/projects/${project.id}/dpia`;
    assert.equal((await t.request({ method: 'GET', url, cookie: annotator.cookie })).statusCode, 403);
    const json = (await t.request({ method: 'GET', url, cookie: manager.cookie })).json();
    assert.equal(json.items, 1);
    assert.equal(json.pii.withPii, 1);
    const auditor = await t.signedIn('auditor');
    assert.equal((await t.request({ method: 'GET', url, cookie: auditor.cookie })).json().items, 1, 'auditors read every report');
    const md = await t.request({ method: 'GET', url: `${url}?format=markdown`, cookie: manager.cookie });
    assert.match(String(md.headers['content-type']), /text\/markdown/);
    assert.match(md.body, /^# Data-protection report: /);
    if (findChromium()) {
      const pdf = await t.request({ method: 'GET', url: `${url}?format=pdf`, cookie: manager.cookie });
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    }
  });
});
