import type { AnnotationResult, ItemKind } from './label-schema.ts';
import type { Sensitivity } from './workforce.ts';

/** What decides who may see an item and where it is routed: it travels with the item. */
export type ItemHandling = Pick<Item, 'sensitivity' | 'region' | 'language' | 'tags' | 'edgeCase' | 'modelConfidence'>;

export interface Item {
  id: number;
  projectId: number;
  externalId: string | null;
  kind: ItemKind;
  /** Texts carry their content; images are fetched from the content route. */
  text: string | null;
  mimeType: string | null;
  width: number | null;
  height: number | null;
  metadata: Record<string, unknown>;
  sensitivity: Sensitivity;
  region: string | null;
  language: string | null;
  tags: string[];
  edgeCase: boolean;
  /** The model's confidence in its prediction of this item, when there is one. */
  modelConfidence: number | null;
  createdAt: Date;
}

/** Where an item's bytes live. */
export type ContentLocation =
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 's3'; bucket: string; key: string };

export function parseContentUri(uri: string): ContentLocation {
  if (uri.startsWith('file:')) return { kind: 'file', path: uri.slice('file:'.length) };
  if (uri.startsWith('s3://')) {
    const rest = uri.slice('s3://'.length);
    const slash = rest.indexOf('/');
    return { kind: 's3', bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
  }
  return { kind: 'url', url: uri };
}

export interface Annotation {
  id: number;
  projectId: number;
  itemId: number;
  taskId: number | null;
  annotatorId: number | null;
  source: 'human' | 'model' | 'import';
  model: { name: string; version: string | null } | null;
  confidence: number | null;
  schemaVersion: number;
  guidelinesVersion: number | null;
  result: AnnotationResult;
  timeSpentMs: number | null;
  supersedesId: number | null;
  /** The client's key for this submission (repeats of it are recognised). */
  clientToken: string | null;
  createdAt: Date;
}
