/** Which results of an item go into a dataset file, and the running summary of an export. */
import type { AnnotationResult, LabelSchema, ControlKind } from '../core/label-schema.ts';
import type { Confidences, ExportAnnotation, ExportItem, ExportSelection, ExportSummary } from './records.ts';

export interface SelectedResult {
  /** null for the consensus. */
  annotation: ExportAnnotation | null;
  result: AnnotationResult;
  confidences: Confidences | null;
}

/**
 * `consensus`: the item's consensus, if it has one. `all`: every current annotation — one that no
 * later annotation supersedes and that review did not reject — in the order the store gave them.
 */
export function selectedResults(item: ExportItem, selection: ExportSelection): SelectedResult[] {
  if (selection === 'consensus') {
    return item.consensus ? [{ annotation: null, result: item.consensus.result, confidences: null }] : [];
  }
  const superseded = new Set<number>();
  for (const a of item.annotations) if (a.supersedesId !== null) superseded.add(a.supersedesId);
  return item.annotations
    .filter((a) => !superseded.has(a.id) && a.review?.decision !== 'reject')
    .map((a) => ({ annotation: a, result: a.result, confidences: a.confidences }));
}

/** The (control, label) pairs of the schema's controls of the given kinds, in schema order. */
export function schemaClasses(schema: LabelSchema, kinds: ControlKind[]): { control: string; label: string }[] {
  return schema.controls
    .filter((c) => kinds.includes(c.kind))
    .flatMap((c) => c.labels.map((l) => ({ control: c.name, label: l.name })));
}

/** The key under which a (control, label) pair is looked up. */
export const classKey = (control: string, label: string): string => `${control}\u0000${label}`;

const MAX_WARNINGS = 100;

export class SummaryBuilder {
  items = 0;
  annotations = 0;
  entries = 0;
  private warnings: string[] = [];
  private warningCount = 0;

  warn(message: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
  }

  summary(): ExportSummary {
    return {
      items: this.items,
      annotations: this.annotations,
      entries: this.entries,
      warnings: this.warnings,
      warningCount: this.warningCount,
    };
  }
}

/** A name for an item in messages and file names: its external id, else `item-<id>`. */
export function itemName(item: ExportItem): string {
  return item.externalId ?? `item-${item.id}`;
}

/** The item's file name: as imported, else the last segment of its URI, else its name. */
export function fileNameOf(item: ExportItem): string {
  if (item.fileName) return item.fileName;
  if (item.uri) {
    const last = item.uri.replace(/[?#].*$/, '').split('/').pop();
    if (last) return decodeURIComponent(last);
  }
  return itemName(item);
}

/** A file name without directories or extension, safe as a file name of its own. */
export function fileStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'item';
}

/**
 * The item's selected results when it belongs in a file of the format: an image of known size, or
 * a text. null when it does not — unlabelled items silently, the others with a warning.
 */
export function usableResults(
  item: ExportItem,
  needs: 'sized image' | 'text',
  format: string,
  selection: ExportSelection,
  summary: SummaryBuilder | null,
): SelectedResult[] | null {
  if (needs === 'text' ? item.kind !== 'text' || item.text === null : item.kind !== 'image') {
    summary?.warn(`${itemName(item)}: ${needs === 'text' ? 'an image' : 'a text'} has no place in ${format}`);
    return null;
  }
  const selected = selectedResults(item, selection);
  if (selected.length === 0) return null;
  if (needs === 'sized image' && (!item.width || !item.height)) {
    summary?.warn(`${itemName(item)}: image size unknown, left out`);
    return null;
  }
  return selected;
}
