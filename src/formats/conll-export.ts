/**
 * CoNLL-2003 named entities: `-DOCSTART- -X- -X- O` before each document, one token a line as
 * `token -X- -X- TAG` (no part-of-speech or chunk tags: `-X-` as the format's own placeholder),
 * a blank line after each sentence. Tags are IOB2 (`B-` opens every entity). Tokenisation and
 * sentence breaks: text-spans.ts. Spans that overlap are left out (one tag a token), with a warning.
 * With `all`, each annotation gives its own document.
 */
import type { Writable } from 'node:stream';
import type { LabelSchema } from '../core/label-schema.ts';
import { ChunkedWriter } from './output.ts';
import type { ExportItem, ExportOptions, ExportSummary } from './records.ts';
import { itemName, SummaryBuilder, usableResults } from './selection.ts';
import { spanControl, spansOf } from './span-control.ts';
import { iobTags, nonOverlapping, sentences } from './text-spans.ts';

export interface TokenExportOptions extends ExportOptions {
  /** The span control to write; default the schema's first. */
  control?: string;
}

export const DOCSTART = '-DOCSTART- -X- -X- O';

export async function exportConll(
  schema: LabelSchema,
  items: AsyncIterable<ExportItem>,
  out: Writable,
  options: TokenExportOptions,
): Promise<ExportSummary> {
  const control = spanControl(schema, options.control);
  const summary = new SummaryBuilder();
  const writer = new ChunkedWriter(out);
  for await (const item of items) {
    const selected = usableResults(item, 'text', 'CoNLL', options.selection, summary);
    if (selected === null) continue;
    summary.items++;
    const blocks = sentences(item.text!);
    const tokens = blocks.flat();
    for (const { result } of selected) {
      summary.annotations++;
      const { kept, dropped } = nonOverlapping(spansOf(result, control), tokens);
      if (dropped.length > 0) summary.warn(`${itemName(item)}: ${dropped.length} overlapping span(s) left out`);
      summary.entries += kept.length;
      const tagLabel = (label: string): string => {
        if (!/\s/.test(label)) return label;
        summary.warn(`${itemName(item)}: label "${label}" has spaces, written with underscores`);
        return label.replace(/\s/g, '_');
      };
      const lines = [DOCSTART, ''];
      for (const sentence of blocks) {
        const tags = iobTags(sentence, kept, tagLabel);
        sentence.forEach((t, i) => lines.push(`${t.text} -X- -X- ${tags[i]}`));
        lines.push('');
      }
      await writer.write(`${lines.join('\n')}\n`);
    }
  }
  await writer.end();
  return summary.summary();
}
