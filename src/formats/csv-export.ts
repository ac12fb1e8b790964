/**
 * Classification CSV: `item,control,label,annotator`, one row per chosen label (a multiple choice
 * gives several rows). `item` is the external id (else `#<id>`); `annotator` is empty for the
 * consensus, the annotator's email for a person and `model:<name>@<version>` for a model.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { LabelSchema } from '../core/label-schema.ts';
import { ChunkedWriter } from './output.ts';
import type { ExportAnnotation, ExportItem, ExportOptions, ExportSummary } from './records.ts';
import { selectedResults, SummaryBuilder } from './selection.ts';

export const CSV_COLUMNS = ['item', 'control', 'label', 'annotator'] as const;

export function csvAnnotator(annotation: ExportAnnotation | null): string {
  if (annotation === null) return '';
  if (annotation.source === 'model' && annotation.model) return `model:${annotation.model.name}@${annotation.model.version}`;
  return annotation.annotator?.email ?? '';
}

export async function exportCsv(
  schema: LabelSchema,
  items: AsyncIterable<ExportItem>,
  out: Writable,
  options: ExportOptions,
): Promise<ExportSummary> {
  const summary = new SummaryBuilder();
  const choiceControls = schema.controls.filter((c) => c.kind === 'single_choice' || c.kind === 'multi_choice').map((c) => c.name);
  const writer = new ChunkedWriter(out);
  await writer.write(stringify([[...CSV_COLUMNS]]));
  for await (const item of items) {
    const rows: string[][] = [];
    const id = item.externalId ?? `#${item.id}`;
    const selected = selectedResults(item, options.selection);
    for (const { annotation, result } of selected) {
      for (const control of choiceControls) {
        for (const label of result.choices[control] ?? []) rows.push([id, control, label, csvAnnotator(annotation)]);
      }
      for (const control of Object.keys(result.choices)) {
        if (!choiceControls.includes(control)) summary.warn(`${id}: control "${control}" is not in the schema, left out`);
      }
    }
    if (rows.length === 0) continue;
    summary.items++;
    summary.annotations += selected.length;
    summary.entries += rows.length;
    await writer.write(stringify(rows));
  }
  await writer.end();
  return summary.summary();
}
