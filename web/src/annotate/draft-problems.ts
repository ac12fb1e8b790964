/**
 * What keeps a draft from being submitted, in the words of the screen: the server's own check of a
 * result, with each control named by the title the label palette shows for it, not its key.
 */
import { validateAnnotationResult } from '../../../src/core/label-schema.ts';
import { describeError } from '../api/errors.ts';
import type { Item, LabelSchema } from '../api/types.ts';
import { type Draft, resultFromDraft } from './draft.ts';

/** A control's name as people read it: `time_of_day` → "Time Of Day". */
export function controlTitle(name: string): string {
  return name
    .split('_')
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** The problems of a draft, one sentence each; none when it can be submitted. */
export function draftProblems(draft: Draft, schema: LabelSchema, item: Pick<Item, 'kind' | 'width' | 'height' | 'text'>): string[] {
  try {
    validateAnnotationResult(resultFromDraft(draft), schema, { kind: item.kind, width: item.width, height: item.height, text: item.text });
    return [];
  } catch (error) {
    const issues = (error as { details?: { issues?: { path: string; message: string }[] } }).details?.issues ?? [];
    if (issues.length === 0) return [describeError(error)];
    return issues.map((i) => withTitles(i.message, schema));
  }
}

function withTitles(message: string, schema: LabelSchema): string {
  // A label may share a control's name: what names a label stays as it is.
  if (message.startsWith('unknown label')) return message;
  let out = message;
  for (const c of schema.controls) out = out.replaceAll(`"${c.name}"`, `"${controlTitle(c.name)}"`);
  return out;
}
