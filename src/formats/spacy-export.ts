/**
 * spaCy NER training data as JSON: a list of `[text, {"entities": [[start, end, label], …]}]`,
 * one document a line. Offsets are character (code point) offsets, as Python counts them, end
 * exclusive. spaCy refuses overlapping entities, so overlapping spans are left out with a warning.
 * With `all`, each annotation gives its own entry.
 */
import type { Writable } from 'node:stream';
import type { LabelSchema } from '../core/label-schema.ts';
import type { TokenExportOptions } from './conll-export.ts';
import { ChunkedWriter } from './output.ts';
import type { ExportItem, ExportSummary } from './records.ts';
import { itemName, SummaryBuilder, usableResults } from './selection.ts';
import { spanControl, spansOf } from './span-control.ts';
import { nonOverlapping, toCodePoints } from './text-spans.ts';

export async function exportSpacy(
  schema: LabelSchema,
  items: AsyncIterable<ExportItem>,
  out: Writable,
  options: TokenExportOptions,
): Promise<ExportSummary> {
  const control = spanControl(schema, options.control);
  const summary = new SummaryBuilder();
  const writer = new ChunkedWriter(out);
  let entries = 0;
  await writer.write('[');
  for await (const item of items) {
    const selected = usableResults(item, 'text', 'spaCy NER data', options.selection, summary);
    if (selected === null) continue;
    summary.items++;
    const text = item.text!;
    for (const { result } of selected) {
      summary.annotations++;
      const { kept, dropped } = nonOverlapping(spansOf(result, control));
      if (dropped.length > 0) summary.warn(`${itemName(item)}: ${dropped.length} overlapping span(s) left out`);
      summary.entries += kept.length;
      const entities = kept.map((s) => [toCodePoints(text, s.start), toCodePoints(text, s.end), s.label]);
      await writer.write(`${entries++ === 0 ? '\n' : ',\n'}${JSON.stringify([text, { entities }])}`);
    }
  }
  await writer.write('\n]\n');
  await writer.end();
  return summary.summary();
}
