/**
 * Which item of the project an imported record is about, and where the image of a record that
 * brings a new item is.
 *
 * A record is matched by its external id (`#123` is the item with id 123, as Atelier's CSV names
 * items without one); else, for an image, by its file name (as the item's external id, with or
 * without its extension, or its last path segment); else, for a text, by the text itself.
 * Images of new items are looked up relative to the annotation file (or the `--images` folder, or
 * among the uploaded files),
 * then by file name anywhere below it; nothing outside those folders is ever read.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ImportedItem } from '../../formats/records.ts';
import type { Db } from '../../store/database.ts';
import { findItemsByExternalIds, findItemsByIds, findItemsByText, type ImportTargetItem } from '../../store/jobs-import-writes.ts';

export type RecordKey =
  | { kind: 'id'; id: number }
  | { kind: 'external'; candidates: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

const REMOTE = /^(https?|s3):\/\//i;

/** A short key for a text of any length (its MD5), for maps of the texts an import names. */
function textKey(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export function isRemoteUri(uri: string): boolean {
  return REMOTE.test(uri);
}

export function recordKey(record: ImportedItem): RecordKey {
  if (record.externalId !== null) {
    const byId = /^#(\d+)$/.exec(record.externalId);
    return byId ? { kind: 'id', id: Number(byId[1]) } : { kind: 'external', candidates: [record.externalId] };
  }
  if (record.fileName) {
    const name = record.fileName;
    const last = basename(name);
    const stem = last.slice(0, last.length - extname(last).length);
    return { kind: 'external', candidates: [...new Set([name, last, stem].filter((c) => c !== ''))] };
  }
  if (record.text !== null) return { kind: 'text', text: record.text };
  return { kind: 'none' };
}

/** One string per item a record may create: two records with the same one are the same item. */
export function dedupeKey(key: RecordKey): string | null {
  switch (key.kind) {
    case 'id':
      return `id:${key.id}`;
    case 'external':
      return `ext:${key.candidates[0]}`;
    case 'text':
      return `text:${textKey(key.text)}`;
    case 'none':
      return null;
  }
}

/** The external id a record's new item gets: its own, else its image's file name. */
export function newExternalId(record: ImportedItem): string | null {
  return record.externalId ?? record.fileName ?? null;
}

/** The existing items a batch of records is about (null where none), in one query per kind of key. */
export async function resolveTargets(db: Db, projectId: number, keys: RecordKey[]): Promise<(ImportTargetItem | null)[]> {
  const ids: number[] = [];
  const external: string[] = [];
  const texts: string[] = [];
  // No item holds a NUL (the database cannot store one) and a query naming one fails: such a key
  // matches nothing, and the check refuses its record (annotation-import-check.ts).
  const storable = (text: string): boolean => !text.includes('\0');
  for (const key of keys) {
    if (key.kind === 'id') ids.push(key.id);
    else if (key.kind === 'external') external.push(...key.candidates.filter(storable));
    else if (key.kind === 'text' && storable(key.text)) texts.push(key.text);
  }
  const [byId, byExternal, byText] = await Promise.all([
    findItemsByIds(db, projectId, [...new Set(ids)]),
    findItemsByExternalIds(db, projectId, [...new Set(external)]),
    findItemsByText(db, projectId, [...new Set(texts)]),
  ]);
  return keys.map((key) => {
    if (key.kind === 'id') return byId.get(key.id) ?? null;
    if (key.kind === 'text') return byText.get(key.text) ?? null;
    if (key.kind === 'external') {
      for (const candidate of key.candidates) {
        const found = byExternal.get(candidate);
        if (found) return found;
      }
    }
    return null;
  });
}

export type ImageLocation = { kind: 'file'; path: string } | { kind: 'remote'; uri: string } | { kind: 'missing'; reason: string };

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export class ImageFinder {
  private index: Map<string, string[]> | null = null;

  /**
   * `roots`: where images may be, first first (the `--images` folder, then the annotation file's).
   * `from`: how the files came, so that the advice on a missing image is one the caller can follow
   * (a CLI flag means nothing to someone uploading through the API or the web app).
   */
  constructor(
    private readonly roots: string[],
    private readonly from: 'path' | 'upload' = 'path',
  ) {}

  private async byName(): Promise<Map<string, string[]>> {
    if (this.index) return this.index;
    const index = new Map<string, string[]>();
    for (const root of this.roots) {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const list = index.get(entry.name) ?? [];
        list.push(join(entry.parentPath, entry.name));
        index.set(entry.name, list);
      }
    }
    this.index = index;
    return index;
  }

  async locate(record: ImportedItem, exists: (path: string) => Promise<boolean>): Promise<ImageLocation> {
    if (record.uri && isRemoteUri(record.uri)) return { kind: 'remote', uri: record.uri };
    const names = [record.fileName, record.uri && !isRemoteUri(record.uri) ? record.uri.replace(/^\/+/, '') : null].filter((n): n is string => !!n);
    if (names.length === 0) return { kind: 'missing', reason: 'the record names no image' };
    for (const root of this.roots) {
      for (const name of names) {
        const path = resolve(root, name);
        if (inside(root, path) && (await exists(path))) return { kind: 'file', path };
      }
    }
    const found = (await this.byName()).get(basename(names[0]!)) ?? [];
    if (found.length === 1) return { kind: 'file', path: found[0]! };
    const name = basename(names[0]!);
    if (this.from === 'upload') {
      if (found.length > 1) return { kind: 'missing', reason: `${found.length} uploaded files are named ${name}; upload the images with their folder paths, as the annotation file names them` };
      return { kind: 'missing', reason: `image ${names[0]} was not uploaded: upload it with the annotation file (the images of items the project does not have yet go along)` };
    }
    if (found.length > 1) return { kind: 'missing', reason: `${found.length} files are named ${name}; give the folder with --images` };
    return { kind: 'missing', reason: `image ${names[0]} not found next to the annotation file${this.roots.length > 1 ? ' or in the images folder' : ' (give its folder with --images)'}` };
  }
}
