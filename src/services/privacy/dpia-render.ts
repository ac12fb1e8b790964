/**
 * The data-protection report as a document: its blocks (headings, paragraphs, tables, lists), which
 * core/documents.ts writes out as Markdown or as a self-contained HTML page (what Chromium prints to
 * PDF), every value escaped for the format it goes into.
 */
import { PRESET_DESCRIPTIONS } from '../../core/routing/policy.ts';
import { SENSITIVITIES } from '../../core/workforce.ts';
import type { Block } from '../../core/documents.ts';
import type { DpiaReport } from './dpia.ts';


const yes = (b: boolean): string => (b ? 'yes' : 'no');
const day = (d: Date): string => d.toISOString().slice(0, 10);

export function dpiaBlocks(r: DpiaReport): Block[] {
  const s = r.settings;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `Data-protection report: ${r.project.name}` },
    { kind: 'paragraph', text: `Project ${r.project.id} (${r.project.itemKind} items), generated ${r.generatedAt.toISOString()} from the configuration in force. ${r.risks.length} open risk(s).` },

    { kind: 'heading', level: 2, text: 'Open risks' },
    r.risks.length === 0 ? { kind: 'paragraph', text: 'None found.' } : { kind: 'table', head: ['level', 'risk', 'detail'], rows: r.risks.map((k) => [k.level.toUpperCase(), k.title, k.detail]) },

    { kind: 'heading', level: 2, text: 'Data categories and sensitivity' },
    { kind: 'paragraph', text: `${r.items} item(s); default sensitivity ${r.project.defaultSensitivity}, default region ${r.project.defaultRegion ?? 'none'}.` },
    { kind: 'table', head: ['sensitivity', 'items'], rows: SENSITIVITIES.map((x) => [x, String(r.bySensitivity[x])]) },
    { kind: 'table', head: ['kind', 'sensitivity', 'region', 'language', 'items'], rows: r.groups.map((g) => [g.kind, g.sensitivity, g.region ?? 'any', g.language ?? '—', String(g.items)]) },
    {
      kind: 'paragraph',
      text: r.pii.sampled === 0
        ? 'No texts to scan for personal data.'
        : `Personal data in texts: ${r.pii.withPii} of ${r.pii.sampled} sampled texts hold PII (${Object.entries(r.pii.byType).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}).`,
    },
    r.metadataKeys.length === 0 ? { kind: 'paragraph', text: 'Items carry no metadata fields.' } : { kind: 'table', head: ['metadata field', 'items (sample)'], rows: r.metadataKeys.map((k) => [k.key, String(k.items)]) },

    { kind: 'heading', level: 2, text: 'Pools, regions and clearances: who can see what' },
    { kind: 'paragraph', text: 'Reachable: items of this project whose sensitivity, region and language pass the pool’s hard limits (enforced where work is handed out and content served).' },
    {
      kind: 'table',
      head: ['pool', 'kind', 'vendor', 'regions', 'clearance', 'active members', 'reachable', 'restricted', 'confidential', 'redacted texts', 'masked images', 'metadata fields'],
      rows: r.poolViews.map((v) => [v.key, v.kind, v.vendor ?? '—', v.regions.join(', '), v.clearance, String(v.members), String(v.reachable), String(v.reachableBySensitivity.restricted), String(v.reachableBySensitivity.confidential), yes(v.redacted), yes(v.masked), v.metadata === 'all' ? 'all' : v.metadata.join(', ') || 'none']),
    },

    { kind: 'heading', level: 2, text: 'Routing policy' },
  ];
  if (!r.policy) blocks.push({ kind: 'paragraph', text: 'No routing policy: work is not routed to pools.' });
  else {
    const preset = r.policy.policy.preset;
    blocks.push({ kind: 'paragraph', text: `Version ${r.policy.version}${preset ? ` (preset ${preset}: ${PRESET_DESCRIPTIONS[preset]})` : '.'} The first rule that matches an item decides.` });
    blocks.push({ kind: 'table', head: ['rule', 'when', 'to'], rows: r.policy.policy.rules.map((rule) => [rule.name, JSON.stringify(rule.when), rule.to.map((t) => t.pool).join(', ')]) });
  }
  blocks.push(
    { kind: 'heading', level: 2, text: 'Redaction, masking and minimisation in force' },
    {
      kind: 'list',
      items: [
        `Texts redacted for pool kinds: ${s.redactPoolKinds.join(', ') || 'none'}${s.redactBelowClearance ? `; and for pools cleared below ${s.redactBelowClearance}` : ''}${s.redactRegions.length ? `; and for pools working from ${s.redactRegions.join(', ')}` : ''}.`,
        `PII types replaced by placeholders: ${s.redactTypes.join(', ') || 'none'}.`,
        `Images masked for pool kinds: ${s.maskPoolKinds.join(', ') || 'none'}; ${r.maskedImages} image(s) carry mask regions.`,
        'Metadata: each pool sees the fields of its rule; without a rule, in-house pools see all fields and outside pools none.',
      ],
    },
    { kind: 'heading', level: 2, text: 'Retention' },
    {
      kind: 'paragraph',
      text: `${s.retentionDays === null ? 'No retention period: items are kept until erased.' : `Items are erased ${s.retentionDays} days after import by the hourly sweep.`} Oldest item: ${r.oldestItem ? day(r.oldestItem) : 'none'}. Erasure on request: atelier erase --item ID or --subject KEY=VALUE.`,
    },
    { kind: 'heading', level: 2, text: `Access in the last ${r.access.sinceDays} days (audit trail)` },
    r.access.figures.length === 0
      ? { kind: 'paragraph', text: 'No recorded access to this project in the period.' }
      : { kind: 'table', head: ['action', 'pool', 'events', 'people'], rows: r.access.figures.map((f) => [f.action, f.pool ?? 'staff', String(f.events), String(f.actors)]) },
    {
      kind: 'paragraph',
      text: `Audit trail: ${r.chain.ok ? `verified, ${r.chain.events} events, chain intact` : `BROKEN (${r.chain.brokenAt})`}. Refused sign-ins (all projects): ${r.access.failedSignIns}.`,
    },
  );
  return blocks;
}
