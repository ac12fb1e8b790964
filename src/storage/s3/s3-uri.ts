/** `s3://bucket/key` item locations. */
import { DomainError } from '../../core/errors.ts';

export interface S3Location {
  bucket: string;
  key: string;
}

// The S3 bucket naming rules: 3–63 characters, lower-case letters, digits, dots and hyphens,
// beginning and ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function refuse(message: string): DomainError {
  return new DomainError('invalid_input', message, { issues: [{ path: 'uri', message }] });
}

/** The key is taken literally (as the AWS CLI does): no percent-decoding. */
export function parseS3Uri(uri: string): S3Location {
  if (!uri.startsWith('s3://')) throw refuse(`"${uri}" is not an s3:// URI`);
  const rest = uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (!BUCKET.test(bucket) || bucket.includes('..')) throw refuse(`"${bucket}" is not a valid bucket name`);
  if (key === '') throw refuse(`${uri} names a bucket but no object key`);
  return { bucket, key };
}

export function formatS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}
