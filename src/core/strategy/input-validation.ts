/**
 * Turns zod's verdict on user input into a `validation_failed` DomainError whose message names the
 * field at fault, as every other input error of Atelier does.
 */
import type { z } from 'zod';
import { type FieldIssue, validationFailed } from '../errors.ts';

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
    // An unknown key is at fault itself, not the object holding it: name it.
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (path === '' ? k : `${path}.${k}`));
      return { path: keys.join(', '), message: `unknown field in ${what}` };
    }
    return { path: path === '' ? '(root)' : path, message: issue.message };
  });
  return throwIssues(issues, what);
}

function throwIssues(issues: FieldIssue[], what: string): never {
  const first = issues[0];
  throw validationFailed(issues, first ? `${what}: ${first.path}: ${first.message}` : `${what} is not valid`);
}
