/**
 * The annotation being made, as the annotate screen holds it: the result the server takes, with an
 * id on each region so that the drawing libraries and the undo history can name a shape. Every
 * edit is a pure function from one draft to the next; the history keeps the drafts.
 */
import type { AnnotationResult, Control, LabelSchema, Region } from '../api/types.ts';

export type DraftRegion = Region & { id: string };

/** How a region stands out on a read-only canvas: bolder (it needs a look) or fainter (it is settled). */
export type RegionEmphasis = 'strong' | 'faint';

export interface Draft {
  choices: Record<string, string[]>;
  regions: DraftRegion[];
}

export const EMPTY_DRAFT: Draft = { choices: {}, regions: [] };

let counter = 0;
/** Region ids only need to be unique within one page's life. */
export function newRegionId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}${counter.toString(36)}`;
}

/** A draft from a stored result (a pre-annotation, or an annotation under review). */
export function draftFromResult(result: Partial<AnnotationResult> | null | undefined, schema: LabelSchema): Draft {
  const controls = new Map(schema.controls.map((c) => [c.name, c]));
  const choices: Record<string, string[]> = {};
  for (const [name, labels] of Object.entries(result?.choices ?? {})) {
    const control = controls.get(name);
    if (!control || (control.kind !== 'single_choice' && control.kind !== 'multi_choice')) continue;
    const known = labels.filter((l) => control.labels.some((d) => d.name === l));
    if (known.length > 0) choices[name] = control.kind === 'single_choice' ? known.slice(0, 1) : known;
  }
  const regions = (result?.regions ?? [])
    .filter((r) => controls.get(r.control)?.kind === r.kind)
    .map((r): DraftRegion => ({ ...r, id: newRegionId() }));
  return { choices, regions };
}

/**
 * What a task opens with: the draft this browser kept of it (a reload), else the person's own answer
 * that review sent back (they mend it; the model's guess would undo their work), else the model's
 * pre-annotation, else nothing.
 */
export function openingDraft(
  sources: { stored: Draft | null; sentBack: Partial<AnnotationResult> | null; prediction: Partial<AnnotationResult> | null },
  schema: LabelSchema,
): Draft {
  if (sources.stored) return sources.stored;
  const result = sources.sentBack ?? sources.prediction;
  return result ? draftFromResult(result, schema) : EMPTY_DRAFT;
}

/** The result to send: region ids dropped, empty choices left out. */
export function resultFromDraft(draft: Draft): AnnotationResult {
  const choices: Record<string, string[]> = {};
  for (const [name, labels] of Object.entries(draft.choices)) if (labels.length > 0) choices[name] = [...labels];
  const regions = draft.regions.map((r): Region => {
    const { id: _id, ...region } = r;
    return region as Region;
  });
  return { choices, regions };
}

/** Picks a label of a choice control: single choice replaces, multi choice toggles. */
export function toggleChoice(draft: Draft, control: Control, label: string): Draft {
  const current = draft.choices[control.name] ?? [];
  let next: string[];
  if (control.kind === 'single_choice') next = current.length === 1 && current[0] === label ? [] : [label];
  else next = current.includes(label) ? current.filter((l) => l !== label) : [...current, label];
  return { ...draft, choices: { ...draft.choices, [control.name]: next } };
}

export function addRegion(draft: Draft, region: DraftRegion): Draft {
  return { ...draft, regions: [...draft.regions, region] };
}

/** Replaces the region with the same id; a draft without it, or with it as it is, is returned unchanged. */
export function replaceRegion(draft: Draft, region: DraftRegion): Draft {
  const index = draft.regions.findIndex((r) => r.id === region.id);
  if (index < 0 || JSON.stringify(draft.regions[index]) === JSON.stringify(region)) return draft;
  const regions = draft.regions.slice();
  regions[index] = region;
  return { ...draft, regions };
}

export function removeRegion(draft: Draft, id: string): Draft {
  const regions = draft.regions.filter((r) => r.id !== id);
  return regions.length === draft.regions.length ? draft : { ...draft, regions };
}

/** Gives a region another label of a control of the same kind (relabelling a selected shape). */
export function relabelRegion(draft: Draft, id: string, control: string, label: string): Draft {
  const region = draft.regions.find((r) => r.id === id);
  if (!region || (region.control === control && region.label === label)) return draft;
  return replaceRegion(draft, { ...region, control, label });
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
