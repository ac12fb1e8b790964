/**
 * AWS Signature Version 4, with node:crypto only.
 *
 * Written against the published SigV4 test suite and the S3 "Authenticating Requests" examples
 * (see sigv4.test.ts). The clock is passed in so that a signature is a pure function of its inputs.
 */
import { createHash, createHmac } from 'node:crypto';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) carry a token that must be signed too. */
  sessionToken?: string | null;
}

export interface SigningScope {
  region: string;
  service: string;
}

export interface CanonicalRequestInput {
  method: string;
  /** The path as the resource names it, not yet percent-encoded (`/photos/a b.jpg`). */
  path: string;
  /** Decoded query parameters, in any order, repeated keys allowed. */
  query: [string, string][];
  headers: [string, string][];
  payloadHash: string;
  /**
   * Remove `.`/`..` segments and repeated slashes. Every service but S3 does this; S3 keys are
   * taken literally (`a//b` and `a/./b` are distinct objects).
   */
  normalizePath: boolean;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Za-z0-9-._~` as `%XX` of its UTF-8 bytes. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalPath(path: string, normalize: boolean): string {
  let segments = path.split('/');
  if (normalize) {
    const kept: string[] = [];
    for (const segment of segments) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') kept.pop();
      else kept.push(segment);
    }
    const trailing = path.length > 1 && (path.endsWith('/') || path.endsWith('/.') || path.endsWith('/..'));
    segments = ['', ...kept];
    if (trailing && kept.length > 0) segments.push('');
  }
  const encoded = segments.map(uriEncode).join('/');
  return encoded === '' ? '/' : encoded.startsWith('/') ? encoded : `/${encoded}`;
}

export function canonicalQuery(query: [string, string][]): string {
  const pairs = query.map(([k, v]) => [uriEncode(k), uriEncode(v)] as const);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Lower-cased names, sorted; repeated headers joined by commas in their order; runs of spaces folded. */
export function canonicalHeaders(headers: [string, string][]): { text: string; signedHeaders: string } {
  const byName = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase().trim();
    const folded = value.trim().replace(/\s+/g, ' ');
    const list = byName.get(key);
    if (list) list.push(folded);
    else byName.set(key, [folded]);
  }
  const names = [...byName.keys()].sort();
  return {
    text: names.map((n) => `${n}:${byName.get(n)!.join(',')}\n`).join(''),
    signedHeaders: names.join(';'),
  };
}

export function canonicalRequest(input: CanonicalRequestInput): { text: string; signedHeaders: string } {
  const headers = canonicalHeaders(input.headers);
  const text = [
    input.method.toUpperCase(),
    canonicalPath(input.path, input.normalizePath),
    canonicalQuery(input.query),
    headers.text,
    headers.signedHeaders,
    input.payloadHash,
  ].join('\n');
  return { text, signedHeaders: headers.signedHeaders };
}

/** `20130524T000000Z` */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function credentialScope(now: Date, scope: SigningScope): string {
  return `${amzDate(now).slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(now: Date, scope: SigningScope, canonicalRequestText: string): string {
  return [ALGORITHM, amzDate(now), credentialScope(now, scope), sha256Hex(canonicalRequestText)].join('\n');
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

export function signature(credentials: Credentials, now: Date, scope: SigningScope, toSign: string): string {
  const key = signingKey(credentials.secretAccessKey, amzDate(now).slice(0, 8), scope.region, scope.service);
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

export interface RequestToSign {
  method: string;
  host: string;
  path: string;
  query?: [string, string][];
  headers?: [string, string][];
  body?: string | Uint8Array;
  /** Overrides the hash of `body` (e.g. `UNSIGNED-PAYLOAD`). */
  payloadHash?: string;
}

export interface SignedRequest {
  /** The request's headers plus `host`, `x-amz-date`, the token if any, and `authorization`. */
  headers: [string, string][];
  authorization: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

const hasHeader = (headers: [string, string][], name: string): boolean =>
  headers.some(([n]) => n.toLowerCase() === name);

/** Signs a request in the `Authorization` header. Every header given is signed. */
export function signRequest(request: RequestToSign, credentials: Credentials, scope: SigningScope, now: Date): SignedRequest {
  const headers: [string, string][] = [...(request.headers ?? [])];
  if (!hasHeader(headers, 'host')) headers.unshift(['Host', request.host]);
  if (!hasHeader(headers, 'x-amz-date')) headers.push(['X-Amz-Date', amzDate(now)]);
  if (credentials.sessionToken && !hasHeader(headers, 'x-amz-security-token')) {
    headers.push(['X-Amz-Security-Token', credentials.sessionToken]);
  }
  const payloadHash = request.payloadHash ?? sha256Hex(request.body ?? '');
  if (scope.service === 's3' && !hasHeader(headers, 'x-amz-content-sha256')) {
    headers.push(['X-Amz-Content-Sha256', payloadHash]);
  }
  const canonical = canonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query ?? [],
    headers,
    payloadHash,
    normalizePath: scope.service !== 's3',
  });
  const toSign = stringToSign(now, scope, canonical.text);
  const sig = signature(credentials, now, scope, toSign);
  const authorization =
    `${ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope(now, scope)}, ` +
    `SignedHeaders=${canonical.signedHeaders}, Signature=${sig}`;
  return {
    headers: [...headers, ['Authorization', authorization]],
    authorization,
    canonicalRequest: canonical.text,
    stringToSign: toSign,
    signature: sig,
  };
}
