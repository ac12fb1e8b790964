/**
 * Puts imported labels onto a project's schema. Formats that do not name controls (COCO, YOLO,
 * VOC, CVAT, CoNLL, spaCy) give regions and choices with an empty control; formats that do may use
 * other names. Each region or choice goes to the control of its kind that has its label — the
 * named control when it has it, else the first in schema order — after optional renames and, failing
 * an exact match, a case-insensitive one. What the schema does not have is left out and reported,
 * so the import can be refused, or the schema extended, before anything is written.
 */
import { validateAnnotationResult, type Control, type ControlKind, type LabelSchema } from '../core/label-schema.ts';
import { DomainError, type FieldIssue } from '../core/errors.ts';
import type { AnnotationResult } from '../core/label-schema.ts';
import { refuseAll } from './issues.ts';
import type { Confidences, ImportedAnnotation, ImportedItem } from './records.ts';

export interface SchemaMappingOptions {
  /** Source label → schema label, applied first (`{"Car": "car"}`). */
  renames?: Record<string, string>;
  /** Match labels ignoring case when no exact match exists. Default true. */
  caseInsensitive?: boolean;
}

export interface UnmatchedLabel {
  /** `choice` for image- or text-level choices. */
  kind: ControlKind | 'choice';
  /** The control the source named ('' when it names none). */
  control: string;
  label: string;
  /** How many regions or choices carried it. */
  count: number;
  /** Where it was first seen. */
  firstPlace: string;
}

export interface AmbiguousLabel {
  kind: ControlKind | 'choice';
  label: string;
  /** The controls that have the label; the first was used. */
  controls: string[];
}

type Target = { control: string; label: string };

export class SchemaMapper {
  private readonly unmatched = new Map<string, UnmatchedLabel>();
  private readonly ambiguous = new Map<string, AmbiguousLabel>();
  private readonly byKind = new Map<string, Control[]>();

  constructor(
    private readonly schema: LabelSchema,
    private readonly options: SchemaMappingOptions = {},
  ) {
    for (const control of schema.controls) {
      const kind = control.kind === 'single_choice' || control.kind === 'multi_choice' ? 'choice' : control.kind;
      const list = this.byKind.get(kind) ?? [];
      list.push(control);
      this.byKind.set(kind, list);
    }
  }

  private labelIn(control: Control, label: string): string | null {
    if (control.labels.some((l) => l.name === label)) return label;
    if (this.options.caseInsensitive === false) return null;
    const lower = label.toLowerCase();
    return control.labels.find((l) => l.name.toLowerCase() === lower)?.name ?? null;
  }

  /** The schema's control and label for a source one, or null. */
  resolve(kind: ControlKind | 'choice', control: string, sourceLabel: string, place: string): Target | null {
    const label = this.options.renames?.[sourceLabel] ?? sourceLabel;
    const controls = this.byKind.get(kind) ?? [];
    const named = controls.find((c) => c.name === control);
    const inNamed = named ? this.labelIn(named, label) : null;
    if (named && inNamed) return { control: named.name, label: inNamed };
    const exact = controls.filter((c) => c.labels.some((l) => l.name === label));
    const candidates = exact.length > 0 ? exact : controls.filter((c) => this.labelIn(c, label) !== null);
    if (candidates.length === 0) {
      const key = `${kind}\u0000${control}\u0000${sourceLabel}`;
      const seen = this.unmatched.get(key);
      if (seen) seen.count++;
      else this.unmatched.set(key, { kind, control, label: sourceLabel, count: 1, firstPlace: place });
      return null;
    }
    if (candidates.length > 1) this.ambiguous.set(`${kind}\u0000${label}`, { kind, label, controls: candidates.map((c) => c.name) });
    return { control: candidates[0]!.name, label: this.labelIn(candidates[0]!, label)! };
  }

  private mapAnnotation(annotation: ImportedAnnotation, place: string): ImportedAnnotation {
    const result: AnnotationResult = { choices: {}, regions: [] };
    const confidences: Confidences | null = annotation.confidences ? { regions: [], choices: {} } : null;
    const regionPlaces: string[] | undefined = annotation.regionPlaces ? [] : undefined;
    annotation.result.regions.forEach((region, i) => {
      const target = this.resolve(region.kind, region.control, region.label, place);
      if (!target) return;
      result.regions.push({ ...region, ...target });
      confidences?.regions.push(annotation.confidences!.regions[i] ?? null);
      regionPlaces?.push(annotation.regionPlaces![i] ?? place);
    });
    for (const [control, labels] of Object.entries(annotation.result.choices)) {
      labels.forEach((label, i) => {
        const target = this.resolve('choice', control, label, place);
        if (!target) return;
        const list = (result.choices[target.control] ??= []);
        if (list.includes(target.label)) return;
        list.push(target.label);
        if (confidences) (confidences.choices[target.control] ??= []).push(annotation.confidences!.choices[control]?.[i] ?? null);
      });
    }
    return { ...annotation, result, confidences, ...(regionPlaces ? { regionPlaces } : {}) };
  }

  map(item: ImportedItem): ImportedItem {
    return { ...item, annotations: item.annotations.map((a) => this.mapAnnotation(a, item.place)) };
  }

  unmatchedLabels(): UnmatchedLabel[] {
    return [...this.unmatched.values()];
  }

  ambiguousLabels(): AmbiguousLabel[] {
    return [...this.ambiguous.values()];
  }

  /** Refuses the import when labels were left out, naming each with where it was first seen. */
  assertAllMatched(): void {
    const issues: FieldIssue[] = this.unmatchedLabels().map((u) => ({
      path: u.firstPlace,
      message: `${u.kind} label "${u.label}"${u.control ? ` of "${u.control}"` : ''} is not in the schema (${u.count} in all)`,
    }));
    if (issues.length > 0) throw refuseAll(issues);
  }
}

/**
 * Checks every annotation of a mapped item against the schema and the item (boxes inside the
 * image, spans inside the text...), reporting faults at the record's place in the file.
 */
/**
 * Where a fault is in the file: the region's own place where the format gave one (COCO's
 * `annotations[4].bbox`, YOLO's `labels/a.txt line 3`), else the record's place and Atelier's path.
 */
function sourcePath(item: ImportedItem, annotation: ImportedAnnotation, index: number, path: string): string {
  const region = /^regions\[(\d+)\]/.exec(path);
  const place = region ? annotation.regionPlaces?.[Number(region[1])] : undefined;
  return place ?? `${item.place}: annotations[${index}].${path}`;
}

export function validateImportedItem(item: ImportedItem, schema: LabelSchema): void {
  // "Required" binds annotators submitting work, not files made elsewhere (COCO has no choices).
  const lenient: LabelSchema = { controls: schema.controls.map((c) => ({ ...c, required: false })) };
  const facts = { kind: item.kind ?? 'image', width: item.width, height: item.height, text: item.text };
  item.annotations.forEach((annotation, i) => {
    try {
      validateAnnotationResult(annotation.result, lenient, facts);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const issues = ((error.details as { issues?: FieldIssue[] })?.issues ?? []).map((issue) => ({
        path: sourcePath(item, annotation, i, issue.path),
        message: issue.message,
      }));
      throw refuseAll(issues);
    }
  });
}
