/** Edits of a label schema in the editor, as pure functions, and its check before saving. */
import { validateLabelSchema } from '../../../src/core/label-schema.ts';
import type { Control, ControlKind, LabelDef, LabelSchema } from '../api/types.ts';
import type { FieldIssue } from '../api/types.ts';

/** Colours offered to new labels in turn: distinct, readable on light and dark images. */
export const LABEL_COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#800000', '#000075'];

export const KINDS_FOR: Record<'image' | 'text', ControlKind[]> = {
  image: ['bbox', 'polygon', 'single_choice', 'multi_choice'],
  text: ['span', 'single_choice', 'multi_choice'],
};

export const KIND_NAMES: Record<ControlKind, string> = {
  bbox: 'Bounding boxes',
  polygon: 'Polygons',
  span: 'Text spans (entities)',
  single_choice: 'One choice for the whole item',
  multi_choice: 'Several choices for the whole item',
};

function usedHotkeys(schema: LabelSchema): Set<string> {
  return new Set(schema.controls.flatMap((c) => c.labels.map((l) => l.hotkey).filter((k): k is string => !!k)));
}

export function newLabel(schema: LabelSchema, name: string): LabelDef {
  const count = schema.controls.reduce((n, c) => n + c.labels.length, 0);
  const used = usedHotkeys(schema);
  const hotkey = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].find((k) => !used.has(k));
  return { name, color: LABEL_COLORS[count % LABEL_COLORS.length]!, ...(hotkey ? { hotkey } : {}) };
}

export function starterSchema(kind: 'image' | 'text'): LabelSchema {
  const first: Control = { name: kind === 'image' ? 'objects' : 'entities', kind: kind === 'image' ? 'bbox' : 'span', labels: [] };
  const schema: LabelSchema = { controls: [first] };
  first.labels.push(newLabel(schema, kind === 'image' ? 'object' : 'PER'));
  return schema;
}

export function updateControl(schema: LabelSchema, index: number, change: Partial<Control>): LabelSchema {
  return { controls: schema.controls.map((c, i) => (i === index ? { ...c, ...change } : c)) };
}

export function addControl(schema: LabelSchema, kind: ControlKind): LabelSchema {
  const names = new Set(schema.controls.map((c) => c.name));
  let n = schema.controls.length + 1;
  while (names.has(`question_${n}`)) n++;
  const control: Control = { name: `question_${n}`, kind, labels: [] };
  const next = { controls: [...schema.controls, control] };
  control.labels.push(newLabel(next, 'label'));
  return next;
}

export function removeControl(schema: LabelSchema, index: number): LabelSchema {
  return { controls: schema.controls.filter((_, i) => i !== index) };
}

export function updateLabel(schema: LabelSchema, ci: number, li: number, change: Partial<LabelDef>): LabelSchema {
  return updateControl(schema, ci, {
    labels: schema.controls[ci]!.labels.map((l, i) => {
      if (i !== li) return l;
      const next = { ...l, ...change };
      if (next.hotkey === '') delete next.hotkey;
      return next;
    }),
  });
}

export function addLabel(schema: LabelSchema, ci: number): LabelSchema {
  const control = schema.controls[ci]!;
  return updateControl(schema, ci, { labels: [...control.labels, newLabel(schema, `label ${control.labels.length + 1}`)] });
}

export function removeLabel(schema: LabelSchema, ci: number, li: number): LabelSchema {
  return updateControl(schema, ci, { labels: schema.controls[ci]!.labels.filter((_, i) => i !== li) });
}

/** The problems the server would refuse the schema for, with the field at fault; empty when none. */
export function schemaIssues(schema: LabelSchema, itemKind: 'image' | 'text'): FieldIssue[] {
  try {
    validateLabelSchema(structuredClone(schema), itemKind);
    return [];
  } catch (error) {
    return (error as { details?: { issues?: FieldIssue[] } }).details?.issues ?? [{ path: '', message: String(error) }];
  }
}
