import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { DOCSTART, exportConll } from './conll-export.ts';
import { importConll } from './conll-import.ts';
import type { ExportItem } from './records.ts';
import { fileSource, textSource } from './sources.ts';
import { collect, iterate, memoryOutput, sampleTextItems, TEXT_SCHEMA, toExportItem } from './test-support.ts';

async function exportText(items: ExportItem[]): Promise<{ text: string; warnings: number }> {
  const out = memoryOutput();
  const summary = await exportConll(TEXT_SCHEMA, iterate(items), out.stream, { selection: 'consensus' });
  return { text: out.text(), warnings: summary.warningCount };
}

test('CoNLL export: DOCSTART per document, four columns, valid IOB2 sequences', async () => {
  const { text, warnings } = await exportText(sampleTextItems());
  assert.equal(warnings, 1, 'the nested LOC inside ORG is left out');
  const docs = text.split(`${DOCSTART}\n`).slice(1);
  assert.equal(docs.length, 3);
  const lines = text.split('\n').filter((l) => l !== '' && l !== DOCSTART);
  let previous = 'O';
  for (const line of lines) {
    const fields = line.split(' ');
    assert.equal(fields.length, 4, line);
    const tag = fields[3]!;
    assert.match(tag, /^(O|[BI]-\S+)$/);
    if (tag.startsWith('I-')) assert.ok(previous === `B-${tag.slice(2)}` || previous === tag, `${tag} after ${previous}`);
    previous = tag;
  }
  assert.ok(text.startsWith(`${DOCSTART}\n\nAda -X- -X- B-PER\nLovelace -X- -X- I-PER\nmet -X- -X- O\n`));
  assert.ok(text.includes('London -X- -X- B-LOC\n. -X- -X- O\n\nThey -X- -X- O\n'), 'a sentence break after "London ."');
});

test('CoNLL round trip: export → import → export gives the same bytes', async () => {
  const { text: first } = await exportText(sampleTextItems());
  const imported = await collect(importConll(textSource(first, 50)));
  assert.equal(imported.length, 3);
  assert.equal(imported[0]!.text, 'Ada Lovelace met Charles Babbage in London .\nThey wrote notes .\nThe Analytical Engine was never built .');
  for (const item of imported) for (const r of item.annotations[0]!.result.regions) r.control = 'entities';
  const { text: again } = await exportText(imported.map((item, i) => toExportItem(item, i + 1, 'consensus')));
  assert.equal(again, first);
});

test('an original CoNLL-2003 file (IOB1, POS and chunk columns) imports', async () => {
  const docs = await collect(importConll(fileSource('test/fixtures/formats/conll2003-iob1.txt')));
  assert.equal(docs.length, 2);
  const spans = docs[0]!.annotations[0]!.result.regions.map((r) => (r.kind === 'span' ? [r.label, r.text] : null));
  assert.deepEqual(spans, [
    ['ORG', 'EU'],
    ['MISC', 'German'],
    ['MISC', 'British'],
    ['PER', 'Peter Blackburn'],
  ]);
  assert.deepEqual(
    docs[1]!.annotations[0]!.result.regions.map((r) => r.label),
    ['LOC', 'ORG', 'MISC'],
  );
});

test('without DOCSTART each sentence is a document', async () => {
  const docs = await collect(importConll(textSource('Paris B-LOC\nis O\n\nBerlin B-LOC\n')));
  assert.deepEqual(docs.map((d) => d.text), ['Paris is', 'Berlin']);
});

for (const [name, text, message] of [
  ['bad tag', 'EU B-ORG\nrejects X-VERB\n', /^line 2: tag "X-VERB"/],
  ['missing tag', '-DOCSTART- -X- -X- O\n\nEU\n', /^line 3: a token line/],
] as const) {
  test(`a malformed CoNLL file is refused with its line: ${name}`, async () => {
    await assert.rejects(collect(importConll(textSource(text))), (e: unknown) => isDomainError(e) && message.test(e.message));
  });
}
