/**
 * A vendor user never receives an unredacted PII string or an unmasked pixel, through any route
 * that serves item content: the claim, the item, its content, thumbnail, annotations and
 * predictions, and the review and adjudication queues, which carry the items they list. Property test: each run imports generated texts (with planted PII in the text, the
 * metadata and the external id) and noise images with generated masks, then a vendor annotator
 * works through them over HTTP; every byte sent to the vendor is searched.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import fc from 'fast-check';
import sharp from 'sharp';
import { generatePiiDocument } from '../../src/core/pii/synthetic-text.ts';
import { seededRandom } from '../../src/core/quality/seeded-random.ts';
import type { Project } from '../../src/core/projects.ts';
import type { User } from '../../src/core/users.ts';
import { maskCoverage, type MaskRegion } from '../../src/media/mask-image.ts';
import { importItems } from '../../src/services/import-items.ts';
import { addUser } from '../../src/services/manage-users.ts';
import { insertPool, upsertMember } from '../../src/store/pools.ts';
import { setRoutingPolicy } from '../../src/services/routing/set-routing-policy.ts';
import { saveItemStates } from '../../src/store/item-states.ts';
import { describeEachEngine } from '../support/databases.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { boxSchema, makeProject, nerSchema } from '../support/fixtures.ts';

const W = 40;
const H = 30;

function noise(seed: number): Buffer {
  const random = seededRandom(seed);
  const data = Buffer.alloc(W * H * 3);
  for (let i = 0; i < data.length; i++) data[i] = 40 + Math.floor(random() * 200);
  return data;
}

const regionArb: fc.Arbitrary<MaskRegion> = fc.oneof(
  fc.record({ kind: fc.constant('bbox' as const), x: fc.integer({ min: 0, max: W - 2 }), y: fc.integer({ min: 0, max: H - 2 }), width: fc.integer({ min: 2, max: W }), height: fc.integer({ min: 2, max: H }) }),
  fc.record({ kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(fc.integer({ min: 0, max: W }), fc.integer({ min: 0, max: H })), { minLength: 3, maxLength: 5 }) }),
);

describeEachEngine('a vendor never receives PII or masked pixels', (ctx) => {
  let t: TestApp;
  let texts: Project;
  let images: Project;
  let vendor: { user: User; cookie: string };
  let vendorReviewer: { cookie: string };
  let manager: { cookie: string };
  let run = 0;

  before(async () => {
    t = await startTestApp(ctx.store);
    const db = ctx.store.db;
    manager = await t.signedIn('manager');
    texts = await makeProject(ctx.store, { kind: 'text', schema: nerSchema });
    images = await makeProject(ctx.store, { kind: 'image', schema: boxSchema });
    const key = `acme-${process.pid}-${Date.now() % 100000}`;
    const pool = await insertPool(db, { key, name: 'Acme', kind: 'vendor', vendor: 'Acme Ltd', costModel: null, regions: ['*'], clearance: 'restricted', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    const email = `vendor-${key}@acme.test`;
    const user = await addUser(db, { email, role: 'annotator', password: TEST_PASSWORD });
    await upsertMember(db, pool.id, user.id, 'annotator');
    const system = { user, via: 'system' as const, scopes: null };
    for (const project of [texts, images]) {
      await ctx.store.transaction((tx) => setRoutingPolicy(tx, { actor: system, project, policy: { rules: [{ name: 'all to acme', when: {}, to: [{ pool: key, weight: 1 }] }] } }));
    }
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    vendor = { user, cookie: String(login.headers['set-cookie']).split(';')[0]! };
    const reviewerEmail = `reviewer-${key}@acme.test`;
    const reviewer = await addUser(db, { email: reviewerEmail, role: 'reviewer', password: TEST_PASSWORD });
    await upsertMember(db, pool.id, reviewer.id, 'reviewer');
    const reviewerLogin = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: reviewerEmail, password: TEST_PASSWORD } });
    assert.equal(reviewerLogin.statusCode, 200, reviewerLogin.body);
    vendorReviewer = { cookie: String(reviewerLogin.headers['set-cookie']).split(';')[0]! };
  });
  after(async () => t?.close());

  /** The masks of every image imported so far (a failed run leaves work for the next one). */
  const coverageOf = new Map<number, Uint8Array>();
  /** Every response the vendor gets, kept to be searched. */
  const received: Buffer[] = [];
  async function asVendor(method: 'GET' | 'POST', url: string, payload?: object, cookie = vendor.cookie) {
    const response = await t.request({ method, url, cookie, ...(payload ? { payload } : {}) });
    received.push(response.rawPayload);
    return response;
  }

  /** The vendor's reviewer reads the labelled texts from the review queue, then from the experts'. */
  async function readQueues(project: Project): Promise<void> {
    const db = ctx.store.db;
    const labelled = [...new Set((await db.selectFrom('annotations').select('item_id').where('project_id', '=', project.id).execute()).map((r) => r.item_id))];
    for (const [stage, queue] of [['review', 'review-queue'], ['adjudication', 'adjudication-queue']] as const) {
      await saveItemStates(db, labelled.map((itemId) => ({ projectId: project.id, itemId, stage, consensus: null, method: 'test', confidence: null, agreement: null, reason: 'low_agreement' })));
      const page = await asVendor('GET', `/api/v1/projects/${project.id}/${queue}?limit=100`, undefined, vendorReviewer.cookie);
      assert.equal(page.statusCode, 200, page.body);
      const entries = page.json().items as { item: { text: string | null }; annotations: { result: { regions: { start: number; end: number; text?: string }[] } }[] }[];
      assert.ok(entries.length > 0, `the vendor's reviewer sees the ${queue}`);
      // Spans stand on the text the pool sees, as in the item's own routes.
      for (const e of entries) for (const a of e.annotations) for (const r of a.result.regions) assert.equal(e.item.text!.slice(r.start, r.end), r.text);
    }
    // The reviewer accepts the vendor's latest labels, and the vendor reads that feedback.
    const latest = await db.selectFrom('annotations').select('id').where('project_id', '=', project.id).where('annotator_id', '=', vendor.user.id).orderBy('id', 'desc').limit(2).execute();
    for (const a of latest) {
      const accepted = await t.request({ method: 'POST', url: `/api/v1/annotations/${a.id}/reviews`, cookie: vendorReviewer.cookie, payload: { decision: 'accept' } });
      assert.ok([201, 409].includes(accepted.statusCode), accepted.body);
    }
    const feedback = await asVendor('GET', '/api/v1/me/feedback');
    assert.equal(feedback.statusCode, 200, feedback.body);
    assert.ok((feedback.json().feedback as unknown[]).length > 0, 'the vendor has feedback to read');
  }

  async function workThrough(project: Project, onTask: (claim: { task: { id: number }; item: { id: number; text: string | null } }) => Promise<void>): Promise<number> {
    let done = 0;
    for (;;) {
      const next = await asVendor('POST', `/api/v1/projects/${project.id}/tasks/next`, {});
      if (next.statusCode === 204) return done;
      assert.equal(next.statusCode, 200, next.body);
      const claim = next.json();
      for (const part of ['', '/content', '/annotations', '/predictions']) await asVendor('GET', `/api/v1/items/${claim.item.id}${part}`);
      await onTask(claim);
      done++;
    }
  }

  it('over generated texts and images, through every item route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.integer(), fc.array(regionArb, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 2 }), async (textSeeds, imageSpecs) => {
        run++;
        received.length = 0;
        const dir = mkdtempSync(join(tmpdir(), 'atelier-vendor-'));
        const needles = new Set<string>();
        const lines = textSeeds.map((seed, i) => {
          const { text, planted } = generatePiiDocument(seededRandom(seed), 300);
          for (const p of planted) needles.add(p.text);
          const patient = `Zorro Patient${run}x${i}`;
          needles.add(patient);
          const id = `mail-${run}-${i}@client${run}.example`;
          needles.add(id);
          return JSON.stringify({ id, text, metadata: { patient, ward: 'west' }, sensitivity: 'confidential' });
        });
        writeFileSync(join(dir, 'texts.jsonl'), lines.join('\n'));
        await importItems(ctx.store, { project: texts, source: { format: 'jsonl', path: join(dir, 'texts.jsonl') }, createdBy: null, files: t.ctx.files });

        const masks = new Map<string, MaskRegion[]>();
        const imageLines = await Promise.all(
          imageSpecs.map(async ([seed, regions], i) => {
            const file = join(dir, `scan-${i}.png`);
            writeFileSync(file, await sharp(noise(seed), { raw: { width: W, height: H, channels: 3 } }).png().toBuffer());
            masks.set(`scan-${run}-${i}`, regions);
            return JSON.stringify({ id: `scan-${run}-${i}`, image: file, metadata: { patient: `Zorro Patient${run}img${i}` } });
          }),
        );
        for (let i = 0; i < imageSpecs.length; i++) needles.add(`Zorro Patient${run}img${i}`);
        writeFileSync(join(dir, 'images.jsonl'), imageLines.join('\n'));
        const imported = await importItems(ctx.store, { project: images, source: { format: 'jsonl', path: join(dir, 'images.jsonl') }, createdBy: null, files: t.ctx.files });
        assert.equal(imported.imported, imageSpecs.length);
        // The manager masks every new image before anyone works on it.
        const items = await ctx.store.db.selectFrom('items').select(['id', 'external_id as externalId']).where('project_id', '=', images.id).where('external_id', 'in', [...masks.keys()]).execute();
        assert.equal(items.length, imageSpecs.length);
        for (const item of items) {
          const regions = masks.get(item.externalId!)!;
          const saved = await t.request({ method: 'PUT', url: `/api/v1/items/${item.id}/masks`, cookie: manager.cookie, payload: { regions } });
          assert.equal(saved.statusCode, 200, saved.body);
          coverageOf.set(item.id, maskCoverage(regions, W, H));
        }

        // The vendor labels every text, marking the first placeholder it sees as a person.
        await workThrough(texts, async (claim) => {
          const seen = claim.item.text!;
          const start = seen.indexOf('[');
          const end = seen.indexOf(']', start) + 1;
          const regions = start >= 0 ? [{ control: 'entities', kind: 'span', label: 'PER', start, end, text: seen.slice(start, end) }] : [];
          const submitted = await asVendor('POST', `/api/v1/tasks/${claim.task.id}/annotations`, { result: { choices: { sentiment: ['positive'] }, regions } });
          assert.equal(submitted.statusCode, 201, submitted.body);
          await asVendor('GET', `/api/v1/items/${claim.item.id}/annotations`);
          // Staff see the span on the original text, exactly on the string the placeholder replaced.
          const stored = (await t.request({ method: 'GET', url: `/api/v1/items/${claim.item.id}/annotations`, cookie: manager.cookie })).json().annotations as { result: { regions: { start: number; end: number; text?: string }[] } }[];
          const item = (await t.request({ method: 'GET', url: `/api/v1/items/${claim.item.id}`, cookie: manager.cookie })).json() as { text: string };
          for (const r of stored.at(-1)!.result.regions) {
            assert.equal(item.text.slice(r.start, r.end), r.text);
            assert.ok(needles.has(r.text!), `the vendor's span lands on a planted value, not "${r.text}"`);
          }
        });

        await readQueues(texts);

        // And draws on every image: what it got has the masks painted in.
        await workThrough(images, async (claim) => {
          const content = await asVendor('GET', `/api/v1/items/${claim.item.id}/content`);
          await asVendor('GET', `/api/v1/items/${claim.item.id}/thumbnail`);
          const { data, info } = await sharp(content.rawPayload).raw().toBuffer({ resolveWithObject: true });
          const coverage = coverageOf.get(claim.item.id)!;
          for (let p = 0; p < W * H; p++) {
            if (coverage[p]) assert.deepEqual([...data.subarray(p * info.channels, p * info.channels + 3)], [0, 0, 0], `pixel ${p} of item ${claim.item.id} is masked`);
          }
          const submitted = await asVendor('POST', `/api/v1/tasks/${claim.task.id}/annotations`, { result: { choices: {}, regions: [{ control: 'objects', kind: 'bbox', label: 'car', x: 1, y: 1, width: 3, height: 3 }] } });
          assert.equal(submitted.statusCode, 201, submitted.body);
        });

        for (const needle of needles) {
          const hit = received.findIndex((body) => body.includes(Buffer.from(needle)));
          assert.equal(hit, -1, `"${needle}" reached the vendor`);
        }
      }),
      { numRuns: 4 },
    );
  });
});
