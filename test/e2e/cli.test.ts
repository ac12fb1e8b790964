/** The `atelier` command as users run it: clear one-line errors with exit codes, and real work done. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const BIN = resolve(import.meta.dirname, '../../bin/atelier.js');
const dir = mkdtempSync(join(tmpdir(), 'atelier-cli-'));
const dataDir = join(dir, 'data');

function atelier(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return atelierIn(process.cwd(), ...args);
}

function atelierIn(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 });
  assert.doesNotMatch(result.stderr, /^\s+at /m, `no stack trace:\n${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('atelier (command line)', () => {
  it('lists every command in its help, and gives each command its own help (commands `user` and `token` share a file)', () => {
    const help = atelier('--help');
    assert.equal(help.status, 0, help.stderr);
    const listed = [...help.stdout.matchAll(/^  ([a-z-]+)\b/gm)].map((m) => m[1]);
    for (const name of ['serve', 'demo', 'migrate', 'user', 'token', 'project', 'pool', 'routing', 'import', 'export', 'jobs', 'audit', 'erase', 'dpia', 'aggregate', 'agreement', 'strategy', 'report', 'bench']) {
      assert.ok(listed.includes(name), `${name} is listed: ${listed.join(', ')}`);
    }
    const token = atelier('token', '--help');
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout, /create/);
    const aggregate = atelier('aggregate', '--help');
    assert.match(aggregate.stdout, /--method/);
  });

  it('stops quietly when its reader stops early (`| head`)', () => {
    const answers = resolve(import.meta.dirname, '../../datasets/crowd/product/answers.csv');
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" agreement --metric krippendorff --input "${answers}" --json | head -c 20`], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(piped.stdout, '{\n  "metric": "kripp');
    assert.equal(piped.stderr, '', 'no EPIPE stack trace');
  });

  it('refuses a data folder that holds no Atelier database, leaving nothing behind; `atelier migrate` creates one', () => {
    const plain = mkdtempSync(join(tmpdir(), 'atelier-cli-plain-'));
    for (const [folder, args] of [[dataDir, ['report', '--project', '1']], [dataDir, ['user', 'add', '--email', 'x@example.org', '--role', 'admin', '--password', 'long enough']], [plain, ['project', 'list']]] as const) {
      const refused = atelier(...args, '--data-dir', folder);
      assert.equal(refused.status, 66, refused.stderr);
      assert.equal(refused.stdout, '');
      assert.equal(refused.stderr.trim(), `atelier: no Atelier data folder at ${folder}: give the folder \`atelier demo\` or \`atelier serve\` made, or create one with \`atelier migrate --data-dir ${folder}\``);
    }
    assert.equal(existsSync(dataDir), false, 'no folder created');
    assert.deepEqual(readdirSync(plain), [], 'nothing written into a folder that is not a data folder');
    const created = atelier('migrate', '--data-dir', dataDir);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /^applied 0001_/, 'a new folder reports the migrations it got');
    const listed = atelier('project', 'list', '--data-dir', dataDir);
    assert.equal(listed.status, 0, listed.stderr);
  });

  it('creates a project from a schema file, and refuses a bad schema naming the field', () => {
    const bad = file('bad-schema.json', JSON.stringify({ controls: [{ name: 'entities', kind: 'span', labels: [{ name: 'PER', color: 'red' }] }] }));
    const refused = atelier('project', 'create', '--name', 'News', '--kind', 'text', '--schema', bad, '--data-dir', dataDir);
    assert.equal(refused.status, 65);
    assert.match(refused.stderr, /controls\[0\]\.labels\[0\]\.color/);
    const good = file('schema.json', JSON.stringify({ controls: [{ name: 'entities', kind: 'span', labels: [{ name: 'PER', color: '#ff0000', hotkey: '1' }] }] }));
    const created = atelier('project', 'create', '--name', 'News', '--kind', 'text', '--schema', good, '--overlap', '2', '--data-dir', dataDir);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /created project 1 "News" \(text, overlap 2\)/);
  });

  it('imports nothing from a file with bad lines, naming each; imports the rest with --skip-invalid', () => {
    const path = file('items.jsonl', ['{"id": "a", "text": "Ada met Alan."}', '{"id": "b"}', 'oops', '{"id": "c", "text": "Grace."}'].join('\n'));
    const refused = atelier('import', path, '--project', 'News', '--data-dir', dataDir);
    assert.equal(refused.status, 65);
    assert.match(refused.stderr, /^atelier: 2 of 4 lines are invalid, so nothing was imported/m);
    assert.match(refused.stderr, /line 2: a text project needs "text"/);
    assert.match(refused.stderr, /line 3: not valid JSON/);
    const skipped = atelier('import', path, '--project', '1', '--skip-invalid', '--data-dir', dataDir);
    assert.equal(skipped.status, 0, skipped.stderr);
    assert.match(skipped.stdout, /imported 2 of 4 items into project 1/);
    assert.match(skipped.stdout, /skipped line 2/);
    const unknownLabel = atelier('export', '--project', 'News', '--format', 'jsonl', '--selection', 'all', '--filter', 'label=ORG', '--data-dir', dataDir);
    assert.equal(unknownLabel.status, 65, unknownLabel.stderr);
    assert.equal(unknownLabel.stderr.trim(), 'atelier: filters.labels: the project has no label "ORG" (its labels: PER)');
  });

  it('refuses a NUL character in an imported line, a guidelines file or a schema file as invalid data (65), naming where', () => {
    const path = file('nul.jsonl', ['{"id": "n1", "text": "fine"}', '{"id": "n2", "text": "bad \\u0000 text"}'].join('\n'));
    const refused = atelier('import', path, '--project', 'News', '--data-dir', dataDir);
    assert.equal(refused.status, 65, refused.stderr);
    assert.match(refused.stderr, /^atelier: 1 of 2 lines are invalid, so nothing was imported \(first: line 2: text: contains a NUL character\)/m);
    const guidelines = file('nul-guidelines.md', '# Guidelines\n\u0000');
    const schema = file('nul-schema.json', JSON.stringify({ controls: [{ name: 'entities', kind: 'span', labels: [{ name: 'P\u0000ER', color: '#ff0000' }] }] }));
    const badGuidelines = atelier('project', 'create', '--name', 'Nul', '--kind', 'text', '--schema', join(dir, 'schema.json'), '--guidelines', guidelines, '--data-dir', dataDir);
    assert.equal(badGuidelines.status, 65, badGuidelines.stderr);
    assert.match(badGuidelines.stderr, /--guidelines: .*nul-guidelines\.md contains a NUL character/);
    const badSchema = atelier('project', 'create', '--name', 'Nul', '--kind', 'text', '--schema', schema, '--data-dir', dataDir);
    assert.equal(badSchema.status, 65, badSchema.stderr);
    assert.match(badSchema.stderr, /controls\[0\]\.labels\[0\]\.name: contains a NUL character/);
  });

  it('answers unknown projects, unknown commands and missing files with one line and a non-zero code', () => {
    const unknownProject = atelier('import', join(dir, 'items.jsonl'), '--project', 'Nope', '--data-dir', dataDir);
    assert.equal(unknownProject.status, 66);
    assert.equal(unknownProject.stderr.trim(), 'atelier: project Nope not found');
    const missing = atelier('import', join(dir, 'missing.jsonl'), '--project', 'News', '--data-dir', dataDir);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /missing\.jsonl does not exist/);
    const badLanguage = atelier('pool', 'create', '--key', 'acme', '--kind', 'vendor', '--languages', 'en,en_US', '--data-dir', dataDir);
    assert.equal(badLanguage.status, 64);
    assert.equal(badLanguage.stderr.trim(), 'atelier: --languages: "en_US" is not a language tag: give a BCP 47 tag such as en, fr, pt-BR, or * for any');
    const unknownCommand = atelier('frobnicate');
    assert.notEqual(unknownCommand.status, 0);
    assert.match(unknownCommand.stderr, /unknown command/);
  });

  it('aggregate and agreement exit 65 for a malformed answers file and 64 for a bad flag, alike', () => {
    const header = file('no-worker.csv', 'item,coder,label\na,b,c\n');
    const quote = file('open-quote.csv', 'item,worker,label\na,w,x\nb,w,"y\nc,v,z\n');
    for (const command of [['aggregate', '--method', 'mv'], ['agreement', '--metric', 'percent']]) {
      const badHeader = atelier(...command, '--input', header);
      assert.equal(badHeader.status, 65, badHeader.stderr);
      const openQuote = atelier(...command, '--input', quote);
      assert.equal(openQuote.status, 65, openQuote.stderr);
      assert.match(openQuote.stderr, /open-quote\.csv line 3: a quoted field starts here/);
      const folder = atelier(...command, '--input', dir);
      assert.equal(folder.status, 66, folder.stderr);
    }
    const badChoice = atelier('aggregate', '--method', 'best', '--input', header);
    assert.equal(badChoice.status, 64, badChoice.stderr);
    const noMetric = atelier('agreement', '--input', header);
    assert.equal(noMetric.status, 64, noMetric.stderr);
  });

  it('adds users and creates API tokens', () => {
    const weak = atelier('user', 'add', '--email', 'ann@example.org', '--role', 'annotator', '--password', 'short', '--data-dir', dataDir);
    assert.equal(weak.status, 65);
    assert.match(weak.stderr, /at least 8 characters/);
    const added = atelier('user', 'add', '--email', 'ann@example.org', '--role', 'annotator', '--password', 'long enough', '--data-dir', dataDir);
    assert.equal(added.status, 0, added.stderr);
    const again = atelier('user', 'add', '--email', 'ANN@example.org', '--role', 'annotator', '--password', 'long enough', '--data-dir', dataDir);
    assert.equal(again.status, 75);
    assert.match(again.stderr, /already exists/);
    const token = atelier('token', 'create', '--email', 'ann@example.org', '--data-dir', dataDir);
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout.trim(), /^atl_[A-Za-z0-9_-]{40,}$/);
    // The API's limit on a token's life holds here too.
    const forever = atelier('token', 'create', '--email', 'ann@example.org', '--expires-in-days', '99999', '--data-dir', dataDir);
    assert.equal(forever.status, 64, forever.stderr);
    assert.match(forever.stderr, /--expires-in-days must be a whole number of days from 1 to 3650/);
    assert.equal(atelier('token', 'create', '--email', 'ann@example.org', '--expires-in-days', '3650', '--data-dir', dataDir).status, 0);
  });

  it('refuses a value not among a flag\'s choices as a usage error (64), whichever command, and lists the choices in --help', () => {
    for (const args of [
      ['user', 'add', '--email', 'x@example.org', '--role', 'superuser', '--password', 'long enough'],
      ['token', 'create', '--email', 'ann@example.org', '--scope', 'everything'],
      ['pool', 'create', '--key', 'k', '--kind', 'galaxy'],
      ['pool', 'create', '--key', 'k', '--kind', 'vendor', '--clearance', 'secret'],
      ['pool', 'add-member', '--pool', 'k', '--email', 'ann@example.org', '--role', 'boss'],
    ]) {
      const refused = atelier(...args, '--data-dir', dataDir);
      assert.equal(refused.status, 64, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, /argument '[a-z]+' is invalid\. Allowed choices are /);
    }
    const help = atelier('token', 'create', '--help');
    assert.match(help.stdout.replace(/\s+/g, ' '), /"manage_users", "read_all_projects", "read_audit"\)/, 'every scope the API accepts');
    const scoped = atelier('token', 'create', '--email', 'ann@example.org', '--scope', 'read_audit', '--data-dir', dataDir);
    assert.equal(scoped.status, 0, scoped.stderr);
  });

  it('pool add-member creates a user who does not exist yet when given --password, as its error says', () => {
    const pool = atelier('pool', 'create', '--key', 'acme', '--kind', 'vendor', '--data-dir', dataDir);
    assert.equal(pool.status, 0, pool.stderr);
    const unknown = atelier('pool', 'add-member', '--pool', 'acme', '--email', 'nobody@example.org', '--role', 'annotator', '--data-dir', dataDir);
    assert.equal(unknown.status, 66, unknown.stderr);
    assert.equal(unknown.stderr.trim(), 'atelier: no user nobody@example.org; give a password to create them');
    const created = atelier('pool', 'add-member', '--pool', 'acme', '--email', 'nobody@example.org', '--role', 'annotator', '--password', 'long enough', '--data-dir', dataDir);
    assert.equal(created.status, 0, created.stderr);
    assert.equal(created.stdout, 'nobody@example.org is now annotator of acme\n');
  });

  it('routing --policy FILE refuses a policy the API would refuse (65 naming the field), and dry-runs a good one', () => {
    const typo = file('policy-typo.json', JSON.stringify({ rules: [{ name: 'all', when: {}, to: [{ pool: 'acme', wieght: 2 }] }] }));
    const refused = atelier('routing', 'dry-run', '--project', 'News', '--policy', typo, '--data-dir', dataDir);
    assert.equal(refused.status, 65, refused.stderr);
    assert.match(refused.stderr, /rules\[0\]\.to\[0\]\.wieght: unknown field/);
    const noRules = file('policy-empty.json', JSON.stringify({ rule: [] }));
    assert.match(atelier('routing', 'apply', '--project', 'News', '--policy', noRules, '--data-dir', dataDir).stderr, /rules: /);
    const good = file('policy.json', JSON.stringify({ rules: [{ name: 'all', when: {}, to: [{ pool: 'acme' }] }] }));
    const dry = atelier('routing', 'dry-run', '--project', 'News', '--policy', good, '--data-dir', dataDir);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /acme/);
  });

  it('import --model wants name@version (64 naming the flag)', () => {
    const predictions = file('predictions.csv', 'item,control,label\na,sentiment,pos\n');
    for (const model of ['nover', 'detector@', '@2']) {
      const refused = atelier('import', predictions, '--project', 'News', '--format', 'csv', '--as', 'predictions', '--model', model, '--data-dir', dataDir);
      assert.equal(refused.status, 64, refused.stderr);
      assert.equal(refused.stderr.trim(), `atelier: --model must be name@version, e.g. detector@2; got "${model}"`);
    }
  });

  it('export --output - writes the export on standard output and its summary on standard error, no file named "-"', () => {
    const exported = atelierIn(dir, 'export', '--project', 'News', '--format', 'jsonl', '--selection', 'all', '--output', '-', '--data-dir', dataDir);
    assert.equal(exported.status, 0, exported.stderr);
    const lines = exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 2, exported.stdout);
    assert.match(exported.stderr, /^exported 2 items \(0 annotations, 0 entries\) of News to .*exports/m);
    assert.equal(existsSync(join(dir, '-')), false);
    const queued = atelierIn(dir, 'export', '--project', 'News', '--format', 'jsonl', '--output', '-', '--background', '--data-dir', dataDir);
    assert.equal(queued.status, 64, queued.stderr);
    assert.match(queued.stderr, /--output -: a queued export cannot write/);
  });
});

