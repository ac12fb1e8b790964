/**
 * The bytes of an item, served by Atelier itself after the access check: files from the files
 * folder, remote URLs fetched by the server (and kept), texts as UTF-8. Thumbnails are made once.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { DomainError, notFound } from '../core/errors.ts';
import { type Item, parseContentUri } from '../core/items.ts';
import type { FileStore } from '../media/file-store.ts';
import { makeThumbnail } from '../media/images.ts';
import type { Db } from '../store/database.ts';
import { findItemContentUri } from '../store/items.ts';

export interface ItemContent {
  bytes: Buffer;
  mimeType: string;
}

const FETCH_TIMEOUT_MS = 15_000;
const MAX_REMOTE_BYTES = 100 * 1024 * 1024;

async function fetchRemote(files: FileStore, url: string): Promise<Buffer> {
  const name = createHash('sha256').update(url).digest('hex');
  const cached = files.derivedPath('fetched', name);
  if (await stat(cached).catch(() => null)) return readFile(cached);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw new DomainError('unavailable', `the item's source ${new URL(url).host} could not be reached: ${(error as Error).message}`);
  }
  if (!response.ok) throw new DomainError('unavailable', `the item's source answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_REMOTE_BYTES) throw new DomainError('payload_too_large', 'the item is larger than 100 MB');
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_REMOTE_BYTES) throw new DomainError('payload_too_large', 'the item is larger than 100 MB');
  await files.writeDerived('fetched', name, bytes);
  return bytes;
}

export async function readItemContent(db: Db, files: FileStore, item: Item): Promise<ItemContent> {
  if (item.kind === 'text') return { bytes: Buffer.from(item.text ?? '', 'utf8'), mimeType: 'text/plain; charset=utf-8' };
  const stored = await findItemContentUri(db, item.id);
  if (!stored?.contentUri) throw notFound('content of item', item.id);
  const location = parseContentUri(stored.contentUri);
  const mimeType = stored.mimeType ?? 'application/octet-stream';
  switch (location.kind) {
    case 'file':
      try {
        return { bytes: await files.read(location.path), mimeType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('file of item', item.id);
        throw error;
      }
    case 'url':
      return { bytes: await fetchRemote(files, location.url), mimeType };
    case 's3':
      throw new DomainError('unavailable', 'object storage is not configured on this server');
  }
}

export async function readItemThumbnail(db: Db, files: FileStore, item: Item): Promise<ItemContent> {
  if (item.kind !== 'image') throw notFound('thumbnail of item', item.id);
  const path = files.derivedPath('thumbnails', `${item.id}.webp`);
  const cached = await readFile(path).catch(() => null);
  if (cached) return { bytes: cached, mimeType: 'image/webp' };
  const content = await readItemContent(db, files, item);
  const thumbnail = await makeThumbnail(content.bytes);
  await files.writeDerived('thumbnails', `${item.id}.webp`, thumbnail);
  return { bytes: thumbnail, mimeType: 'image/webp' };
}
