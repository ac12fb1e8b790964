import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forecastCompletion } from '../../core/metrics/velocity.ts';
import type { MetricsRow } from './grouped-metrics.ts';
import type { ProjectReport } from './project-report.ts';
import { renderReport } from './report-document.ts';
import { ticks } from './svg-charts.ts';

const EVIL = '<script>alert(1)</script>|*x*';

function row(key: MetricsRow['key'], labels: number): MetricsRow {
  const breakdown = { labelling: 4, overlap: 1, rework: 1, review: 2, gold: 0, training: 0, idle: 0, pending: 1 };
  return {
    key, labels, goldLabels: 0, items: labels, activeHours: 1, activeDays: 1, labelsPerHour: labels, itemsPerDay: labels, turnaroundHours: { count: 2, p50: 5, p90: 9 },
    revision: { reviewed: 2, revised: 1, rate: 0.5 }, goldAccuracy: null, agreement: null, itemAgreement: null, acceptedLabels: 2,
    cost: [{ currency: 'EUR', acceptedLabels: 2, total: 8, pending: 1, perAcceptedLabel: 4, breakdown, perLabel: { ...breakdown, labelling: 2, overlap: 0.5, rework: 0.5, review: 1, pending: 0 } }],
    sla: { turnaround: { targetHours: 8, within: 1, total: 2, share: 0.5, requiredShare: 0.9, met: false }, goldAccuracy: null, met: false }, unpriced: [],
  };
}

const now = new Date('2025-03-20T00:00:00Z');
const report: ProjectReport = {
  project: { id: 1, name: EVIL },
  window: { from: null, to: now.toISOString(), now: now.toISOString() },
  scope: null,
  currency: null,
  pools: [{ key: EVIL, name: EVIL, kind: 'vendor', costModel: { type: 'per_label', amount: 1, currency: 'EUR' }, sla: { turnaroundHours: 8 } }],
  annotators: [{ id: 7, name: EVIL }],
  assumptions: [{ field: 'reviewTime', value: '1 min', why: EVIL }],
  totals: row({}, 10),
  byPool: [row({ poolKey: EVIL }, 10)],
  byAnnotator: [row({ poolKey: EVIL, annotatorId: 7 }, 10)],
  byDay: [row({ day: '2025-03-03' }, 4), row({ day: '2025-03-04' }, 6)],
  byPoolDay: [row({ poolKey: EVIL, day: '2025-03-03' }, 4), row({ poolKey: EVIL, day: '2025-03-04' }, 6)],
  velocity: {
    weeks: [{ weekStart: '2025-03-03', count: 10, labels: 10, complete: true }, { weekStart: '2025-03-10', count: 8, labels: 9, complete: true }, { weekStart: '2025-03-17', count: 2, labels: 2, complete: false }],
    remaining: 30,
    forecast: forecastCompletion({ weekly: [10, 8], remaining: 30, now }),
  },
};

describe('the report document', () => {
  it('escapes every value in HTML and Markdown', () => {
    const html = renderReport(report, 'html');
    assert.ok(!html.includes('<script>'), 'no live script');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.equal((html.match(/<svg /g) ?? []).length, 4, 'cost, labels per day, quality, velocity');
    const md = renderReport(report, 'md');
    assert.ok(md.includes('\\<script\\>') && md.includes('\\|\\*x\\*'), 'Markdown escapes tags, pipes and emphasis');
    assert.ok(!md.includes('<svg'));
  });

  it('says the forecast in words with its interval', () => {
    const md = renderReport(report, 'md');
    assert.match(md, /30 item\(s\) left at 9\.0 a week \(the last 2 complete weeks\): expected 2025-0\d-\d\d, 80% interval 2025-/);
    assert.equal(JSON.parse(renderReport(report, 'json')).velocity.remaining, 30);
  });

  it('puts chart ticks at 1, 2 or 5 times a power of ten, covering the maximum', () => {
    assert.deepEqual(ticks(9), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(ticks(0.37), [0, 0.1, 0.2, 0.3, 0.4]);
    assert.deepEqual(ticks(0), [0]);
    for (const max of [1, 3.3, 47, 1234, 99999]) {
      const t = ticks(max);
      assert.ok((t.at(-1) ?? 0) >= max && t.length <= 7, `${max}: ${t}`);
    }
  });
});
