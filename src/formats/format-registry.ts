/**
 * The formats by name, for the CLI (`--format coco`) and the export/import jobs: what each writes
 * to or reads from (one stream or a folder) and which items it holds.
 */
import type { Writable } from 'node:stream';
import type { ItemKind, LabelSchema } from '../core/label-schema.ts';
import { exportCoco } from './coco-export.ts';
import { importCoco } from './coco-import.ts';
import { exportConll } from './conll-export.ts';
import { importConll } from './conll-import.ts';
import { exportCsv } from './csv-export.ts';
import { importCsv } from './csv-import.ts';
import { importCvat } from './cvat-import.ts';
import { exportJsonl } from './jsonl-export.ts';
import { importJsonl } from './jsonl-import.ts';
import { importLabelStudio } from './label-studio-import.ts';
import { importPredictions } from './predictions-import.ts';
import type { ExportItem, ExportOptions, ExportSummary, ImportedItem, ModelRef } from './records.ts';
import type { ImportSource } from './sources.ts';
import { exportSpacy } from './spacy-export.ts';
import { importSpacy } from './spacy-import.ts';
import { exportVoc } from './voc-export.ts';
import { importVoc } from './voc-import.ts';
import { exportYolo } from './yolo-export.ts';
import { importYolo } from './yolo-import.ts';

export interface ExportRunOptions extends ExportOptions {
  /** Span control for CoNLL and spaCy. */
  control?: string;
  /** Copies an image into a folder format (YOLO, VOC). */
  writeImage?: (item: ExportItem, path: string) => Promise<void>;
}

export type ExportFormat =
  | {
      name: string;
      description: string;
      itemKinds: ItemKind[];
      target: 'stream';
      extension: string;
      /** A function source is read twice by COCO (no spooling); the others read it once. */
      run(schema: LabelSchema, items: () => AsyncIterable<ExportItem>, out: Writable, options: ExportRunOptions): Promise<ExportSummary>;
    }
  | {
      name: string;
      description: string;
      itemKinds: ItemKind[];
      target: 'directory';
      run(schema: LabelSchema, items: () => AsyncIterable<ExportItem>, dir: string, options: ExportRunOptions): Promise<ExportSummary>;
    };

export const EXPORT_FORMATS: ExportFormat[] = [
  { name: 'coco', description: 'COCO object detection JSON (boxes, polygons)', itemKinds: ['image'], target: 'stream', extension: 'json', run: (s, items, out, o) => exportCoco(s, items, out, o) },
  { name: 'yolo', description: 'Ultralytics YOLO folder: data.yaml, train.txt, label files', itemKinds: ['image'], target: 'directory', run: (s, items, dir, o) => exportYolo(s, items(), dir, o) },
  { name: 'voc', description: 'Pascal VOC folder: one XML per image', itemKinds: ['image'], target: 'directory', run: (s, items, dir, o) => exportVoc(s, items(), dir, o) },
  { name: 'csv', description: 'classification CSV: item, control, label, annotator', itemKinds: ['image', 'text'], target: 'stream', extension: 'csv', run: (s, items, out, o) => exportCsv(s, items(), out, o) },
  { name: 'conll', description: 'CoNLL-2003 named entities, IOB2 tags', itemKinds: ['text'], target: 'stream', extension: 'conll', run: (s, items, out, o) => exportConll(s, items(), out, o) },
  { name: 'spacy', description: 'spaCy NER training JSON: [text, {entities}]', itemKinds: ['text'], target: 'stream', extension: 'json', run: (s, items, out, o) => exportSpacy(s, items(), out, o) },
  { name: 'jsonl', description: 'Atelier JSONL: every annotation with its provenance', itemKinds: ['image', 'text'], target: 'stream', extension: 'jsonl', run: (s, items, out, o) => exportJsonl(s, items(), out, o) },
];

export interface ImportRunOptions {
  skipUnsupported?: boolean;
  modelName?: string;
  model?: ModelRef;
  dataKey?: string;
  imageSize?: (imagePath: string) => Promise<{ width: number; height: number } | null>;
}

export type ImportFormat =
  | { name: string; description: string; source: 'file'; run(source: ImportSource, options: ImportRunOptions): AsyncIterable<ImportedItem> }
  | { name: string; description: string; source: 'directory'; run(dir: string, options: ImportRunOptions): AsyncIterable<ImportedItem> };

export const IMPORT_FORMATS: ImportFormat[] = [
  { name: 'coco', description: 'COCO JSON (Atelier, CVAT "COCO 1.0", Detectron...)', source: 'file', run: (src, o) => importCoco(src, o) },
  { name: 'yolo', description: 'Ultralytics YOLO folder', source: 'directory', run: (dir, o) => importYolo(dir, o) },
  { name: 'voc', description: 'Pascal VOC folder', source: 'directory', run: (dir) => importVoc(dir) },
  { name: 'csv', description: 'classification CSV', source: 'file', run: (src) => importCsv(src) },
  { name: 'conll', description: 'CoNLL-2003 (IOB1 or IOB2)', source: 'file', run: (src) => importConll(src) },
  { name: 'spacy', description: 'spaCy NER training JSON', source: 'file', run: (src) => importSpacy(src) },
  { name: 'jsonl', description: 'Atelier JSONL with history', source: 'file', run: (src) => importJsonl(src) },
  { name: 'label-studio', description: 'Label Studio JSON export', source: 'file', run: (src, o) => importLabelStudio(src, o) },
  { name: 'cvat', description: 'CVAT for images 1.1 XML', source: 'file', run: (src, o) => importCvat(src, o) },
  { name: 'predictions', description: 'model predictions JSONL', source: 'file', run: (src) => importPredictions(src) },
];

export function exportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.name === name);
}

export function importFormat(name: string): ImportFormat | undefined {
  return IMPORT_FORMATS.find((f) => f.name === name);
}
