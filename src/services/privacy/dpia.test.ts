import assert from 'node:assert/strict';
import { it, test } from 'node:test';
import type { Pool } from '../../core/workforce.ts';
import { insertItemsWithTasks } from '../../store/items.ts';
import { insertPool, setProjectPools, upsertMember } from '../../store/pools.ts';
import { insertPolicyVersion } from '../../store/routing.ts';
import { actorOf, makeProject, makeUser, textItem } from '../../../test/support/fixtures.ts';
import { describeEachEngine, inCi } from '../../../test/support/databases.ts';
import { auditItemRead } from '../audit/record.ts';
import { projectDpia } from './dpia-gather.ts';
import { findChromium, printPdf } from './dpia-pdf.ts';
import { renderHtml, renderMarkdown } from '../../core/documents.ts';
import { dpiaBlocks } from './dpia-render.ts';
import { assessRisks, buildDpia, type DpiaFacts } from './dpia.ts';
import { setMetadataRule, updatePrivacySettings } from './project-privacy.ts';
import { DEFAULT_PRIVACY } from './privacy-settings.ts';

const basePool: Pool = { id: 1, key: 'staff', name: 'Staff', kind: 'in_house', vendor: null, costModel: null, regions: ['eu'], clearance: 'restricted', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} };

function facts(overrides: Partial<DpiaFacts> = {}): DpiaFacts {
  return {
    generatedAt: new Date('2025-01-01T00:00:00Z'),
    project: { id: 1, name: 'Claims', itemKind: 'text', defaultSensitivity: 'internal', defaultRegion: 'eu' },
    groups: [
      { kind: 'text', sensitivity: 'internal', region: 'eu', language: 'en', items: 80 },
      { kind: 'text', sensitivity: 'restricted', region: 'eu', language: 'en', items: 5 },
    ],
    metadataKeys: [{ key: 'patient_name', items: 85 }, { key: 'ward', items: 85 }],
    pii: { sampled: 85, withPii: 40, byType: { name: 30, email: 12 } },
    pools: [{ pool: basePool, members: 4, metadataRule: null }],
    policy: null,
    settings: { ...DEFAULT_PRIVACY, retentionDays: 365 },
    maskedImages: 0,
    oldestItem: new Date('2024-12-01T00:00:00Z'),
    access: { sinceDays: 90, figures: [], failedSignIns: 0 },
    chain: { ok: true, events: 10, brokenAt: null },
    ...overrides,
  };
}

test('a well-kept project has no open risk', () => {
  assert.deepEqual(buildDpia(facts()).risks, []);
});

test('finds the risks the configuration shows, most serious first', () => {
  const vendor: Pool = { ...basePool, id: 2, key: 'acme', name: 'Acme', kind: 'vendor', vendor: 'Acme Ltd', clearance: 'restricted', regions: ['*'] };
  const report = buildDpia(
    facts({
      pools: [{ pool: basePool, members: 4, metadataRule: null }, { pool: vendor, members: 20, metadataRule: ['patient_name'] }],
      policy: { version: 3, policy: { rules: [{ name: 'exception: overflow to Acme', when: { sensitivity: ['restricted'] }, to: [{ pool: 'acme', weight: 1 }] }] } },
      settings: { ...DEFAULT_PRIVACY, redactPoolKinds: [], redactTypes: ['email'], retentionDays: null },
      chain: { ok: false, events: 9, brokenAt: 'event 4: changed' },
      access: { sinceDays: 90, figures: [], failedSignIns: 25 },
    }),
  );
  const titles = report.risks.map((r) => `${r.level} ${r.title}`);
  assert.deepEqual(titles, [
    'high The audit trail is broken',
    'high Restricted items reachable by vendor pool acme',
    'high Routing rule "exception: overflow to Acme" sends restricted items out',
    'high Unredacted texts for vendor pool acme',
    'medium Personal metadata visible to acme',
    'medium No retention period',
    'low acme may work from any region',
    'low Many refused sign-ins',
  ]);
  const acme = report.poolViews.find((v) => v.key === 'acme')!;
  assert.equal(acme.reachable, 85);
  assert.equal(acme.reachableBySensitivity.restricted, 5);
  assert.equal(acme.redacted, false);
  assert.deepEqual(acme.metadata, ['patient_name']);
});

test('a vendor kept below confidential by its clearance raises no reach risk; a redacting setup flags unredacted types', () => {
  const vendor: Pool = { ...basePool, id: 2, key: 'acme', kind: 'vendor', clearance: 'internal' };
  const f = facts({ pools: [{ pool: vendor, members: 3, metadataRule: [] }], settings: { ...DEFAULT_PRIVACY, redactTypes: ['email'], retentionDays: 365 } });
  const risks = assessRisks(f, buildDpia(f).poolViews);
  assert.deepEqual(risks.map((r) => r.title), ['PII types found but not redacted']);
  assert.match(risks[0]!.detail, /^name found/);
});

test('names redacted for a pool outside are flagged as found from lists, with who gets what the lists miss', () => {
  const vendor: Pool = { ...basePool, id: 2, key: 'acme', kind: 'vendor', clearance: 'internal' };
  const f = (redactTypes: DpiaFacts['settings']['redactTypes']) => facts({ pools: [{ pool: vendor, members: 3, metadataRule: [] }], settings: { ...DEFAULT_PRIVACY, redactTypes, retentionDays: 365 } });
  const withNames = assessRisks(f(['name', 'email']), buildDpia(f(['name', 'email'])).poolViews);
  assert.deepEqual(withNames.map((r) => [r.level, r.title]), [['low', 'Names are found from name lists']]);
  assert.match(withNames[0]!.detail, /reaches acme as written/);
  assert.ok(!assessRisks(f(['email']), buildDpia(f(['email'])).poolViews).some((r) => r.title.startsWith('Names are found')));
});

test('a rule shadowed by an earlier one that keeps sensitive items in-house is no exception', () => {
  const vendor: Pool = { ...basePool, id: 2, key: 'acme', kind: 'vendor', clearance: 'restricted' };
  const rest = { name: 'rest', when: {}, to: [{ pool: 'acme', weight: 1 }] };
  const policy = (first: object) => ({ version: 1, policy: { rules: [{ name: 'keep', when: first, to: [{ pool: 'staff', weight: 1 }] }, rest] } });
  const exceptions = (first: object) =>
    buildDpia(facts({ pools: [{ pool: vendor, members: 1, metadataRule: [] }], policy: policy(first) })).risks.filter((r) => r.title.startsWith('Routing rule')).map((r) => r.title);
  assert.deepEqual(exceptions({ sensitivityAtLeast: 'confidential' }), []);
  assert.deepEqual(exceptions({ sensitivity: ['restricted'] }), ['Routing rule "rest" sends confidential items out']);
  assert.deepEqual(exceptions({ sensitivityAtLeast: 'confidential', region: ['eu'] }), ['Routing rule "rest" sends confidential items out'], 'an earlier rule on region too takes only part');
});

test('retention that is not applied is a risk', () => {
  const f = facts({ settings: { ...DEFAULT_PRIVACY, retentionDays: 10 }, oldestItem: new Date('2024-11-01T00:00:00Z') });
  assert.deepEqual(buildDpia(f).risks.map((r) => r.title), ['Items kept past their retention period']);
});

test('renders Markdown and HTML with every value escaped', () => {
  const report = buildDpia(facts({ project: { id: 1, name: 'Claims <script>alert(1)</script> | x', itemKind: 'text', defaultSensitivity: 'internal', defaultRegion: null } }));
  const blocks = dpiaBlocks(report);
  const md = renderMarkdown(blocks);
  assert.match(md, /^# Data-protection report: Claims \\<script\\>alert\(1\)\\<\/script\\> \| x$/m);
  assert.match(md, /\| restricted \| 5 \|/);
  const html = renderHtml(blocks, report.project.name);
  assert.ok(!html.includes('<script>'));
  assert.match(html, /&lt;script&gt;/);
});

describeEachEngine('the data-protection report from a real configuration', (ctx) => {
  it('reads pools, their reach over the actual items, the policy, settings, rules and the access figures', async () => {
    const db = ctx.store.db;
    const project = await makeProject(ctx.store);
    const unique = `${process.pid}${Date.now() % 100000}`;
    await insertItemsWithTasks(db, project.id, [
      textItem('Mail jane.doe@example.org about the claim.', { sensitivity: 'restricted', region: 'eu', metadata: { patient_name: 'x' } }),
      textItem('Nothing personal here at all.', { sensitivity: 'internal', region: 'eu' }),
      textItem('Call Marie Dupont tomorrow.', { sensitivity: 'confidential', region: 'us' }),
    ], 1);
    const staff = await insertPool(db, { key: `staff-${unique}`, name: 'Staff', kind: 'in_house', vendor: null, costModel: null, regions: ['*'], clearance: 'restricted', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    const acme = await insertPool(db, { key: `acme-${unique}`, name: 'Acme', kind: 'vendor', vendor: 'Acme Ltd', costModel: null, regions: ['eu'], clearance: 'restricted', skills: [], languages: ['*'], capacityHoursPerWeek: null, timeZone: null, sla: {} });
    await setProjectPools(db, project.id, [acme.id]);
    const annotator = await makeUser(db, 'annotator');
    await upsertMember(db, acme.id, annotator.id, 'annotator');
    await insertPolicyVersion(db, project.id, { rules: [{ name: 'all to acme', when: {}, to: [{ pool: acme.key, weight: 1 }] }] }, '', null);
    const manager = actorOf(await makeUser(db, 'manager'));
    await ctx.store.transaction((tx) => updatePrivacySettings(tx, manager, project.id, { ...DEFAULT_PRIVACY, retentionDays: 30 }));
    await ctx.store.transaction((tx) => setMetadataRule(tx, manager, project.id, acme.id, ['patient_name']));
    await auditItemRead(db, actorOf(annotator), { itemId: 1, projectId: project.id, poolId: acme.id, part: 'content', redacted: true });

    const report = await projectDpia(ctx.store, project.id, new Date());
    assert.equal(report.items, 3);
    assert.deepEqual(report.bySensitivity, { public: 0, internal: 1, confidential: 1, restricted: 1 });
    assert.equal(report.pii.sampled, 3);
    assert.equal(report.pii.withPii, 2);
    const views = Object.fromEntries(report.poolViews.map((v) => [v.key, v]));
    assert.equal(views[acme.key]?.reachable, 2, 'the us item is outside acme’s regions');
    assert.equal(views[acme.key]?.members, 1);
    assert.equal(views[acme.key]?.redacted, true);
    assert.equal(views[staff.key]?.reachable, 3);
    assert.equal(report.policy?.version, 1);
    assert.ok(report.access.figures.some((f) => f.action === 'item.redacted_read' && f.pool === acme.key && f.events === 1));
    assert.ok(report.access.figures.some((f) => f.action === 'policy.change' && f.events === 2));
    const titles = report.risks.map((r) => r.title);
    assert.ok(titles.includes(`Restricted items reachable by vendor pool ${acme.key}`));
    assert.ok(titles.includes(`Routing rule "all to acme" sends confidential items out`));
    assert.ok(titles.includes(`Personal metadata visible to ${acme.key}`));
    assert.equal(report.chain.ok, true);
  });
});

const chromium = findChromium();
test('prints the report to PDF through Chromium', { skip: chromium || inCi ? false : 'Chromium is not installed (apt-get install -y chromium)' }, async () => {
  const blocks = dpiaBlocks(buildDpia(facts()));
  const pdf = await printPdf(renderHtml(blocks, 'Claims'));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 2000, `${pdf.length} bytes`);
});
