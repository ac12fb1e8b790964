/**
 * Packs a folder into one POSIX (ustar) tar file, streaming each file through: folder exports
 * (YOLO, VOC) are downloaded as one file. Paths longer than ustar holds carry a pax header.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { finished } from 'node:stream/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number, type: '0' | '5' | 'x', prefix = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  block.fill(' ', 148, 156);
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

/** A pax record `"<len> path=<name>\n"`, whose length counts its own digits. */
function paxPath(name: string): Buffer {
  const body = ` path=${name}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return Buffer.from(`${length}${body}`, 'utf8');
}

function headers(name: string, size: number, mtime: number, type: '0' | '5'): Buffer[] {
  if (Buffer.byteLength(name) <= 100) return [header(name, size, mtime, type)];
  const slash = name.lastIndexOf('/', 155);
  if (slash > 0 && Buffer.byteLength(name.slice(slash + 1)) <= 100 && Buffer.byteLength(name.slice(0, slash)) <= 155) {
    return [header(name.slice(slash + 1), size, mtime, type, name.slice(0, slash))];
  }
  const pax = paxPath(name);
  return [header('PaxHeader', pax.length, mtime, 'x'), padded(pax), header(name.slice(-100), size, mtime, type)];
}

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

async function put(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes `dir`'s files (under the folder's own name) to `target`; returns the tar's size. */
export async function packFolder(dir: string, target: string, rootName: string): Promise<number> {
  const out = createWriteStream(target);
  try {
    const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .map((e) => ({ path: join(e.parentPath, e.name), directory: e.isDirectory(), file: e.isFile() }))
      .filter((e) => e.directory || e.file)
      .sort((a, b) => a.path.localeCompare(b.path));
    const rootInfo = await stat(dir);
    for (const h of headers(`${rootName}/`, 0, rootInfo.mtimeMs, '5')) await put(out, h);
    for (const entry of entries) {
      const name = `${rootName}/${relative(dir, entry.path).split(sep).join('/')}`;
      const info = await stat(entry.path);
      if (entry.directory) {
        for (const h of headers(`${name}/`, 0, info.mtimeMs, '5')) await put(out, h);
        continue;
      }
      for (const h of headers(name, info.size, info.mtimeMs, '0')) await put(out, h);
      for await (const chunk of createReadStream(entry.path, { highWaterMark: 1 << 16 })) await put(out, chunk as Buffer);
      const rest = info.size % BLOCK;
      if (rest !== 0) await put(out, Buffer.alloc(BLOCK - rest));
    }
    await put(out, Buffer.alloc(BLOCK * 2));
    out.end();
    await finished(out);
    return (await stat(target)).size;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
