/**
 * The bytes of an item, served by Atelier itself after the access check: files from the files
 * folder, remote URLs fetched by the server (and kept), objects in S3-compatible storage read
 * through a short-lived presigned URL (and not kept: the bucket stays where the data lives), texts
 * as UTF-8. Thumbnails are made once.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { DomainError, notFound } from '../core/errors.ts';
import { type Item, parseContentUri } from '../core/items.ts';
import type { FileStore } from '../media/file-store.ts';
import { makeThumbnail } from '../media/images.ts';
import type { S3Config } from '../storage/s3/presign.ts';
import { openS3Object } from '../storage/s3/read-object.ts';
import type { Db } from '../store/database.ts';
import { findItemContentUri } from '../store/items.ts';

export interface ItemContent {
  bytes: Buffer;
  mimeType: string;
}

const FETCH_TIMEOUT_MS = 15_000;
const MAX_REMOTE_BYTES = 100 * 1024 * 1024;

/**
 * The object storage of this process, from the configuration at start-up (`useObjectStorage`);
 * null keeps `s3://` items unreadable with a clear message. One per process, like its files folder.
 */
let objectStorage: S3Config | null = null;

export function useObjectStorage(config: S3Config | null): void {
  objectStorage = config;
}

async function readBody(response: Response, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_REMOTE_BYTES) throw new DomainError('payload_too_large', `${what} is larger than 100 MB`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_REMOTE_BYTES) throw new DomainError('payload_too_large', `${what} is larger than 100 MB`);
  return bytes;
}

async function readS3(uri: string): Promise<Buffer> {
  if (!objectStorage) {
    throw new DomainError('unavailable', 'object storage is not configured on this server (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and ATELIER_S3_ENDPOINT for a non-AWS store)');
  }
  let response: Response;
  try {
    response = await openS3Object(objectStorage, uri, { now: new Date(), fetch: (url) => fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }) });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('unavailable', `object storage could not be reached: ${(error as Error).message}`);
  }
  return readBody(response, 'the item');
}

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
  const bytes = await readBody(response, 'the item');
  await files.writeDerived('fetched', name, bytes);
  return bytes;
}

/** The bytes at a stored content location (`file:`, `http(s)://`, `s3://`). */
export async function readContentAt(files: FileStore, contentUri: string, itemId: number): Promise<Buffer> {
  const location = parseContentUri(contentUri);
  switch (location.kind) {
    case 'file':
      try {
        return await files.read(location.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('file of item', itemId);
        throw error;
      }
    case 'url':
      return fetchRemote(files, location.url);
    case 's3':
      return readS3(contentUri);
  }
}

export async function readItemContent(db: Db, files: FileStore, item: Item): Promise<ItemContent> {
  if (item.kind === 'text') return { bytes: Buffer.from(item.text ?? '', 'utf8'), mimeType: 'text/plain; charset=utf-8' };
  const stored = await findItemContentUri(db, item.id);
  if (!stored?.contentUri) throw notFound('content of item', item.id);
  return { bytes: await readContentAt(files, stored.contentUri, item.id), mimeType: stored.mimeType ?? 'application/octet-stream' };
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
