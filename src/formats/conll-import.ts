/**
 * CoNLL-2003 style named entities: one token a line, the token first and the entity tag last
 * (any columns between are ignored), blank lines between sentences, `-DOCSTART-` between
 * documents (without any, each sentence is a document). Both IOB1 and IOB2 are read: an `I-` tag
 * that follows `O` or another type opens an entity. The text is rebuilt from the tokens — joined by
 * spaces, sentences by line breaks — and the spans point into that text.
 */
import type { SpanRegion } from '../core/label-schema.ts';
import { atLine, refuse } from './issues.ts';
import { emptyResult, groundTruth, importedItem, type ImportedItem } from './records.ts';
import { readLines, type ImportSource } from './sources.ts';

const TAG = /^(O|[BI]-(\S+))$/;

class DocumentBuilder {
  text = '';
  spans: SpanRegion[] = [];
  firstLine = 0;
  private open: SpanRegion | null = null;
  private sentenceHasTokens = false;

  get empty(): boolean {
    return this.text === '';
  }

  token(token: string, tag: string, line: number): void {
    const m = TAG.exec(tag);
    if (!m) throw refuse(atLine(line), `tag "${tag}" is not O, B-<type> or I-<type>`);
    if (this.firstLine === 0) this.firstLine = line;
    if (this.sentenceHasTokens) this.text += ' ';
    else if (this.text !== '') this.text += '\n';
    const start = this.text.length;
    this.text += token;
    this.sentenceHasTokens = true;
    const type = m[2];
    if (type === undefined) {
      this.close();
    } else if (tag.startsWith('B-') || this.open === null || this.open.label !== type) {
      this.close();
      this.open = { control: '', kind: 'span', label: type, start, end: this.text.length };
    } else {
      this.open.end = this.text.length;
    }
  }

  endSentence(): void {
    this.close();
    this.sentenceHasTokens = false;
  }

  private close(): void {
    if (this.open) {
      this.open.text = this.text.slice(this.open.start, this.open.end);
      this.spans.push(this.open);
    }
    this.open = null;
  }
}

export async function* importConll(source: ImportSource): AsyncGenerator<ImportedItem> {
  let doc = new DocumentBuilder();
  let sawDocstart = false;
  let position = 0;
  const finish = (): ImportedItem | null => {
    doc.endSentence();
    if (doc.empty) return null;
    const result = emptyResult();
    result.regions = doc.spans;
    const item = importedItem(++position, { place: atLine(doc.firstLine), kind: 'text', text: doc.text, annotations: [groundTruth(result)] });
    doc = new DocumentBuilder();
    return item;
  };
  for await (const line of readLines(source)) {
    const fields = line.text.trim().split(/\s+/);
    if (fields[0] === '') {
      doc.endSentence();
      if (!sawDocstart) {
        const item = finish();
        if (item) yield item;
      }
      continue;
    }
    if (fields[0] === '-DOCSTART-') {
      sawDocstart = true;
      const item = finish();
      if (item) yield item;
      continue;
    }
    if (fields.length < 2) throw refuse(atLine(line.number), 'a token line is "<token> … <tag>"');
    doc.token(fields[0]!, fields[fields.length - 1]!, line.number);
  }
  const item = finish();
  if (item) yield item;
}
