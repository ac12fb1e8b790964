/**
 * Refuses NUL characters in every request's body, query string and path parameters, for every
 * route, before its own validation (core/nul-characters.ts says why): `400 invalid_input` naming
 * the field, in the shape of any other validation error.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../core/errors.ts';
import { nulIssue } from '../core/nul-characters.ts';

/** Throws `invalid_input` when `value` (a request's `part`: body, querystring, params…) holds a NUL. */
export function refuseNul(value: unknown, part: string): void {
  const issue = nulIssue(value);
  if (!issue) return;
  const path = issue.path === '' ? part : issue.path;
  throw new DomainError('invalid_input', `${path === part ? part : `${part} ${path}`}: ${issue.message}`, { issues: [{ path, message: issue.message }] });
}

export function installNulGuard(app: FastifyInstance): void {
  // preValidation: after the body is parsed and before any route (sign-in included, which had
  // logged a stack trace) reads it; multipart fields, read by their routes, are checked there.
  app.addHook('preValidation', async (request) => {
    refuseNul(request.params, 'params');
    refuseNul(request.query, 'querystring');
    refuseNul(request.body, 'body');
  });
}
