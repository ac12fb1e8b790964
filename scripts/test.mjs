#!/usr/bin/env node
// Runs the whole test suite: every `*.test.ts` under src/ and test/.
// Node 20 does not expand globs for --test, so the files are listed here; a run that finds no file
// fails instead of passing on nothing.
//
//   npm test                      everything
//   npm test -- src/core          only files under these paths
//
// Browser tests (test/browser) run after the others, one at a time: each drives a Chromium.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const roots = args.length > 0 ? args.map((a) => resolve(a)) : [join(root, 'src'), join(root, 'web', 'src'), join(root, 'test')];

function collect(path, out) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) {
    console.error(`test: no such path ${relative(root, path)}`);
    process.exit(2);
  }
  if (stat.isFile()) {
    if (path.endsWith('.test.ts')) out.push(path);
    return out;
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    collect(join(path, entry), out);
  }
  return out;
}

const files = roots.flatMap((r) => collect(r, []));
if (files.length === 0) {
  console.error('test: no test files found');
  process.exit(1);
}
const isBrowser = (f) => f.includes(`${join('test', 'browser')}`);
const groups = [
  { name: 'unit, store and service tests', files: files.filter((f) => !isBrowser(f)), concurrency: 2 },
  { name: 'browser tests', files: files.filter(isBrowser), concurrency: 1 },
];

let failed = false;
for (const group of groups) {
  if (group.files.length === 0) continue;
  if (group === groups[1]) {
    // The browser tests drive the built web app: build it from the sources being tested.
    console.log('\n# building the web app for the browser tests');
    const build = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit', env: process.env });
    if (build.status !== 0) {
      console.error('test: the web app did not build');
      process.exit(1);
    }
  }
  console.log(`\n# ${group.name}: ${group.files.length} files`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${group.concurrency}`, '--test-reporter=spec', ...group.files.map((f) => relative(root, f))],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
