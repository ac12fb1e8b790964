/**
 * Which annotated items an export takes: by status, period, label, annotator and pool. A zod
 * schema (no I/O), so that the export service, the API and the web app read one definition.
 */
import { z } from 'zod';

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
