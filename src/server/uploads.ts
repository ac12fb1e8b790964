/**
 * Where an uploaded file is stored: under its own name (and the folders a folder upload sends), so
 * that the item it becomes keeps the name a later annotation file will use for it. Nothing outside
 * the upload folder can be named, and two files of one name are refused rather than one lost.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../core/errors.ts';

/** Longest name one folder entry may have on the file systems Atelier runs on, in bytes. */
const MAX_SEGMENT_BYTES = 255;

/** A path inside `root` from a client's file name; `..`, `.` and empty segments are dropped. */
export function uploadPath(root: string, fileName: string): string {
  const parts = fileName.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..').map((p) => p.replace(/[\u0000-\u001f\u007f]+/g, '_'));
  if (parts.length === 0) throw new DomainError('invalid_input', `"${fileName}" is not a file name`);
  const long = parts.find((p) => Buffer.byteLength(p) > MAX_SEGMENT_BYTES);
  if (long) throw new DomainError('invalid_input', `the file name "${long.slice(0, 40)}…" is longer than ${MAX_SEGMENT_BYTES} bytes; shorten it`);
  return join(root, ...parts);
}

/** Writes one uploaded part to `uploadPath(root, fileName)`; a second file of the same name is refused. */
export async function saveUpload(root: string, fileName: string, content: NodeJS.ReadableStream): Promise<string> {
  const target = uploadPath(root, fileName);
  await mkdir(dirname(target), { recursive: true });
  try {
    await pipeline(content, createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' && (error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    throw new DomainError('invalid_input', `two files are named ${fileName}: rename one, or send them in separate uploads`);
  }
  return target;
}
