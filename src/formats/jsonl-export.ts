/**
 * Atelier JSONL: one item a line (with its sensitivity, region, language, tags, edge-case flag and
 * model confidence) with every annotation and its provenance (annotator, pool,
 * schema and guideline versions, model, confidences, review, what it supersedes) and the
 * consensus. It is the lossless format: with `all`, the whole history, superseded and rejected
 * annotations included; with `consensus`, the items and their consensus only.
 */
import type { Writable } from 'node:stream';
import type { LabelSchema } from '../core/label-schema.ts';
import { ChunkedWriter } from './output.ts';
import type { ExportItem, ExportOptions, ExportSummary } from './records.ts';
import { SummaryBuilder } from './selection.ts';

/** One line, keys in a fixed order so that the same records always give the same bytes. */
export function jsonlLine(item: ExportItem, options: ExportOptions): string {
  const record = {
    item: {
      id: item.id,
      externalId: item.externalId,
      kind: item.kind,
      fileName: item.fileName,
      uri: item.uri,
      width: item.width,
      height: item.height,
      text: item.text,
      metadata: item.metadata,
      // Who may see the item and how it is routed: without them a re-import would fall back to the
      // target project's defaults, and a confidential item would reach pools cleared for less.
      sensitivity: item.handling.sensitivity,
      region: item.handling.region,
      language: item.handling.language,
      tags: item.handling.tags,
      edgeCase: item.handling.edgeCase,
      modelConfidence: item.handling.modelConfidence,
    },
    annotations:
      options.selection === 'all'
        ? item.annotations.map((a) => ({
            id: a.id,
            annotator: a.annotator,
            pool: a.pool,
            schemaVersion: a.schemaVersion,
            guidelinesVersion: a.guidelinesVersion,
            source: a.source,
            model: a.model,
            result: a.result,
            confidences: a.confidences,
            timeSpentMs: a.timeSpentMs,
            createdAt: a.createdAt,
            supersedesId: a.supersedesId,
            review: a.review,
          }))
        : [],
    consensus: item.consensus,
  };
  return `${JSON.stringify(record)}\n`;
}

export async function exportJsonl(
  _schema: LabelSchema,
  items: AsyncIterable<ExportItem>,
  out: Writable,
  options: ExportOptions,
): Promise<ExportSummary> {
  const summary = new SummaryBuilder();
  const writer = new ChunkedWriter(out);
  for await (const item of items) {
    if (options.selection === 'consensus' && item.consensus === null) continue;
    summary.items++;
    const count = options.selection === 'all' ? item.annotations.length : 1;
    summary.annotations += count;
    summary.entries += count;
    await writer.write(jsonlLine(item, options));
  }
  await writer.end();
  return summary.summary();
}
