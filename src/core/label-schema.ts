/**
 * The label schema (taxonomy) of a project and the shape of an annotation result.
 *
 * A schema is a list of controls. Each control is one question asked of an item: a choice among
 * labels (single or multiple), or regions drawn on it (boxes, polygons on images; spans on texts).
 * Schemas are versioned by the store; an annotation is always validated against the version it was
 * made under, so a later edit of the taxonomy never invalidates past work.
 */
import { type FieldIssue, validationFailed } from './errors.ts';
import { nulIssue } from './nul-characters.ts';

export type ItemKind = 'image' | 'text';
export type ControlKind = 'single_choice' | 'multi_choice' | 'bbox' | 'polygon' | 'span';

export const CONTROL_KINDS: readonly ControlKind[] = ['single_choice', 'multi_choice', 'bbox', 'polygon', 'span'];

export interface LabelDef {
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
  /** One key (`1`–`9`, `a`–`z`) that picks this label in the annotate screen. */
  hotkey?: string;
}

export interface Control {
  name: string;
  kind: ControlKind;
  labels: LabelDef[];
  /** A required choice must be answered; a required region control needs at least one region. */
  required?: boolean;
}

export interface LabelSchema {
  controls: Control[];
}

export interface BoxRegion {
  control: string;
  kind: 'bbox';
  label: string;
  /** Pixels of the original image, origin top-left. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PolygonRegion {
  control: string;
  kind: 'polygon';
  label: string;
  /** Pixels of the original image, at least three points, not closed (the last point is not the first). */
  points: [number, number][];
}

export interface SpanRegion {
  control: string;
  kind: 'span';
  label: string;
  /** UTF-16 code unit offsets into the item's text, end exclusive (as JavaScript strings index). */
  start: number;
  end: number;
  /** The covered text; when given it must equal `text.slice(start, end)`. */
  text?: string;
}

export type Region = BoxRegion | PolygonRegion | SpanRegion;

export interface AnnotationResult {
  /** Control name → chosen label names (one for single choice). */
  choices: Record<string, string[]>;
  regions: Region[];
}

/** What validation needs to know of the item an annotation is made on. */
export interface ItemFacts {
  kind: ItemKind;
  width?: number | null;
  height?: number | null;
  text?: string | null;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const HOTKEY = /^[0-9a-z]$/;
const NAME = /^[^\s].{0,99}$/u;

/** Checks a schema definition itself (as a manager submits it). Throws `validation_failed`. */
export function validateLabelSchema(schema: LabelSchema, itemKind: ItemKind): LabelSchema {
  const issues: FieldIssue[] = [];
  if (!Array.isArray(schema.controls) || schema.controls.length === 0) {
    issues.push({ path: 'controls', message: 'a schema needs at least one control' });
    throw validationFailed(issues);
  }
  // A schema also comes from files (`atelier project create --schema`), not only through the API.
  const nul = nulIssue(schema);
  if (nul) throw validationFailed([nul]);
  const controlNames = new Set<string>();
  const hotkeys = new Map<string, string>();
  schema.controls.forEach((control, ci) => {
    const at = `controls[${ci}]`;
    if (!NAME.test(control.name ?? '')) issues.push({ path: `${at}.name`, message: 'a control needs a name' });
    if (controlNames.has(control.name)) issues.push({ path: `${at}.name`, message: `duplicate control "${control.name}"` });
    controlNames.add(control.name);
    if (!CONTROL_KINDS.includes(control.kind)) {
      issues.push({ path: `${at}.kind`, message: `unknown kind "${String(control.kind)}"` });
    } else if ((control.kind === 'bbox' || control.kind === 'polygon') && itemKind !== 'image') {
      issues.push({ path: `${at}.kind`, message: `${control.kind} needs image items` });
    } else if (control.kind === 'span' && itemKind !== 'text') {
      issues.push({ path: `${at}.kind`, message: 'span needs text items' });
    }
    if (!Array.isArray(control.labels) || control.labels.length === 0) {
      issues.push({ path: `${at}.labels`, message: 'a control needs at least one label' });
      return;
    }
    const labelNames = new Set<string>();
    control.labels.forEach((label, li) => {
      const lat = `${at}.labels[${li}]`;
      if (!NAME.test(label.name ?? '')) issues.push({ path: `${lat}.name`, message: 'a label needs a name' });
      if (labelNames.has(label.name)) issues.push({ path: `${lat}.name`, message: `duplicate label "${label.name}"` });
      labelNames.add(label.name);
      if (!COLOR.test(label.color ?? '')) issues.push({ path: `${lat}.color`, message: 'colour must be #rrggbb' });
      if (label.hotkey !== undefined) {
        if (!HOTKEY.test(label.hotkey)) {
          issues.push({ path: `${lat}.hotkey`, message: 'hotkey must be one digit or lower-case letter' });
        } else if (hotkeys.has(label.hotkey)) {
          issues.push({ path: `${lat}.hotkey`, message: `hotkey "${label.hotkey}" is already used by ${hotkeys.get(label.hotkey)}` });
        } else {
          hotkeys.set(label.hotkey, `${control.name}/${label.name}`);
        }
      }
    });
  });
  if (issues.length > 0) throw validationFailed(issues);
  return schema;
}

/**
 * Checks an annotation result against the schema version it was made under and the item it was made
 * on. Every problem is reported with the field at fault; throws `validation_failed` when any.
 */
export function validateAnnotationResult(result: AnnotationResult, schema: LabelSchema, item: ItemFacts): AnnotationResult {
  const issues: FieldIssue[] = [];
  // Imported files bring results too; refused here before a message below quotes the NUL.
  const nul = nulIssue(result);
  if (nul) throw validationFailed([nul]);
  const controls = new Map(schema.controls.map((c) => [c.name, c]));
  const choices = result.choices ?? {};
  const regions = result.regions ?? [];

  for (const [name, labels] of Object.entries(choices)) {
    const at = `choices.${name}`;
    const control = controls.get(name);
    if (!control) {
      issues.push({ path: at, message: `unknown control "${name}"` });
      continue;
    }
    if (control.kind !== 'single_choice' && control.kind !== 'multi_choice') {
      issues.push({ path: at, message: `control "${name}" takes regions, not choices` });
      continue;
    }
    if (!Array.isArray(labels)) {
      issues.push({ path: at, message: 'must be a list of label names' });
      continue;
    }
    if (control.kind === 'single_choice' && labels.length > 1) {
      issues.push({ path: at, message: 'single choice takes one label' });
    }
    if (new Set(labels).size !== labels.length) issues.push({ path: at, message: 'a label is chosen twice' });
    labels.forEach((label, i) => {
      if (!control.labels.some((l) => l.name === label)) {
        issues.push({ path: `${at}[${i}]`, message: `unknown label "${label}"` });
      }
    });
  }

  regions.forEach((region, i) => {
    const at = `regions[${i}]`;
    const control = controls.get(region.control);
    if (!control) {
      issues.push({ path: `${at}.control`, message: `unknown control "${region.control}"` });
      return;
    }
    if (control.kind !== region.kind) {
      issues.push({ path: `${at}.kind`, message: `control "${control.name}" takes ${control.kind}, not ${region.kind}` });
      return;
    }
    if (!control.labels.some((l) => l.name === region.label)) {
      issues.push({ path: `${at}.label`, message: `unknown label "${region.label}"` });
    }
    if (region.kind === 'bbox') checkBox(region, item, at, issues);
    else if (region.kind === 'polygon') checkPolygon(region, item, at, issues);
    else checkSpan(region, item, at, issues);
  });

  for (const control of schema.controls) {
    if (!control.required) continue;
    const answered =
      control.kind === 'single_choice' || control.kind === 'multi_choice'
        ? (choices[control.name]?.length ?? 0) > 0
        : regions.some((r) => r.control === control.name);
    if (!answered) issues.push({ path: `choices.${control.name}`, message: `"${control.name}" is required` });
  }

  if (issues.length > 0) throw validationFailed(issues);
  return { choices, regions };
}

function finite(...values: unknown[]): boolean {
  return values.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function checkBox(box: BoxRegion, item: ItemFacts, at: string, issues: FieldIssue[]): void {
  if (!finite(box.x, box.y, box.width, box.height)) {
    issues.push({ path: at, message: 'x, y, width and height must be numbers' });
    return;
  }
  if (box.width <= 0) issues.push({ path: `${at}.width`, message: 'width must be positive' });
  if (box.height <= 0) issues.push({ path: `${at}.height`, message: 'height must be positive' });
  if (box.x < 0) issues.push({ path: `${at}.x`, message: 'box starts left of the image' });
  if (box.y < 0) issues.push({ path: `${at}.y`, message: 'box starts above the image' });
  if (item.width != null && box.x + box.width > item.width + EDGE_TOLERANCE) {
    issues.push({ path: `${at}.x`, message: `box ends at x=${box.x + box.width}, past the image width ${item.width}` });
  }
  if (item.height != null && box.y + box.height > item.height + EDGE_TOLERANCE) {
    issues.push({ path: `${at}.y`, message: `box ends at y=${box.y + box.height}, past the image height ${item.height}` });
  }
}

/** Drawing tools round to sub-pixels; a box that touches the edge must not be refused for 1e-9. */
const EDGE_TOLERANCE = 0.5;

function checkPolygon(polygon: PolygonRegion, item: ItemFacts, at: string, issues: FieldIssue[]): void {
  if (!Array.isArray(polygon.points) || polygon.points.length < 3) {
    issues.push({ path: `${at}.points`, message: 'a polygon needs at least three points' });
    return;
  }
  polygon.points.forEach((point, j) => {
    const pat = `${at}.points[${j}]`;
    if (!Array.isArray(point) || point.length !== 2 || !finite(point[0], point[1])) {
      issues.push({ path: pat, message: 'a point is [x, y]' });
      return;
    }
    const [x, y] = point;
    const outside =
      x < -EDGE_TOLERANCE ||
      y < -EDGE_TOLERANCE ||
      (item.width != null && x > item.width + EDGE_TOLERANCE) ||
      (item.height != null && y > item.height + EDGE_TOLERANCE);
    if (outside) issues.push({ path: pat, message: `point (${x}, ${y}) is outside the image` });
  });
}

function checkSpan(span: SpanRegion, item: ItemFacts, at: string, issues: FieldIssue[]): void {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) {
    issues.push({ path: at, message: 'start and end must be whole numbers' });
    return;
  }
  const length = item.text?.length ?? 0;
  if (span.start < 0) issues.push({ path: `${at}.start`, message: 'start is before the beginning of the text' });
  if (span.end <= span.start) issues.push({ path: `${at}.end`, message: 'end must be after start' });
  if (span.end > length) issues.push({ path: `${at}.end`, message: `end ${span.end} is past the end of the text (${length})` });
  // Offsets count UTF-16 code units: a character beyond U+FFFF (an emoji, say) takes two, and an
  // offset between them cuts it in half — spaCy's code point offsets then made it an empty entity.
  for (const side of ['start', 'end'] as const) {
    if (item.text != null && splitsPair(item.text, span[side])) {
      issues.push({ path: `${at}.${side}`, message: `${side} ${span[side]} falls inside a character (between the two UTF-16 code units of U+${item.text.codePointAt(span[side] - 1)!.toString(16).toUpperCase()}); offsets count UTF-16 code units` });
    }
  }
  if (span.text !== undefined && item.text != null && item.text.slice(span.start, span.end) !== span.text) {
    issues.push({ path: `${at}.text`, message: 'text does not match the span offsets' });
  }
}

/** Whether an offset falls between the high and the low surrogate of one character. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * A result that chooses no label and draws no region. A schema of optional controls accepts it from
 * an annotator (nothing to label here), but it says nothing: it cannot be a final label.
 */
export function isEmptyResult(result: Partial<AnnotationResult>): boolean {
  return Object.values(result.choices ?? {}).every((labels) => !Array.isArray(labels) || labels.length === 0) && (result.regions ?? []).length === 0;
}

/** The labels a schema offers, flattened, for palettes and exports. */
export function allLabels(schema: LabelSchema): { control: string; kind: ControlKind; label: LabelDef }[] {
  return schema.controls.flatMap((c) => c.labels.map((label) => ({ control: c.name, kind: c.kind, label })));
}
