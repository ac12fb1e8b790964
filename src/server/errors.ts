/**
 * The one place where failures become HTTP responses: `{"error": {"code", "message", "details"}}`.
 * Domain errors map by code; Fastify's own (bad JSON, oversized body, failed schema) are turned
 * into the same shape; anything else is logged and answered as a 500 without internals.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorCode, isDomainError } from '../core/errors.ts';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  lease_lost: 409,
  onboarding_required: 409,
  rate_limited: 429,
  payload_too_large: 413,
  data_dir_locked: 503,
  unavailable: 503,
  internal: 500,
};

function body(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** A zod issue as fastify-type-provider-zod passes it on (its path in `instancePath`, the rest in `params`). */
interface ZodIssueLike {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; message?: string }; keys?: unknown; errors?: unknown };
}

/** A zod issue itself, as the branches of a union report theirs. */
interface RawIssue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  keys?: unknown;
  errors?: unknown;
}

interface FlatIssue {
  path: PropertyKey[];
  message: string;
  keys?: unknown;
}

function pathText(path: readonly PropertyKey[], part: string, key?: string): string {
  const all = [...path, ...(key === undefined ? [] : [key])];
  const joined = all.reduce<string>((acc, p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? `${acc}[${String(p)}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
  return joined || part;
}

const isBranchList = (errors: unknown): errors is RawIssue[][] => Array.isArray(errors) && errors.length > 0 && errors.every(Array.isArray);

/**
 * How far a union's branch got with the value, to pick the branch the client meant: issues at the
 * branch's first level (a missing or unknown field, a wrong value of a field it knows), each
 * unknown key counted, say the value is not of that shape; an issue deeper down says it is, with
 * one field wrong. Fewest first-level issues wins, then the deepest issue, then the fewest issues.
 */
function branchScore(issues: readonly RawIssue[]): [number, number, number] {
  let shallow = 0;
  let depth = 0;
  for (const issue of issues) {
    const length = issue.path?.length ?? 0;
    depth = Math.max(depth, length);
    if (length <= 1) shallow += issue.code === 'unrecognized_keys' && Array.isArray(issue.keys) ? issue.keys.length : 1;
  }
  return [shallow, -depth, issues.length];
}

function better(a: [number, number, number], b: [number, number, number]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * A union that matched no branch reports only "Invalid input" at its own path, with every
 * branch's issues inside: those of the branch the value came closest to are reported instead, at
 * their full paths (a preset's `pools.inHouse: expected array`, not `body: Invalid input`).
 */
function flatten(issue: RawIssue, base: readonly PropertyKey[]): FlatIssue[] {
  const path = [...base, ...(issue.path ?? [])];
  if (issue.code === 'invalid_union' && isBranchList(issue.errors)) {
    let best = issue.errors[0]!;
    let bestScore = branchScore(best);
    for (const branch of issue.errors.slice(1)) {
      const score = branchScore(branch);
      if (better(score, bestScore)) [best, bestScore] = [branch, score];
    }
    if (best.length > 0) return best.flatMap((inner) => flatten(inner, path));
  }
  return [{ path, message: issue.message ?? 'invalid', keys: issue.code === 'unrecognized_keys' ? issue.keys : undefined }];
}

function flatIssues(issue: ZodIssueLike): FlatIssue[] {
  const path = issue.params?.issue?.path ?? issue.instancePath?.split('/').filter(Boolean) ?? [];
  return flatten({ code: issue.keyword, path, message: issue.params?.issue?.message ?? issue.message, keys: issue.params?.keys, errors: issue.params?.errors }, []);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      return reply.status(HTTP_STATUS[error.code]).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext ?? 'body';
      const issues = (error.validation as ZodIssueLike[]).flatMap(flatIssues).flatMap((issue) =>
        // An unknown key is put at its own path, like any other field, so that the client sees which one.
        Array.isArray(issue.keys)
          ? issue.keys.map((key) => ({ path: pathText(issue.path, part, String(key)), message: 'unknown field; this request does not take it' }))
          : [{ path: pathText(issue.path, part), message: issue.message }],
      );
      const first = issues[0];
      return reply
        .status(400)
        .send(body('invalid_input', first ? `${first.path === part ? part : `${part} ${first.path}`}: ${first.message}` : `invalid ${part}`, { issues }));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send(body('payload_too_large', 'the request body is too large'));
    if (status === 429) return reply.status(429).send(body('rate_limited', 'too many requests; wait a minute and try again'));
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
      return reply.status(400).send(body('invalid_input', `the request body is not valid JSON: ${error.message}`));
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(status === 404 ? 'not_found' : status === 415 ? 'invalid_input' : 'invalid_input', error.message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(body('internal', 'something went wrong on the server; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
