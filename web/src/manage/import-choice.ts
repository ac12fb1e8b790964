/**
 * The import page's two kinds of import: items (POST /projects/:id/imports, answered at once) and
 * annotations (POST /projects/:id/import-jobs, a background job). What each needs from the form,
 * and how to tell an annotation file that was picked as an items file.
 */
import type { Project } from '../api/types.ts';

type ItemKind = Project['itemKind'];

export type ImportMode = 'items' | 'annotations';

export interface AnnotationFormat {
  /** The name the server takes in the `format` field. */
  name: string;
  words: string;
  /** A folder format: every file of the dataset is sent with its path inside it. */
  folder: boolean;
}

/** The formats the import-jobs API reads (src/formats/format-registry.ts), by the items they hold. */
const FORMATS: (AnnotationFormat & { kinds: ItemKind[] })[] = [
  { name: 'atelier-jsonl', words: 'Atelier JSONL (annotations with their history)', folder: false, kinds: ['image', 'text'] },
  { name: 'coco', words: 'COCO JSON', folder: false, kinds: ['image'] },
  { name: 'yolo', words: 'YOLO dataset folder', folder: true, kinds: ['image'] },
  { name: 'voc', words: 'Pascal VOC folder', folder: true, kinds: ['image'] },
  { name: 'cvat', words: 'CVAT for images 1.1 XML', folder: false, kinds: ['image'] },
  { name: 'csv', words: 'classification CSV', folder: false, kinds: ['image', 'text'] },
  { name: 'conll', words: 'CoNLL-2003 (IOB1 or IOB2)', folder: false, kinds: ['text'] },
  { name: 'spacy', words: 'spaCy NER training JSON', folder: false, kinds: ['text'] },
  { name: 'label-studio', words: 'Label Studio JSON export', folder: false, kinds: ['image', 'text'] },
  { name: 'predictions', words: 'model predictions JSONL', folder: false, kinds: ['image', 'text'] },
];

export function annotationFormats(kind: ItemKind): AnnotationFormat[] {
  return FORMATS.filter((f) => f.kinds.includes(kind)).map(({ name, words, folder }) => ({ name, words, folder }));
}

/** What an annotation import job reports when it is done (AnnotationImportReport on the server). */
export interface AnnotationImportResult {
  importId: number;
  format: string;
  records: number;
  imported: number;
  itemsCreated: number;
  itemsMatched: number;
  annotations: number;
  predictions: number;
  reviews: number;
  rejected: { path: string; message: string }[];
  warnings: string[];
}

export function isAnnotationImportResult(value: unknown): value is AnnotationImportResult {
  const r = value as Partial<AnnotationImportResult> | null;
  return typeof r?.imported === 'number' && typeof r.itemsCreated === 'number' && Array.isArray(r.warnings) && Array.isArray(r.rejected);
}

/**
 * Whether the first line of a .jsonl file is an Atelier annotation line (`{"item": …, "annotations": …}`)
 * or a predictions line, rather than an item: items files have neither.
 */
export function annotationFileKind(firstLine: string): 'atelier-jsonl' | 'predictions' | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(firstLine);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const keys = Object.keys(parsed);
  if (keys.includes('annotations') || (keys.includes('item') && keys.includes('consensus'))) return 'atelier-jsonl';
  if (keys.includes('predictions')) return 'predictions';
  return null;
}

/** `name@version`, as the server asks for predictions; null when it will do. */
export function modelProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Name the model the predictions come from, as name@version (e.g. yolov8@2024-05).';
  const at = t.lastIndexOf('@');
  if (at <= 0 || at === t.length - 1) return 'Write it as name@version, e.g. yolov8@2024-05.';
  return null;
}

export interface AnnotationImportChoices {
  format: string;
  as: 'ground_truth' | 'predictions';
  model: string;
  skipInvalid: boolean;
  skipUnsupported: boolean;
}

/**
 * The multipart form of an annotation import: the fields, then the annotation file (or a folder
 * format's files, each named by its path inside the dataset) and the images of new items.
 */
export function annotationImportForm(choices: AnnotationImportChoices, files: File[], images: File[]): FormData {
  const form = new FormData();
  form.set('format', choices.format);
  form.set('as', choices.as);
  if (choices.as === 'predictions') form.set('model', choices.model.trim());
  if (choices.skipInvalid) form.set('skipInvalid', 'true');
  if (choices.skipUnsupported) form.set('skipUnsupported', 'true');
  for (const f of [...files, ...images]) form.append('files', f, relativeName(f));
  return form;
}

/** A file picked from a folder keeps its path inside it (images/train/a.jpg), as folder formats need. */
export function relativeName(file: File): string {
  const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return path ? path : file.name;
}
