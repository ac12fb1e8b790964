/**
 * The project report as a document: one list of blocks (headings, paragraphs, tables, charts)
 * written out as Markdown (charts left out) or as one self-contained HTML page with inline SVG
 * charts (no script, no external asset). Every value from the database is escaped for its format.
 */
import { COST_CATEGORIES, type CostCategory } from '../../core/cost/ledger.ts';
import type { TrueCost } from '../../core/cost/true-cost.ts';
import type { Proportion } from '../../core/metrics/stats.ts';
import type { MetricsRow } from './grouped-metrics.ts';
import type { ProjectReport, ReportPool } from './project-report.ts';
import { type Block, renderHtml, renderMarkdown } from '../../core/documents.ts';
import { lines, stackedBars, velocityChart } from './svg-charts.ts';


const DASH = '—';
const num = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? DASH : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const money = (amount: number, currency: string): string => `${num(amount, 2)} ${currency}`;
const percent = (p: Proportion | null): string => (p ? `${num(p.rate * 100)}% [${num(p.low * 100)}–${num(p.high * 100)}] of ${p.trials}` : DASH);
const costs = (list: readonly TrueCost[], pick: (c: TrueCost) => number | null): string =>
  list.map((c) => (pick(c) === null ? null : money(pick(c) as number, c.currency))).filter(Boolean).join(' + ') || DASH;
const SPENT: CostCategory[] = COST_CATEGORIES.filter((c) => c !== 'pending');

function costModel(p: ReportPool | undefined): string {
  const m = p?.costModel;
  if (!m) return 'not priced';
  return m.type === 'per_label' ? `${money(m.amount, m.currency)} a label` : m.type === 'per_hour' ? `${money(m.amount, m.currency)} an hour` : `${money(m.amount, m.currency)} a month`;
}

export function reportBlocks(r: ProjectReport, options: { charts?: boolean } = {}): Block[] {
  const pools = new Map(r.pools.map((p) => [p.key, p]));
  const names = new Map(r.annotators.map((a) => [a.id, a.name]));
  const t = r.totals;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `Cost, speed and quality: ${r.project.name}` },
    {
      kind: 'paragraph',
      text: `Project ${r.project.id}, work from ${r.window.from ?? 'the start'} to ${r.window.to}, as of ${r.window.now}.${r.scope ? ` Limited to the pools ${r.scope.join(', ')}.` : ''}${r.currency ? ` Amounts in ${r.currency}.` : ''}`,
    },
    { kind: 'heading', level: 2, text: 'Summary' },
    {
      kind: 'table',
      head: ['figure', 'value'],
      rows: [
        ['labels made', String(t.labels)],
        ['accepted labels', String(t.acceptedLabels)],
        ['cost per accepted label (true cost)', costs(t.cost, (c) => c.perAcceptedLabel)],
        ['total cost (pending work aside)', costs(t.cost, (c) => c.total)],
        ['pending work', costs(t.cost, (c) => c.pending)],
        ['labels per active hour', num(t.labelsPerHour)],
        ['items per active day', num(t.itemsPerDay)],
        ['turnaround p50 / p90 (hours, queued → accepted)', t.turnaroundHours ? `${num(t.turnaroundHours.p50)} / ${num(t.turnaroundHours.p90)}` : DASH],
        ['revision rate (corrected or rejected in review)', t.revision ? `${num(t.revision.rate * 100)}% of ${t.revision.reviewed}` : DASH],
        ['accuracy on gold', percent(t.goldAccuracy)],
        ['agreement with consensus', percent(t.agreement)],
        ['items left', String(r.velocity.remaining)],
        ['expected completion', forecastText(r)],
      ],
    },
    { kind: 'heading', level: 2, text: 'Cost per pool' },
  ];
  if (options.charts) {
    const currencies = [...new Set(r.byPool.flatMap((row) => row.cost.map((c) => c.currency)))].sort();
    for (const currency of currencies) {
      const bars = r.byPool
        .map((row) => ({ label: row.key.poolKey ?? DASH, perLabel: row.cost.find((c) => c.currency === currency)?.perLabel ?? null }))
        .filter((b) => b.perLabel !== null)
        .map((b) => ({ label: b.label, values: SPENT.map((c) => b.perLabel![c]) }));
      if (bars.length > 0) blocks.push({ kind: 'chart', svg: stackedBars(`Cost per accepted label by pool (${currency})`, SPENT, bars, currency) });
    }
  }
  blocks.push({
    kind: 'table',
    head: ['pool', 'cost model', 'currency', 'accepted', ...SPENT, 'total', 'per accepted label', 'pending'],
    rows: r.byPool.flatMap((row) =>
      row.cost.map((c) => [row.key.poolKey ?? DASH, costModel(pools.get(row.key.poolKey ?? '')), c.currency, String(c.acceptedLabels), ...SPENT.map((k) => num(c.breakdown[k], 2)), num(c.total, 2), num(c.perAcceptedLabel, 2), num(c.pending, 2)]),
    ),
  });
  const unpriced = t.unpriced;
  if (unpriced.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Work no cost model prices (pools without one, or in-house staff outside any pool): counted, not priced.' });
    blocks.push({ kind: 'table', head: ['pool', 'units', 'active hours'], rows: unpriced.map((u) => [u.poolKey, String(u.units), num(u.activeSeconds / 3600, 2)]) });
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Throughput and quality per pool' });
  if (options.charts) {
    const days = [...new Set(r.byPoolDay.map((row) => row.key.day ?? ''))].filter(Boolean).sort();
    const series = r.byPool.map((row) => ({
      name: row.key.poolKey ?? DASH,
      points: new Map(r.byPoolDay.filter((d) => d.key.poolKey === row.key.poolKey).map((d) => [d.key.day ?? '', d.labels])),
    }));
    if (days.length > 0) blocks.push({ kind: 'chart', svg: lines('Labels per day by pool', days, series, 'labels') });
    const quality = r.byPool.filter((row) => row.goldAccuracy || row.revision);
    if (quality.length > 0) {
      blocks.push({
        kind: 'chart',
        svg: stackedBars('Quality by pool: accuracy on gold and revision rate (%)', ['accuracy on gold', 'revision rate'], quality.flatMap((row) => [
          { label: `${row.key.poolKey} gold`, values: [(row.goldAccuracy?.rate ?? 0) * 100, 0] },
          { label: `${row.key.poolKey} revised`, values: [0, (row.revision?.rate ?? 0) * 100] },
        ]), '%'),
      });
    }
  }
  blocks.push({
    kind: 'table',
    head: ['pool', 'labels', 'active hours', 'labels/hour', 'items/day', 'turnaround p50', 'p90', 'revision', 'accuracy on gold', 'agreement', 'item agreement'],
    rows: r.byPool.map((row) => [
      row.key.poolKey ?? DASH, String(row.labels), num(row.activeHours, 2), num(row.labelsPerHour), num(row.itemsPerDay), num(row.turnaroundHours?.p50), num(row.turnaroundHours?.p90),
      row.revision ? `${num(row.revision.rate * 100)}% of ${row.revision.reviewed}` : DASH, percent(row.goldAccuracy), percent(row.agreement), num(row.itemAgreement?.mean, 2),
    ]),
  });
  blocks.push({ kind: 'heading', level: 2, text: 'SLA compliance' });
  const slaRows = r.byPool.filter((row) => row.sla);
  blocks.push(
    slaRows.length === 0
      ? { kind: 'paragraph', text: 'No pool here has SLA targets.' }
      : {
          kind: 'table',
          head: ['pool', 'turnaround target (h)', 'accepted within', 'met', 'gold target', 'accuracy on gold', 'met', 'overall'],
          rows: slaRows.map((row) => {
            const s = row.sla!;
            const yes = (m: boolean | null | undefined) => (m === undefined || m === null ? DASH : m ? 'yes' : 'NO');
            return [
              row.key.poolKey ?? DASH, num(s.turnaround?.targetHours ?? pools.get(row.key.poolKey ?? '')?.sla.turnaroundHours, 0),
              s.turnaround ? `${s.turnaround.within} of ${s.turnaround.total} (${num(s.turnaround.share * 100)}%, needs ${num(s.turnaround.requiredShare * 100, 0)}%)` : DASH, yes(s.turnaround?.met),
              s.goldAccuracy ? `${num(s.goldAccuracy.target * 100)}%` : DASH, s.goldAccuracy ? `${num(s.goldAccuracy.accuracy * 100)}% of ${s.goldAccuracy.trials}` : DASH, yes(s.goldAccuracy?.met), yes(s.met),
            ];
          }),
        },
  );

  blocks.push({ kind: 'heading', level: 2, text: 'Per annotator' });
  blocks.push({
    kind: 'table',
    head: ['annotator', 'pool', 'labels', 'labels/hour', 'accepted', 'revision', 'accuracy on gold', 'cost per accepted label'],
    rows: r.byAnnotator.map((row) => [
      annotatorName(row, names), row.key.poolKey ?? DASH, String(row.labels), num(row.labelsPerHour), String(row.acceptedLabels),
      row.revision ? `${num(row.revision.rate * 100)}% of ${row.revision.reviewed}` : DASH, percent(row.goldAccuracy), costs(row.cost, (c) => c.perAcceptedLabel),
    ]),
  });

  blocks.push({ kind: 'heading', level: 2, text: 'Velocity' });
  if (options.charts) {
    const f = r.velocity.forecast;
    const band = f.expectedWeeks !== null && f.earliestWeeks !== null
      ? { expectedWeeks: f.expectedWeeks, earliestWeeks: f.earliestWeeks, latestWeeks: f.latestWeeks, remaining: r.velocity.remaining, expectedDate: f.expectedDate, earliestDate: f.earliestDate, latestDate: f.latestDate }
      : null;
    blocks.push({ kind: 'chart', svg: velocityChart('Items accepted per week, and the completion forecast', r.velocity.weeks.map((w) => ({ week: w.weekStart, count: w.count })), band) });
  }
  blocks.push({ kind: 'paragraph', text: forecastText(r) });
  blocks.push({
    kind: 'table',
    head: ['week of', 'items accepted', 'labels made', 'complete'],
    rows: r.velocity.weeks.map((w) => [w.weekStart, String(w.count), String(w.labels), w.complete ? 'yes' : 'running']),
  });

  blocks.push({ kind: 'heading', level: 2, text: 'Per day' });
  blocks.push({
    kind: 'table',
    head: ['day', 'labels', 'items', 'accepted', 'turnaround p50 (h)', 'cost'],
    rows: r.byDay.map((row) => [row.key.day ?? DASH, String(row.labels), String(row.items), String(row.acceptedLabels), num(row.turnaroundHours?.p50), costs(row.cost, (c) => c.total + c.pending)]),
  });

  blocks.push({ kind: 'heading', level: 2, text: 'How the figures are made' });
  blocks.push({ kind: 'list', items: r.assumptions.map((a) => `${a.field}: ${a.value} — ${a.why}`) });
  return blocks;
}

function annotatorName(row: MetricsRow, names: ReadonlyMap<number, string>): string {
  const id = row.key.annotatorId;
  if (id === null || id === undefined) return '(the pool, no one person)';
  if (id === 0) return '(deleted user)';
  return names.get(id) ?? `user ${id}`;
}

function forecastText(r: ProjectReport): string {
  const f = r.velocity.forecast;
  if (r.velocity.remaining === 0) return 'Nothing left to do.';
  if (f.expectedDate === null) return `No forecast: ${f.reason ?? 'not enough history'}.`;
  const interval = `${f.earliestDate} to ${f.latestDate ?? 'no bound (the velocity is not clearly above zero)'}`;
  return `${r.velocity.remaining} item(s) left at ${num(f.velocity.mean)} a week (the last ${f.velocity.weeks} complete weeks): expected ${f.expectedDate}, ${Math.round(f.confidence * 100)}% interval ${interval}.`;
}

export type ReportFormat = 'md' | 'html' | 'json';

/** The report in one of its formats; JSON is the figures themselves. */
export function renderReport(report: ProjectReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'md') return renderMarkdown(reportBlocks(report));
  return renderHtml(reportBlocks(report, { charts: true }), `Cost, speed and quality: ${report.project.name}`);
}
