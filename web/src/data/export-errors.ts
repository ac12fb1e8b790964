/**
 * An export the server refused because of a filter, put beside the field at fault in plain words.
 * The server names the field by its API path (`filters.labels`) and words the problem for an API
 * caller; under the whole form that read as "Filters.labels: the project has no label …".
 */
import { ApiError } from '../api/errors.ts';

export type ExportField = 'status' | 'from' | 'to' | 'labels' | 'annotators' | 'pools';

const FIELDS: readonly ExportField[] = ['status', 'from', 'to', 'labels', 'annotators', 'pools'];

/** The server's sentence for a field, as the form would say it. */
function plainWords(field: ExportField, message: string): string {
  const label = /^the project has no labels? (.+?) \((its labels: (.*)|it has none)\)$/.exec(message);
  if (label) {
    const named = label[1]!;
    const several = named.includes('", "');
    const known = label[3] ? `Its labels are: ${label[3]}.` : 'It has no labels yet.';
    return `This project has no ${several ? 'labels' : 'label'} ${named}. ${known}`;
  }
  const user = /^no user (.+)$/.exec(message);
  if (field === 'annotators' && user) return `Nobody here has the e-mail ${user[1]!.split(', ').join(', or ')}.`;
  const pool = /^no pool (.+)$/.exec(message);
  if (field === 'pools' && pool) return `There is no pool ${pool[1]} any more; reload the page.`;
  if (field === 'to' && /after from/.test(message)) return 'Pick a day after the "Annotated from" day.';
  if (field === 'from' || field === 'to') return 'Pick a date (year, month and day).';
  const text = message.trim().replace(/\.?$/, '.');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The refusals that belong to a field of the form, by field, and whether anything is left for the
 * note under the form (another kind of error, or an issue with no field).
 */
export function exportFieldErrors(error: unknown): { fields: Partial<Record<ExportField, string>>; rest: boolean } {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { fields: {}, rest: error !== null && error !== undefined };
  const fields: Partial<Record<ExportField, string>> = {};
  let rest = false;
  for (const issue of error.issues) {
    const m = /^(?:body\.)?filters\.([a-z]+)/.exec(issue.path);
    const field = FIELDS.find((f) => f === m?.[1]);
    if (!field) {
      rest = true;
      continue;
    }
    const words = plainWords(field, issue.message);
    fields[field] = fields[field] ? `${fields[field]} ${words}` : words;
  }
  return { fields, rest };
}
