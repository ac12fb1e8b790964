/**
 * The items JSONL format: one item per line.
 *
 *   {"id": "doc-1", "text": "…", "metadata": {...}, "language": "en", "sensitivity": "confidential"}
 *   {"id": "img-7", "image": "photos/7.jpg"}                 a path relative to the JSONL file
 *   {"id": "img-8", "image": "https://…/8.jpg", "width": 640, "height": 480, "model_confidence": 0.42}
 *
 * Each line is checked on its own, so that a file with bad lines is refused naming every one.
 */
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { jsonObjectSchema } from '../core/json-object.ts';
import { nulIssue, showNul } from '../core/nul-characters.ts';
import type { ItemKind } from '../core/label-schema.ts';
import { SENSITIVITIES } from '../core/workforce.ts';

const ExternalId = z.union([z.string().min(1).max(500), z.number().int().transform(String)]);

const ItemLine = z
  .object({
    id: ExternalId.optional(),
    external_id: ExternalId.optional(),
    text: z.string().max(1_000_000).optional(),
    image: z.string().min(1).max(4096).optional(),
    width: z.number().int().positive().max(1_000_000).optional(),
    height: z.number().int().positive().max(1_000_000).optional(),
    metadata: jsonObjectSchema.optional(),
    sensitivity: z.enum(SENSITIVITIES as [string, ...string[]]).optional(),
    region: z.string().min(1).max(50).optional(),
    language: z.string().min(2).max(35).optional(),
    tags: z.array(z.string().min(1).max(100)).max(100).optional(),
    edge_case: z.boolean().optional(),
    /** The model's confidence in its prediction of the item (routing can send unsure items to experts). */
    model_confidence: z.number().min(0).max(1).optional(),
  })
  .strict();

export type ItemLineFields = z.infer<typeof ItemLine>;

export interface ParsedLine {
  line: number;
  externalId: string | null;
  fields: ItemLineFields;
}

export interface LineError {
  line: number;
  message: string;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (put extra fields under "metadata")`;
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses and checks one line; the item kind is the project's. */
export function parseItemLine(text: string, line: number, kind: ItemKind): ParsedLine | LineError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text it could not parse, NUL characters too; the message is stored (skipInvalid).
    return { line, message: `not valid JSON (${showNul((error as Error).message)})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { line, message: 'a line must be a JSON object' };
  // Parsed JSON holds a NUL only where the text escapes one (`\u0000`): the rest of the lines are
  // not walked. Checked before the fields, whose messages may quote a key.
  if (text.includes('\\u0000')) {
    const nul = nulIssue(json);
    if (nul) return { line, message: `${nul.path}: ${nul.message}` };
  }
  const parsed = ItemLine.safeParse(json);
  if (!parsed.success) return { line, message: describe(parsed.error.issues[0]!) };
  const fields = parsed.data;
  if (fields.id !== undefined && fields.external_id !== undefined) return { line, message: 'give either id or external_id, not both' };
  if (kind === 'text' && fields.image !== undefined) return { line, message: '"image" given in a text project (its items are "text")' };
  if (kind === 'image' && fields.text !== undefined) return { line, message: '"text" given in an image project (its items are "image")' };
  if (kind === 'text' && fields.text === undefined) return { line, message: 'a text project needs "text" on every line' };
  if (kind === 'image' && fields.image === undefined) return { line, message: 'an image project needs "image" (a path or URL) on every line' };
  if ((fields.width === undefined) !== (fields.height === undefined)) return { line, message: 'give width and height together' };
  return { line, externalId: fields.id ?? fields.external_id ?? null, fields };
}

export function isLineError(value: ParsedLine | LineError): value is LineError {
  return 'message' in value;
}

/**
 * Reads a JSONL file, parsed and checked line by line, in chunks of lines (one per block read from
 * disk): a million lines then cost thousands of awaits, not millions. Blank lines are skipped and
 * line numbers stay true; a line ends at LF or CRLF.
 */
export async function* readItemLineChunks(path: string, kind: ItemKind): AsyncGenerator<(ParsedLine | LineError)[]> {
  let number = 0;
  let rest = '';
  const parse = (raw: string): ParsedLine | LineError | null => {
    number++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return null;
    return parseItemLine(number === 1 ? text.replace(/^\uFEFF/, '') : text, number, kind);
  };
  for await (const block of createReadStream(path, 'utf8')) {
    const lines = (rest + (block as string)).split('\n');
    rest = lines.pop()!;
    const chunk: (ParsedLine | LineError)[] = [];
    for (const raw of lines) {
      const parsed = parse(raw);
      if (parsed !== null) chunk.push(parsed);
    }
    if (chunk.length > 0) yield chunk;
  }
  const last = rest === '' ? null : parse(rest);
  if (last !== null) yield [last];
}

export function isRemote(image: string): boolean {
  return /^(https?|s3):\/\//i.test(image);
}
