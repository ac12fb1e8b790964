/**
 * Errors from the API, put in words for the person in front of the screen. The server already
 * writes its messages for people; this adds what to do for the codes where that helps, and words
 * for the failures that never reach the server.
 */
import type { FieldIssue } from './types.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  /** The error's `details` as the server sent them (e.g. the onboarding step left). */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = [], details: unknown = undefined) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

const ADVICE: Record<string, string> = {
  unauthenticated: 'Please sign in again.',
  forbidden: 'Your role does not allow this. Ask a manager or an administrator if you need it.',
  not_found: 'It may have been removed, or it is not open to you.',
  lease_lost: 'This task was given to someone else because it was held too long. Your work on it was kept as a draft; take the next task.',
  rate_limited: 'Wait a minute, then try again.',
  payload_too_large: 'Send fewer or smaller files at a time.',
  unavailable: 'The server is busy or restarting. Try again in a moment.',
  onboarding_required: 'This project asks for it before its first task.',
  internal: 'Something went wrong on the server. Try again; if it keeps happening, tell an administrator.',
};

/** One or two sentences for a person: what went wrong and, where it helps, what to do. */
export function describeError(error: unknown, options: { advice?: boolean } = {}): string {
  if (error instanceof ApiError) {
    const advice = options.advice === false ? undefined : ADVICE[error.code];
    const message = error.message.trim().replace(/\.?$/, '.');
    const capitalised = message.charAt(0).toUpperCase() + message.slice(1);
    return advice && !capitalised.includes(advice) ? `${capitalised} ${advice}` : capitalised;
  }
  if (error instanceof TypeError) return 'The server cannot be reached. Check the connection; your work is kept on this page.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** Reads an error response body `{"error": {"code", "message", "details"}}`, whatever came back. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : status === 401 ? 'unauthenticated' : status >= 500 ? 'internal' : 'invalid_input';
  const message = typeof error?.message === 'string' && error.message ? error.message : statusWords(status);
  const rawIssues = (error?.details as { issues?: unknown } | undefined)?.issues;
  const issues = Array.isArray(rawIssues)
    ? rawIssues.filter((i): i is FieldIssue => typeof i?.path === 'string' && typeof i?.message === 'string')
    : [];
  return new ApiError(status, code, message, issues, error?.details);
}

function statusWords(status: number): string {
  if (status === 401) return 'you are not signed in';
  if (status === 403) return 'this is not open to you';
  if (status === 404) return 'not found';
  if (status === 413) return 'the upload is too large';
  if (status >= 500) return 'the server failed to answer';
  return `the request was refused (HTTP ${status})`;
}
