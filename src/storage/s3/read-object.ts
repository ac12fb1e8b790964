/** Reads an item's content from S3-compatible storage through a short-lived presigned URL. */
import { DomainError } from '../../core/errors.ts';
import { presignS3Uri, type S3Config } from './presign.ts';

/** Long enough for one download, short enough that a leaked URL is soon useless. */
export const READ_URL_SECONDS = 300;

export interface ReadObjectOptions {
  now: Date;
  fetch?: typeof fetch;
}

/** The response body of `s3://bucket/key`; a missing object is `not_found`, any other refusal `unavailable`. */
export async function openS3Object(config: S3Config, uri: string, options: ReadObjectOptions): Promise<Response> {
  const url = presignS3Uri(config, uri, { expiresInSeconds: READ_URL_SECONDS, now: options.now });
  const response = await (options.fetch ?? fetch)(url);
  if (response.status === 404) throw new DomainError('not_found', `${uri} not found in object storage`);
  if (!response.ok) {
    throw new DomainError('unavailable', `object storage answered ${response.status} for ${uri}`, { status: response.status });
  }
  return response;
}
