/**
 * Classification CSV (see csv-export.ts). Rows of one item are consecutive; each annotator's rows
 * make one annotation. Only `item`, `control` and `label` are required; other columns are ignored.
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { atLine, refuse } from './issues.ts';
import { emptyResult, groundTruth, importedItem, type ImportedAnnotation, type ImportedItem } from './records.ts';
import type { ImportSource } from './sources.ts';

interface CsvRow {
  record: Record<string, string>;
  info: { lines: number };
}

function annotationFor(annotator: string): ImportedAnnotation {
  const model = /^model:(.+)@([^@]*)$/.exec(annotator);
  if (model) return { ...groundTruth(emptyResult()), kind: 'prediction', model: { name: model[1]!, version: model[2]! } };
  return groundTruth(emptyResult(), { annotatorEmail: annotator === '' ? null : annotator });
}

export async function* importCsv(source: ImportSource): AsyncGenerator<ImportedItem> {
  const parser = Readable.from(source()).pipe(
    parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), info: true, bom: true, skip_empty_lines: true }),
  );
  let current: { id: string; line: number; byAnnotator: Map<string, ImportedAnnotation> } | null = null;
  let position = 0;
  const finish = (): ImportedItem =>
    importedItem(++position, {
      place: atLine(current!.line),
      externalId: current!.id,
      annotations: [...current!.byAnnotator.values()],
    });
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      const line = row.info.lines;
      const r = row.record;
      for (const column of ['item', 'control', 'label']) {
        if (!(column in r)) throw refuse(atLine(1), `the header has no "${column}" column`);
        if ((r[column] ?? '').trim() === '') throw refuse(atLine(line, column), 'is empty');
      }
      const id = r.item!.trim();
      if (current === null || current.id !== id) {
        if (current !== null) yield finish();
        current = { id, line, byAnnotator: new Map() };
      }
      const annotator = (r.annotator ?? '').trim();
      let annotation = current.byAnnotator.get(annotator);
      if (!annotation) current.byAnnotator.set(annotator, (annotation = annotationFor(annotator)));
      const control = r.control!.trim();
      const labels = (annotation.result.choices[control] ??= []);
      const label = r.label!.trim();
      if (labels.includes(label)) throw refuse(atLine(line, 'label'), `"${label}" is chosen twice for ${id}, ${control}`);
      labels.push(label);
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number; message: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) throw refuse(atLine(e.lines ?? 0), e.message);
    throw error;
  }
  if (current !== null) yield finish();
}
