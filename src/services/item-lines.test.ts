import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLineError, type LineError, type ParsedLine, readItemLineChunks } from './item-lines.ts';

async function readAll(content: string): Promise<(ParsedLine | LineError)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-lines-'));
  try {
    await writeFile(join(dir, 'items.jsonl'), content);
    const out: (ParsedLine | LineError)[] = [];
    for await (const chunk of readItemLineChunks(join(dir, 'items.jsonl'), 'text')) out.push(...chunk);
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('lines keep their numbers across blank lines, CRLF endings, a byte-order mark and a missing last newline', async () => {
  const lines = await readAll('\uFEFF{"id":"a","text":"one"}\r\n\r\n{"id":"b","text":"two"}\n   \n{"id":"c","text":"three"}');
  assert.deepEqual(
    lines.map((l) => (isLineError(l) ? `error ${l.line}` : `${l.line} ${l.externalId} ${l.fields.text}`)),
    ['1 a one', '3 b two', '5 c three'],
  );
});

test('a line longer than a block read from disk arrives whole, and the lines after it keep their numbers', async () => {
  const long = 'x'.repeat(300_000);
  const many = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `t${i}` }));
  const lines = await readAll([JSON.stringify({ id: 'long', text: long }), ...many, 'not json'].join('\n') + '\n');
  assert.equal(lines.length, 5002);
  const first = lines[0] as ParsedLine;
  assert.equal(first.fields.text, long);
  const last = lines[5000] as ParsedLine;
  assert.deepEqual([last.line, last.externalId, last.fields.text], [5001, 'n4999', 't4999']);
  const bad = lines[5001]!;
  assert.ok(isLineError(bad));
  assert.equal(bad.line, 5002);
  assert.match(bad.message, /not valid JSON/);
});
