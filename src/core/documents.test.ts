import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Block, renderHtml, renderMarkdown } from './documents.ts';

const blocks: Block[] = [
  { kind: 'heading', level: 1, text: 'A | <b>B</b>' },
  { kind: 'table', head: ['name'], rows: [['x|*y*']] },
  { kind: 'chart', svg: '<svg></svg>' },
];

test('Markdown escapes tags and emphasis everywhere, pipes in table cells, and leaves charts out', () => {
  assert.equal(renderMarkdown(blocks), '# A | \\<b\\>B\\</b\\>\n\n| name |\n| --- |\n| x\\|\\*y\\* |\n');
});

test('HTML escapes every value and keeps the chart as it is', () => {
  const html = renderHtml(blocks, '<t>');
  assert.ok(html.includes('<title>&lt;t&gt;</title>') && html.includes('<h1>A | &lt;b&gt;B&lt;/b&gt;</h1>'));
  assert.ok(html.includes('<td>x|*y*</td>') && html.includes('<figure><svg></svg></figure>'));
});
