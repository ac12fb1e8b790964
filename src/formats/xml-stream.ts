/**
 * Streams a large XML document one child of the root at a time (CVAT's `<meta>`, then each
 * `<image>`), as the element's own text for fast-xml-parser to read, with its place for messages.
 * Checks that tags nest properly; leaves attribute syntax and entities to the parser of each element.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { refuse } from './issues.ts';
import { decodedChunks, type ImportSource } from './sources.ts';

export interface XmlChild {
  name: string;
  /** 1-based position among the root's children of the same name (XPath counting). */
  index: number;
  /** `/annotations/image[3]` */
  path: string;
  /** Line of the element's start tag. */
  line: number;
  xml: string;
}

const NAME_END = /[\s/>]/;

/** Index just past the `>` that closes the tag opening at `start`, skipping quoted values; -1 if not yet read. */
function tagEnd(buf: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
}

export async function* streamXmlChildren(source: ImportSource, rootName: string): AsyncGenerator<XmlChild> {
  let buf = '';
  let pos = 0;
  /** Line number at `buf[0]`. */
  let bufLine = 1;
  const stack: string[] = [];
  const counts = new Map<string, number>();
  let childStart = -1;
  let childLine = 0;
  let childName = '';
  let sawRoot = false;

  const lineAt = (index: number): number => {
    let line = bufLine;
    for (let i = buf.indexOf('\n'); i >= 0 && i < index; i = buf.indexOf('\n', i + 1)) line++;
    return line;
  };

  const fail = (at: number, message: string): never => {
    const path = `/${stack.join('/')}`;
    throw refuse(path === '/' ? '/' : path, `${message} (line ${lineAt(at)})`);
  };

  for await (const chunk of withEnd(decodedChunks(source))) {
    const final = chunk === null;
    if (!final) buf += chunk;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (stack.length === 0 && buf.slice(pos).trim() !== '' && sawRoot) fail(pos, 'text after the root element');
        pos = buf.length;
        break;
      }
      if (buf.length - lt < 9 && !final) break;
      let end: number;
      if (buf.startsWith('<!--', lt)) {
        const close = buf.indexOf('-->', lt + 4);
        if (close < 0) break;
        end = close + 3;
      } else if (buf.startsWith('<![CDATA[', lt)) {
        const close = buf.indexOf(']]>', lt + 9);
        if (close < 0) break;
        end = close + 3;
      } else if (buf.startsWith('<?', lt)) {
        const close = buf.indexOf('?>', lt + 2);
        if (close < 0) break;
        end = close + 2;
      } else if (buf.startsWith('<!', lt)) {
        const close = buf.indexOf('>', lt + 2);
        if (close < 0) break;
        end = close + 1;
      } else {
        end = tagEnd(buf, lt);
        if (end < 0) break;
        const closing = buf.charCodeAt(lt + 1) === 47;
        const selfClosing = !closing && buf.charCodeAt(end - 2) === 47;
        const nameStart = closing ? lt + 2 : lt + 1;
        const rest = buf.slice(nameStart, end);
        const nameLength = rest.search(NAME_END);
        const name = rest.slice(0, nameLength < 0 ? rest.length : nameLength);
        if (name === '') fail(lt, 'a tag without a name');
        if (closing) {
          const open = stack[stack.length - 1];
          if (open !== name) fail(lt, open ? `</${name}> closes <${open}>` : `</${name}> closes nothing`);
          stack.pop();
          if (stack.length === 1 && childStart >= 0) {
            yield child(buf.slice(childStart, end));
            childStart = -1;
          }
        } else {
          if (stack.length === 0) {
            if (sawRoot) fail(lt, 'a second root element');
            if (name !== rootName) fail(lt, `the root element is <${name}>, not <${rootName}>`);
            sawRoot = true;
          } else if (stack.length === 1) {
            childStart = lt;
            childLine = lineAt(lt);
            childName = name;
          }
          if (!selfClosing) stack.push(name);
          else if (stack.length === 1 && childStart >= 0) {
            yield child(buf.slice(childStart, end));
            childStart = -1;
          }
        }
      }
      pos = end;
    }
    // Drop what has been read, keeping the child being cut out.
    const keep = childStart >= 0 ? childStart : pos;
    if (keep > 0) {
      bufLine = lineAt(keep);
      buf = buf.slice(keep);
      pos -= keep;
      if (childStart >= 0) childStart = 0;
    }
    if (final) {
      if (!sawRoot) throw refuse('/', `the document has no <${rootName}> element`);
      if (stack.length > 0) fail(buf.length, `the document ends inside <${stack[stack.length - 1]}>`);
    }
  }

  function child(xml: string): XmlChild {
    const name = childName;
    const index = (counts.get(name) ?? 0) + 1;
    counts.set(name, index);
    return { name, index, path: `/${rootName}/${name}[${index}]`, line: childLine, xml };
  }
}

async function* withEnd<T>(items: AsyncIterable<T>): AsyncGenerator<T | null> {
  yield* items;
  yield null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  // Every element as a list, so that one box and many boxes read alike.
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

export type XmlNode = Record<string, unknown>;

/**
 * Parses one element, or a whole small document whose root is `root` (well-formedness checked
 * first, with the line in the file); returns the element's node.
 */
export function parseXmlElement(xml: string, path: string, line = 1, root?: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw refuse(path, `${valid.err.msg} (line ${line + valid.err.line - 1})`);
  }
  const doc = parser.parse(xml) as Record<string, XmlNode[]>;
  const name = root ?? Object.keys(doc).find((k) => !k.startsWith('?'))!;
  const node = doc[name]?.[0];
  if (node === undefined) throw refuse(path, `the root element is not <${name}>`);
  return node;
}

/** The child elements of a node with that name (always a list). */
export function xmlChildren(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === 'object' && v !== null ? (v as XmlNode) : { '#text': String(v) }));
}

export function xmlAttribute(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return value === undefined ? undefined : String(value);
}

/** The text of a leaf element such as `<width>640</width>`. */
export function xmlText(node: XmlNode, name: string): string | undefined {
  const first = xmlChildren(node, name)[0];
  if (first === undefined) return undefined;
  const text = first['#text'];
  return text === undefined ? '' : String(text);
}
