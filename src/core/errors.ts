/**
 * Domain errors. Every failure a user can cause or meet is one of these codes; the HTTP layer maps
 * a code to a status and the CLI maps it to an exit code, each in one place.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'lease_lost'
  | 'onboarding_required'
  | 'rate_limited'
  | 'payload_too_large'
  | 'data_dir_locked'
  | 'unavailable'
  | 'internal';

/** One field at fault: a JSON path such as `regions[2].x` and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string, id?: string | number): DomainError =>
  new DomainError('not_found', id === undefined ? `${what} not found` : `${what} ${id} not found`);

export const forbidden = (message: string): DomainError => new DomainError('forbidden', message);

export const conflict = (message: string, details?: unknown): DomainError =>
  new DomainError('conflict', message, details);

export function validationFailed(issues: FieldIssue[], message?: string): DomainError {
  const first = issues[0];
  const text = message ?? (first ? `${first.path}: ${first.message}` : 'validation failed');
  return new DomainError('validation_failed', text, { issues });
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
