/**
 * Item files under the files folder, addressed by content hash: the same image imported twice is
 * stored once, and a stored path never comes from user input.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../core/errors.ts';

export const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.bmp': 'image/bmp',
  '.avif': 'image/avif',
};

export function imageMimeType(fileName: string): string | null {
  return IMAGE_TYPES[extname(fileName).toLowerCase()] ?? null;
}

export interface StoredFile {
  /** Path relative to the files folder, as kept in `file:` content URIs. */
  path: string;
  sha256: string;
  size: number;
}

export class FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The absolute path of a stored file; refuses anything that would leave the files folder. */
  resolve(path: string): string {
    const absolute = resolve(this.root, path);
    if (absolute !== this.root && !absolute.startsWith(this.root + sep)) {
      throw new DomainError('forbidden', 'this path is outside the files folder');
    }
    return absolute;
  }

  private async place(bytes: Buffer, extension: string): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join('items', sha256.slice(0, 2), `${sha256}${extension.toLowerCase()}`);
    const target = this.resolve(path);
    await mkdir(join(target, '..'), { recursive: true });
    const existing = await stat(target).catch(() => null);
    if (!existing) {
      // Write then rename: a crash never leaves a half-written file under its final name.
      const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
      await writeFile(temp, bytes);
      await rename(temp, target);
    }
    return { path: relative(this.root, target), sha256, size: bytes.length };
  }

  async saveBytes(bytes: Buffer, fileName: string): Promise<StoredFile> {
    return this.place(bytes, extname(fileName));
  }

  async saveCopy(sourcePath: string): Promise<StoredFile> {
    return this.place(await readFile(sourcePath), extname(sourcePath));
  }

  open(path: string): Readable {
    return createReadStream(this.resolve(path));
  }

  read(path: string): Promise<Buffer> {
    return readFile(this.resolve(path));
  }

  async exists(path: string): Promise<boolean> {
    return (await stat(this.resolve(path)).catch(() => null)) !== null;
  }

  /** Derived files (thumbnails, fetched URLs): kept beside the items, re-creatable at any time. */
  derivedPath(kind: 'thumbnails' | 'fetched', name: string): string {
    return this.resolve(join(kind, name));
  }

  async writeDerived(kind: 'thumbnails' | 'fetched', name: string, bytes: Buffer): Promise<string> {
    const target = this.derivedPath(kind, name);
    await mkdir(join(target, '..'), { recursive: true });
    const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
    await writeFile(temp, bytes);
    await rename(temp, target);
    return target;
  }

}
