/** Writes text to a Node stream in large chunks, waiting when the stream asks to (flat memory). */
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const CHUNK = 1 << 16;

export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  bytesWritten = 0;

  constructor(private readonly out: Writable) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.bytesWritten += Buffer.byteLength(chunk);
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Flushes, ends the stream and waits until everything has reached its destination. */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}

/**
 * Writes `<dir>/<stem><extension>` as a new file; when the name is taken (two images named alike),
 * writes `<stem>-<id>` instead and says so. Returns the stem used.
 */
export async function writeUnique(
  dir: string,
  stem: string,
  id: number,
  extension: string,
  content: (stem: string) => string,
  onRename: (taken: string, used: string) => void,
): Promise<string> {
  try {
    await writeFile(join(dir, `${stem}${extension}`), content(stem), { flag: 'wx' });
    return stem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const used = `${stem}-${id}`;
  onRename(stem, used);
  await writeFile(join(dir, `${used}${extension}`), content(used));
  return used;
}
