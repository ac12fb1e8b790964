/** Which span control a token or offset format writes: the one asked for, else the schema's first. */
import { DomainError } from '../core/errors.ts';
import type { LabelSchema, SpanRegion } from '../core/label-schema.ts';
import type { AnnotationResult } from '../core/label-schema.ts';

export function spanControl(schema: LabelSchema, requested: string | undefined): string {
  const spans = schema.controls.filter((c) => c.kind === 'span');
  if (requested !== undefined) {
    if (!spans.some((c) => c.name === requested)) {
      throw new DomainError('invalid_input', `"${requested}" is not a span control of this project`, {
        issues: [{ path: 'control', message: `span controls: ${spans.map((c) => c.name).join(', ') || 'none'}` }],
      });
    }
    return requested;
  }
  if (spans.length === 0) throw new DomainError('invalid_input', 'this project has no span control to export');
  return spans[0]!.name;
}

export function spansOf(result: AnnotationResult, control: string): SpanRegion[] {
  return result.regions.filter((r): r is SpanRegion => r.kind === 'span' && r.control === control);
}
