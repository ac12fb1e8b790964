import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { isDomainError } from '../../core/errors.ts';
import type { ProjectReport } from '../../services/analytics/project-report.ts';
import { openStore } from '../../store/database.ts';
import { migrate } from '../../store/migrate.ts';
import { buildScenario, type Scenario } from '../../../test/fixtures/analytics/scenario.ts';
import { register } from './report.ts';

const dir = mkdtempSync(join(tmpdir(), 'atelier-report-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  register(program, { write: (t) => void (out += t) }, { write: (t) => void (err += t) });
  await program.parseAsync(['report', '--data-dir', dir, ...args], { from: 'user' });
  return { out, err };
}

describe('atelier report', () => {
  let s: Scenario;
  before(async () => {
    const store = await openStore({ engine: 'pglite', dataDir: dir });
    try {
      await migrate(store);
      s = await buildScenario(store);
    } finally {
      await store.close();
    }
  });

  it('writes the figures as JSON, the same as the service’s (default review time: 1 minute)', async () => {
    const { out, err } = await run('--project', s.p.name, '--format', 'json', '--to', '2025-04-01');
    const report = JSON.parse(out) as ProjectReport;
    assert.equal(report.project.id, s.p.id);
    assert.equal(report.totals.acceptedLabels, 5);
    // Reviews at the default minute cost studio units, not time: the EUR figure is the scenario's.
    const eur = report.totals.cost.find((c) => c.currency === 'EUR');
    assert.ok(eur && Math.abs(eur.total - 1506) < 0.005, `EUR total ${eur?.total}`);
    assert.match(err, /5 accepted, 301\.20 EUR \+ .* USD per accepted label/);
  });

  it('writes Markdown tables and a self-contained HTML page with SVG charts to --output', async () => {
    const md = (await run('--project', String(s.p.id), '--to', '2025-04-01')).out;
    assert.match(md, /^# Cost, speed and quality: /);
    assert.match(md, /\| pool \| cost model \| currency \| accepted \|/);
    assert.match(md, /\| acme \| 0\.50 EUR a label \| EUR \| 4 \|/);
    assert.match(md, /\| acme \|.*\| NO \|/, 'acme misses its SLA');
    const file = join(dir, 'report.html');
    await run('--project', String(s.p.id), '--format', 'html', '--output', file, '--currency', 'EUR', '--rates', 'USD=0.9');
    const html = readFileSync(file, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.equal((html.match(/<svg /g) ?? []).length, 4, 'cost (one currency), throughput, quality and velocity charts');
    assert.match(html, /Cost per accepted label by pool \(EUR\)/);
    assert.doesNotMatch(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, ''), /(src|href)=|https?:|<script/i, 'no external asset, no script');
  });

  it('refuses a bad format, date or rate, naming the option', async () => {
    for (const [args, pattern] of [
      [['--format', 'pdf'], /--format/],
      [['--from', '03/2025'], /--from/],
      [['--currency', 'EUR', '--rates', 'USD=-1'], /--rates/],
    ] as const) {
      await assert.rejects(run('--project', String(s.p.id), ...args), (e) => isDomainError(e) && e.code === 'invalid_input' && pattern.test(e.message));
    }
    await assert.rejects(run('--project', 'no such project'), (e) => isDomainError(e) && e.code === 'not_found');
  });
});
