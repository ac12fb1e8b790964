/**
 * Where importers read from. A source is a function so that a format that needs two passes (COCO)
 * can open it twice; every read is streamed, nothing is loaded whole.
 */
import { createReadStream } from 'node:fs';

export type ImportSource = () => AsyncIterable<Uint8Array | string>;

export function fileSource(path: string): ImportSource {
  return () => createReadStream(path, { highWaterMark: 1 << 16 });
}

export function textSource(text: string, chunkSize = 1 << 16): ImportSource {
  return async function* () {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  };
}

/** UTF-8 text in chunks; a leading byte-order mark is dropped. */
export async function* decodedChunks(source: ImportSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of source()) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

export interface NumberedLine {
  text: string;
  /** 1-based. */
  number: number;
}

/** Lines without their terminator (`\n` or `\r\n`); a last line without one is still a line. */
export async function* readLines(source: ImportSource): AsyncGenerator<NumberedLine> {
  let carry = '';
  let number = 0;
  for await (const chunk of decodedChunks(source)) {
    const text = carry + chunk;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl >= 0) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: text.slice(start, end), number: ++number };
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield { text: carry.endsWith('\r') ? carry.slice(0, -1) : carry, number: ++number };
}
