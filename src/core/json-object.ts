import { z } from 'zod';

/**
 * A JSON object kept as it was parsed. `z.record` copies keys by assignment, which turns an own
 * `__proto__` key (legal JSON, kept by PostgreSQL's jsonb) into a prototype and loses it; metadata
 * must come back out of an export exactly as it went in.
 */
export const jsonObjectSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'expected an object' },
);
