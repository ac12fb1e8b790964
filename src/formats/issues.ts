/**
 * How importers refuse a file: a `validation_failed` DomainError whose issues name the place at
 * fault the way the format counts it — `line 12: predictions[1].confidence` (line formats),
 * `annotations[41].bbox` (JSON), `/annotations/image[3]/box[2]/@xtl` (XML).
 */
import { DomainError, type FieldIssue } from '../core/errors.ts';

export function refuse(path: string, message: string): DomainError {
  return refuseAll([{ path, message }]);
}

export function refuseAll(issues: FieldIssue[]): DomainError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new DomainError('validation_failed', `${first.path}: ${first.message}${more}`, { issues });
}

/** `line 12` or `line 12: field`. */
export function atLine(line: number, field?: string): string {
  return field ? `line ${line}: ${field}` : `line ${line}`;
}

/** Joins a JSON path and a key or index: `images[3]` + `width` → `images[3].width`. */
export function jsonPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Prefixes every issue of a DomainError (from a nested check) with the place of the record. */
export function withinRecord(error: unknown, prefix: (path: string) => string): unknown {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return error;
  const issues = ((error.details as { issues?: FieldIssue[] } | undefined)?.issues ?? []).map((i) => ({
    path: prefix(i.path),
    message: i.message,
  }));
  return issues.length > 0 ? refuseAll(issues) : error;
}
