/** JSON Lines read one line at a time and checked against a zod schema; blank lines are skipped. */
import type { z } from 'zod';
import { atLine, refuse, refuseAll } from './issues.ts';
import { zodIssues } from './result-schema.ts';
import { readLines, type ImportSource } from './sources.ts';

export async function* checkedJsonLines<S extends z.ZodType>(source: ImportSource, schema: S): AsyncGenerator<{ value: z.infer<S>; line: number }> {
  for await (const line of readLines(source)) {
    if (line.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      throw refuse(atLine(line.number), `not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw refuseAll(zodIssues(parsed.error, (path) => atLine(line.number, path)));
    yield { value: parsed.data, line: line.number };
  }
}
