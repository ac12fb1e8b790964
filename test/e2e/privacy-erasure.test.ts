/**
 * Erasure leaves nothing of an item behind: after `erase --subject`, neither any table (every row
 * of every table, read as text) nor any file of the data folder — the embedded database's own files
 * included — holds the item's text, metadata, annotations, review comment, file name or image bytes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Project } from '../../src/core/projects.ts';
import { FileStore } from '../../src/media/file-store.ts';
import { chainPendingEvents } from '../../src/services/audit/chain-events.ts';
import { recordAudit } from '../../src/services/audit/record.ts';
import { verifyTrail } from '../../src/services/audit/verify-trail.ts';
import { claimNextTask } from '../../src/services/claim-next-task.ts';
import { exportFormatNamed, planExport, writeExport } from '../../src/services/export-project.ts';
import { importItems } from '../../src/services/import-items.ts';
import { readItemContent, readItemThumbnail } from '../../src/services/item-content.ts';
import { contentForPool } from '../../src/services/privacy/content-for-pool.ts';
import { eraseItems, parseSubjectKey, subjectItemIds } from '../../src/services/privacy/erase-items.ts';
import { saveItemMasks } from '../../src/services/privacy/item-masks.ts';
import { reviewAnnotation } from '../../src/services/review-annotation.ts';
import { submitAnnotation } from '../../src/services/submit-annotation.ts';
import { createWorkCache } from '../../src/services/work-cache.ts';
import { searchAuditEvents } from '../../src/store/audit-search.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { finishExport, insertExport } from '../../src/store/exports.ts';
import { findItem } from '../../src/store/items.ts';
import { migrate } from '../../src/store/migrate.ts';
import { actorOf, makeProject, makeUser } from '../support/fixtures.ts';
import { engineSkipReason, openPostgresTestStore } from '../support/databases.ts';

const SECRET_TEXT = 'Zebulon Quixote-7731 was admitted on Tuesday with chest pain';
const NEEDLES = ['Zebulon', 'Quixote-7731', 'p-7731', 'zebulon-note', 'about Zebulon'];

/** Rows of every table in every schema whose text holds the needle: `schema.table` → count. */
async function tablesHolding(store: Store, needle: string): Promise<Record<string, number>> {
  const tables = await sql<{ s: string; t: string }>`
    SELECT table_schema AS s, table_name AS t FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`.execute(store.db);
  const found: Record<string, number> = {};
  for (const { s, t } of tables.rows) {
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(`${s}.${t}`)} AS r WHERE r::text LIKE ${`%${needle}%`}`.execute(store.db);
    const n = Number(rows.rows[0]!.n);
    if (n > 0) found[`${s}.${t}`] = n;
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function filesHolding(dir: string, needle: Buffer): string[] {
  return filesUnder(dir).filter((f) => readFileSync(f).includes(needle));
}

async function noiseImage(seed: number): Promise<Buffer> {
  const data = Buffer.alloc(64 * 48 * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = 30 + ((s >>> 16) % 220);
  }
  return sharp(data, { raw: { width: 64, height: 48, channels: 3 } }).png().toBuffer();
}

interface Setup {
  store: Store;
  dataDir: string;
  files: FileStore;
  exportsDir: string;
}

function erasureSuite(name: string, skip: string | false, open: () => Promise<Setup>) {
  describe(`erasure leaves nothing behind [${name}]`, { skip }, () => {
    let s: Setup;
    let http: Server;
    let imageUrl = '';
    const cache = createWorkCache();
    before(async () => {
      s = await open();
      http = createServer((_req, res) => {
        void noiseImage(3).then((png) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
      });
      await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
      const address = http.address();
      imageUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/scan.png`;
    });
    after(async () => {
      http?.close();
      await s?.store.close();
    });

    it('erases a data subject: texts, images, annotations, reviews, files, exports; tombstones stay and the chain holds', async () => {
      const { store, files, dataDir, exportsDir } = s;
      const db = store.db;
      const admin = actorOf(await makeUser(db, 'admin'));
      const annotator = actorOf(await makeUser(db, 'annotator'));
      const reviewer = actorOf(await makeUser(db, 'reviewer'));

      // A text project: the subject's note and someone else's.
      const texts = await makeProject(store, { kind: 'text' });
      const sourceDir = mkdtempSync(join(tmpdir(), 'atelier-erase-src-'));
      const jsonl = join(sourceDir, 'notes.jsonl');
      writeFileSync(jsonl, [
        JSON.stringify({ id: 'zebulon-note', text: SECRET_TEXT, metadata: { patient: 'p-7731', ward: 'cardiology' } }),
        JSON.stringify({ id: 'other-note', text: 'Another patient was seen on Monday.', metadata: { patient: 'p-1000' } }),
      ].join('\n'));
      await importItems(store, { project: texts, source: { format: 'jsonl', path: jsonl }, createdBy: admin.user.id, files });

      // An image project: the subject's scan (stored file and a fetched URL) and one shared with another patient.
      const images = await makeProject(store, { kind: 'image' });
      const scan = await noiseImage(1);
      const shared = await noiseImage(2);
      mkdirSync(join(sourceDir, 'img'));
      writeFileSync(join(sourceDir, 'img', 'scan.png'), scan);
      writeFileSync(join(sourceDir, 'img', 'shared.png'), shared);
      const imageLines = join(sourceDir, 'images.jsonl');
      writeFileSync(imageLines, [
        JSON.stringify({ id: 'scan', image: 'img/scan.png', metadata: { patient: 'p-7731' } }),
        JSON.stringify({ id: 'remote', image: imageUrl, metadata: { patient: 'p-7731' } }),
        JSON.stringify({ id: 'shared-a', image: 'img/shared.png', metadata: { patient: 'p-7731' } }),
        JSON.stringify({ id: 'shared-b', image: 'img/shared.png', metadata: { patient: 'p-2000' } }),
      ].join('\n'));
      await importItems(store, { project: images, source: { format: 'jsonl', path: imageLines }, createdBy: admin.user.id, files });

      const subject = parseSubjectKey('patient=p-7731');
      const ids = await subjectItemIds(db, subject, null);
      assert.equal(ids.length, 4);

      // Work on the note: a span annotation quoting the name, a review comment naming him.
      const claimed = (await claimNextTask(db, { actor: annotator, project: texts }, cache))!;
      const note = claimed.item.text === SECRET_TEXT ? claimed : (await claimNextTask(db, { actor: annotator, project: texts }, cache))!;
      assert.equal(note.item.text, SECRET_TEXT);
      const { annotation } = await submitAnnotation(db, {
        actor: annotator,
        taskId: note.task.id,
        result: { choices: { sentiment: ['negative'] }, regions: [{ control: 'entities', kind: 'span', label: 'PER', start: 0, end: 20, text: 'Zebulon Quixote-7731' }] },
      }, cache);
      await store.transaction((tx) => reviewAnnotation(tx, { actor: reviewer, annotationId: annotation.id, decision: 'reject', comment: 'the date is wrong, ask about Zebulon' }, cache));

      // Derived files of the images: thumbnails, the fetched copy, masked renditions for a vendor.
      const vendor = { kind: 'vendor' as const, clearance: 'restricted' as const, regions: ['*'] };
      for (const id of ids.filter((i) => i !== note.item.id)) {
        const item = (await findItem(db, id))!;
        await readItemContent(db, files, item);
        await readItemThumbnail(db, files, item);
        await store.transaction((tx) => saveItemMasks(tx, files, admin, id, [{ kind: 'bbox', x: 1, y: 1, width: 10, height: 10 }]));
        await contentForPool(db, files, item, vendor);
      }
      const sharedB = (await subjectItemIds(db, { key: 'patient', value: 'p-2000' }, images.id))[0]!;
      await readItemThumbnail(db, files, (await findItem(db, sharedB))!);

      // An export of each project, in the data folder.
      for (const project of [texts, images] as Project[]) {
        const plan = await planExport(db, project, { format: exportFormatNamed(project.itemKind === 'text' ? 'jsonl' : 'coco').name, selection: 'all', filters: {} });
        const record = await insertExport(db, { projectId: project.id, jobId: null, format: plan.format.name, selection: 'all', filters: {}, createdBy: admin.user.id });
        const name = `export-${record.id}.${project.itemKind === 'text' ? 'jsonl' : 'json'}`;
        const outcome = await writeExport({ db, files }, plan, join(exportsDir, name));
        await finishExport(db, record.id, { status: 'ready', file: name, bytes: outcome.bytes, summary: outcome.summary });
      }
      await recordAudit(db, reviewer, { action: 'item.read', subjectType: 'item', subjectId: note.item.id, projectId: texts.id, details: { part: 'content' } });

      // Before: the needles are there (so that the search below can find them at all).
      assert.ok(Object.keys(await tablesHolding(store, 'Quixote-7731')).length >= 2);
      assert.ok(filesHolding(exportsDir, Buffer.from('Quixote-7731')).length === 1);
      const scanSlice = scan.subarray(200, 264);
      assert.equal(filesHolding(files.root, scanSlice).length, 1);

      const report = await eraseItems({ store, files, exportsDir }, ids, { actor: admin, basis: 'subject' });
      assert.equal(report.items, 4);
      assert.equal(report.annotations, 1);
      assert.equal(report.reviews, 1);
      assert.equal(report.exports, 2, 'both exports made since the items arrived are gone');
      // The scan and the fetched copy, three thumbnails, three masked renditions (the shared file stays).
      assert.equal(report.files, 8);
      assert.match(report.outside.join('\n'), /127\.0\.0\.1/, 'the remote source is named as not ours to delete');
      assert.equal(report.scrubbed, store.engine === 'pglite');

      for (const needle of NEEDLES) {
        assert.deepEqual(await tablesHolding(store, needle), {}, `no table holds "${needle}"`);
        assert.deepEqual(filesHolding(dataDir, Buffer.from(needle)), [], `no file holds "${needle}"`);
      }
      const scanSha = createHash('sha256').update(scan).digest('hex');
      assert.deepEqual(await tablesHolding(store, scanSha), {});
      assert.deepEqual(filesHolding(dataDir, scanSlice), [], 'no file holds the scan');
      assert.deepEqual(filesHolding(dataDir, (await noiseImage(3)).subarray(200, 264)), [], 'no file holds the fetched copy');
      assert.equal(filesHolding(files.root, shared.subarray(200, 264)).length, 1, 'the file another item shares stays');
      assert.ok(await findItem(db, sharedB));

      await chainPendingEvents(store, { wait: true });
      const tombstones = await searchAuditEvents(db, { action: 'erasure.run', limit: 10 });
      assert.deepEqual(tombstones.map((t) => Number(t.subjectId)).sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
      assert.ok(tombstones.every((t) => t.actorId === admin.user.id && (t.details as { basis: string }).basis === 'subject'));
      assert.equal((await verifyTrail(store)).ok, true);

      // The last item holding the shared file takes it along.
      const last = await eraseItems({ store, files, exportsDir }, [sharedB], { actor: admin, basis: 'item' });
      assert.equal(last.items, 1);
      assert.deepEqual(filesHolding(dataDir, shared.subarray(200, 264)), []);
      assert.deepEqual(await eraseItems({ store, files, exportsDir }, [sharedB], { actor: admin, basis: 'item' }), { ...last, items: 0, tasks: 0, annotations: 0, reviews: 0, files: 0, exports: 0, webhookDeliveries: 0, outside: [], scrubbed: false }, 'erasing again finds nothing');
    });
  });
}

function folders(): Omit<Setup, 'store'> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-erase-'));
  return { dataDir, files: new FileStore(join(dataDir, 'files')), exportsDir: join(dataDir, 'exports') };
}

erasureSuite('pglite, database in the data folder', false, async () => {
  const f = folders();
  const store = await openStore({ engine: 'pglite', dataDir: f.dataDir });
  await migrate(store);
  return { store, ...f };
});

erasureSuite('postgres', engineSkipReason('postgres'), async () => ({ store: await openPostgresTestStore(), ...folders() }));
