/**
 * spaCy NER training data (see spacy-export.ts), streamed element by element. Each entry is
 * `[text, {"entities": [[start, end, label], …]}]` or `{"text": …, "entities": […]}`; offsets are
 * code points and become Atelier's UTF-16 offsets.
 */
import type { SpanRegion } from '../core/label-schema.ts';
import { asArray, asObject } from './json-fields.ts';
import { refuse } from './issues.ts';
import { streamJson } from './json-stream.ts';
import { emptyResult, groundTruth, importedItem, type ImportedItem } from './records.ts';
import type { ImportSource } from './sources.ts';
import { codePointLength, fromCodePoints } from './text-spans.ts';

function readEntry(value: unknown, path: string): { text: string; entities: unknown; at: string } {
  if (Array.isArray(value)) {
    if (value.length !== 2 || typeof value[0] !== 'string') throw refuse(path, 'an entry is [text, {"entities": [...]}]');
    return { text: value[0], entities: asObject(value[1], `${path}[1]`).entities ?? [], at: `${path}[1].entities` };
  }
  const obj = asObject(value, path);
  if (typeof obj.text !== 'string') throw refuse(`${path}.text`, 'must be the text');
  return { text: obj.text, entities: obj.entities ?? [], at: `${path}.entities` };
}

export async function* importSpacy(source: ImportSource): AsyncGenerator<ImportedItem> {
  for await (const element of streamJson(source, { top: 'array' })) {
    const { text, entities, at } = readEntry(element.value, element.path);
    const length = codePointLength(text);
    const result = emptyResult();
    asArray(entities, at).forEach((entity, i) => {
      const eat = `${at}[${i}]`;
      const [start, end, label] = asArray(entity, eat);
      if (!Number.isInteger(start) || !Number.isInteger(end) || typeof label !== 'string' || label === '') {
        throw refuse(eat, 'an entity is [start, end, label]');
      }
      if ((start as number) < 0 || (end as number) <= (start as number) || (end as number) > length) {
        throw refuse(eat, `[${start}, ${end}] is not a span of a ${length}-character text`);
      }
      const s = fromCodePoints(text, start as number);
      const e = fromCodePoints(text, end as number);
      const span: SpanRegion = { control: '', kind: 'span', label, start: s, end: e, text: text.slice(s, e) };
      result.regions.push(span);
    });
    yield importedItem(element.index + 1, { place: element.path, kind: 'text', text, annotations: [groundTruth(result)] });
  }
}
