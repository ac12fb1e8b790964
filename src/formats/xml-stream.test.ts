import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '../core/errors.ts';
import { textSource } from './sources.ts';
import { parseXmlElement, streamXmlChildren, xmlAttribute, xmlChildren, xmlText, type XmlChild } from './xml-stream.ts';

const DOC = `<?xml version="1.0" encoding="utf-8"?>
<!-- exported -->
<annotations>
  <version>1.1</version>
  <meta><task><labels><label><name>car &amp; van</name></label></labels></task></meta>
  <image id="0" name="a>b.jpg" width="10" height="20">
    <box label="car" xtl="1" ytl="2" xbr="3" ybr="4"></box>
    <![CDATA[ <not-a-tag> ]]>
  </image>
  <image id="1" name='b.jpg' width="10" height="20"/>
</annotations>
`;

async function children(text: string, chunk: number): Promise<XmlChild[]> {
  const out: XmlChild[] = [];
  for await (const c of streamXmlChildren(textSource(text, chunk), 'annotations')) out.push(c);
  return out;
}

test('the root children come one by one with their XPath and line, whatever the chunking', async () => {
  for (const chunk of [1, 3, 8, 50, 10000]) {
    const got = await children(DOC, chunk);
    assert.deepEqual(
      got.map((c) => [c.path, c.line]),
      [
        ['/annotations/version[1]', 4],
        ['/annotations/meta[1]', 5],
        ['/annotations/image[1]', 6],
        ['/annotations/image[2]', 10],
      ],
      `chunk ${chunk}`,
    );
    assert.ok(got[2]!.xml.startsWith('<image id="0"') && got[2]!.xml.endsWith('</image>'));
  }
});

test('an element parses into lists of children and @attributes', async () => {
  const [, meta, image] = await children(DOC, 100);
  const labels = xmlChildren(xmlChildren(xmlChildren(parseXmlElement(meta!.xml, meta!.path), 'task')[0]!, 'labels')[0]!, 'label');
  assert.equal(xmlText(labels[0]!, 'name'), 'car & van');
  const node = parseXmlElement(image!.xml, image!.path);
  assert.equal(xmlAttribute(node, 'name'), 'a>b.jpg');
  assert.equal(xmlAttribute(xmlChildren(node, 'box')[0]!, 'xtl'), '1');
});

for (const [name, text, message] of [
  ['crossed tags', '<annotations><image></box></image></annotations>', /^\/annotations\/image: <\/box> closes <image> \(line 1\)/],
  ['early end', '<annotations>\n<image>\n', /ends inside <image>/],
  ['wrong root', '<dataset></dataset>', /root element is <dataset>/],
  ['no root', '<!-- nothing -->', /has no <annotations>/],
] as const) {
  test(`malformed XML is refused with the element at fault: ${name}`, async () => {
    await assert.rejects(children(text, 4), (e: unknown) => isDomainError(e) && message.test(e.message));
  });
}

test('a malformed element is refused with its path and the line in the file', () => {
  assert.throws(
    () => parseXmlElement('<image>\n<box label="a"></image>', '/annotations/image[7]', 40),
    (e: unknown) => isDomainError(e) && /^\/annotations\/image\[7\]: .*\(line 41\)$/.test(e.message),
  );
});
