/**
 * Short-lived presigned GET URLs for objects in S3-compatible storage (AWS, MinIO, Ceph, R2...),
 * by SigV4 query-string authentication.
 */
import { DomainError } from '../../core/errors.ts';
import { parseS3Uri, type S3Location } from './s3-uri.ts';
import {
  ALGORITHM,
  UNSIGNED_PAYLOAD,
  amzDate,
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  signature,
  stringToSign,
  type Credentials,
} from './sigv4.ts';

export type AddressingStyle = 'virtual' | 'path';

export interface S3Config {
  /** `https://s3.eu-west-1.amazonaws.com`, `http://localhost:9000`... */
  endpoint: string;
  region: string;
  credentials: Credentials;
  /**
   * `virtual`: `bucket.endpoint/key`; `path`: `endpoint/bucket/key` (MinIO and most self-hosted
   * servers). When absent: virtual for DNS-safe bucket names without dots, path otherwise.
   */
  style?: AddressingStyle;
}

export interface PresignOptions {
  expiresInSeconds: number;
  now: Date;
  /** Overrides the response headers, e.g. `{ 'response-content-type': 'image/png' }`. */
  responseHeaders?: Record<string, string>;
}

/** AWS refuses presigned URLs valid for more than seven days. */
export const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

export function defaultEndpoint(region: string): string {
  return `https://s3.${region}.amazonaws.com`;
}

function chooseStyle(config: S3Config, bucket: string): AddressingStyle {
  if (config.style) return config.style;
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket) ? 'virtual' : 'path';
}

export function objectAddress(config: S3Config, location: S3Location): { origin: string; host: string; path: string } {
  const endpoint = new URL(config.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  if (chooseStyle(config, location.bucket) === 'virtual') {
    const host = `${location.bucket}.${endpoint.host}`;
    return { origin: `${endpoint.protocol}//${host}`, host, path: `${basePath}/${location.key}` };
  }
  return { origin: endpoint.origin, host: endpoint.host, path: `${basePath}/${location.bucket}/${location.key}` };
}

export function presignGetUrl(config: S3Config, location: S3Location, options: PresignOptions): string {
  const expires = options.expiresInSeconds;
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRY_SECONDS) {
    throw new DomainError('invalid_input', `expiry must be 1 to ${MAX_EXPIRY_SECONDS} seconds, not ${expires}`);
  }
  const scope = { region: config.region, service: 's3' };
  const { origin, host, path } = objectAddress(config, location);
  const query: [string, string][] = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${config.credentials.accessKeyId}/${credentialScope(options.now, scope)}`],
    ['X-Amz-Date', amzDate(options.now)],
    ['X-Amz-Expires', String(expires)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  if (config.credentials.sessionToken) query.push(['X-Amz-Security-Token', config.credentials.sessionToken]);
  for (const [name, value] of Object.entries(options.responseHeaders ?? {})) query.push([name, value]);
  const canonical = canonicalRequest({
    method: 'GET',
    path,
    query,
    headers: [['host', host]],
    payloadHash: UNSIGNED_PAYLOAD,
    normalizePath: false,
  });
  const sig = signature(config.credentials, options.now, scope, stringToSign(options.now, scope, canonical.text));
  return `${origin}${canonicalPath(path, false)}?${canonicalQuery(query)}&X-Amz-Signature=${sig}`;
}

/** A presigned URL for an item's `s3://bucket/key` content location. */
export function presignS3Uri(config: S3Config, uri: string, options: PresignOptions): string {
  return presignGetUrl(config, parseS3Uri(uri), options);
}

/**
 * The S3 settings from the environment: `ATELIER_S3_ENDPOINT` (or the AWS endpoint of the region),
 * `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
 * `ATELIER_S3_STYLE` (`path` | `virtual`). null when no credentials are set: local files stay the default.
 */
export function s3ConfigFromEnv(env: Record<string, string | undefined>): S3Config | null {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return null;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const style = env.ATELIER_S3_STYLE;
  if (style !== undefined && style !== 'path' && style !== 'virtual') {
    throw new DomainError('invalid_input', `ATELIER_S3_STYLE must be "path" or "virtual", not "${style}"`);
  }
  return {
    endpoint: env.ATELIER_S3_ENDPOINT ?? defaultEndpoint(region),
    region,
    credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN ?? null },
    ...(style ? { style } : {}),
  };
}
