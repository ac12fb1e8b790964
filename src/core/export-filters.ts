/**
 * Which annotated items an export takes: by status, period, label, annotator and pool. A zod
 * schema (no I/O), so that the export service, the API and the web app read one definition.
 */
import { z } from 'zod';
import { validationFailed } from './errors.ts';
import { allLabels, type LabelSchema } from './label-schema.ts';

export const ExportFiltersSchema = z
  .object({
    status: z.enum(['complete', 'annotated', 'accepted']).optional(),
    from: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
    to: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
    labels: z.array(z.string().min(1).max(100)).max(100).optional(),
    annotators: z.array(z.string().min(3).max(254)).max(1000).optional(),
    pools: z.array(z.string().min(1).max(63)).max(100).optional(),
  })
  .strict();

export type ExportFilters = z.infer<typeof ExportFiltersSchema>;

/** How many of the project's labels an unknown-label error lists before it stops. */
const LABELS_NAMED = 50;

/**
 * Refuses a label filter naming a label the project does not have. The filter would select nothing
 * and the export come back empty, which reads as "no such work yet" when it is a typo or the wrong
 * case. `schemas` are all the project's schema versions: older work may carry a retired label.
 */
export function checkLabelFilter(labels: readonly string[] | undefined, schemas: readonly LabelSchema[], path = 'filters.labels'): void {
  if (!labels || labels.length === 0) return;
  const known = [...new Set(schemas.flatMap((s) => allLabels(s).map((l) => l.label.name)))];
  const unknown = labels.filter((l) => !known.includes(l));
  if (unknown.length === 0) return;
  const named = known.length === 0 ? 'it has none' : `its labels: ${known.slice(0, LABELS_NAMED).join(', ')}${known.length > LABELS_NAMED ? `, … (${known.length - LABELS_NAMED} more)` : ''}`;
  const which = unknown.map((l) => `"${l}"`).join(', ');
  throw validationFailed([{ path, message: `the project has no ${unknown.length === 1 ? 'label' : 'labels'} ${which} (${named})` }]);
}
