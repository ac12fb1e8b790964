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

interface ZodIssueLike {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; message?: string }; keys?: unknown };
}

function issuePath(issue: ZodIssueLike, part: string, key?: string): string {
  const path = [...(issue.params?.issue?.path ?? issue.instancePath?.split('/').filter(Boolean) ?? []), ...(key === undefined ? [] : [key])];
  const joined = path.reduce<string>((acc, p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : String(p)), '');
  return joined || part;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      return reply.status(HTTP_STATUS[error.code]).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext ?? 'body';
      const issues = (error.validation as ZodIssueLike[]).flatMap((issue) =>
        // An unknown key is put at its own path, like any other field, so that the client sees which one.
        issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params?.keys)
          ? issue.params.keys.map((key) => ({ path: issuePath(issue, part, String(key)), message: 'unknown field; this request does not take it' }))
          : [{ path: issuePath(issue, part), message: issue.params?.issue?.message ?? issue.message ?? 'invalid' }],
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
