import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { isDomainError } from '../core/errors.ts';
import type { S3Config } from '../storage/s3/presign.ts';
import { makeScratch, type Scratch } from '../../test/fixtures/data-io/scratch.ts';
import { readContentAt, useObjectStorage } from './item-content.ts';

/**
 * A stand-in for an S3-compatible server: it answers only GETs that carry a SigV4 query signature
 * of the right shape for its bucket — credential scope of today, a short expiry, host signed.
 */
let server: ReturnType<typeof createServer>;
let config: S3Config;
let scratch: Scratch;
const seen: URL[] = [];

function signedProperly(request: IncomingMessage, url: URL): boolean {
  const q = url.searchParams;
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return (
    request.method === 'GET' &&
    q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' &&
    q.get('X-Amz-Credential') === `AKIDTEST/${today}/eu-west-3/s3/aws4_request` &&
    Number(q.get('X-Amz-Expires')) > 0 && Number(q.get('X-Amz-Expires')) <= 900 &&
    q.get('X-Amz-SignedHeaders') === 'host' &&
    /^[0-9a-f]{64}$/.test(q.get('X-Amz-Signature') ?? '')
  );
}

before(async () => {
  scratch = await makeScratch();
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    seen.push(url);
    if (!signedProperly(request, url)) {
      response.statusCode = 403;
      response.end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
    } else if (url.pathname === '/atelier-items/scenes/0001.png') {
      response.setHeader('content-type', 'image/png');
      response.end(Buffer.from('not really a png'));
    } else {
      response.statusCode = 404;
      response.end('<Error><Code>NoSuchKey</Code></Error>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  config = { endpoint: `http://127.0.0.1:${port}`, region: 'eu-west-3', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, style: 'path' };
});

after(async () => {
  useObjectStorage(null);
  server.close();
  await scratch.remove();
});

test('s3:// content is refused clearly while no object storage is configured', async () => {
  useObjectStorage(null);
  await assert.rejects(readContentAt(scratch.files, 's3://atelier-items/scenes/0001.png', 1), (e) => isDomainError(e) && e.code === 'unavailable' && /AWS_ACCESS_KEY_ID/.test(e.message));
});

test('s3:// content is read through a short-lived presigned URL; a missing object is not found', async () => {
  useObjectStorage(config);
  const bytes = await readContentAt(scratch.files, 's3://atelier-items/scenes/0001.png', 1);
  assert.equal(bytes.toString(), 'not really a png');
  const url = seen.at(-1)!;
  assert.equal(url.pathname, '/atelier-items/scenes/0001.png');
  assert.equal(url.searchParams.get('X-Amz-Expires'), '300');
  await assert.rejects(readContentAt(scratch.files, 's3://atelier-items/scenes/absent.png', 1), (e) => isDomainError(e) && e.code === 'not_found');
  useObjectStorage({ ...config, credentials: { accessKeyId: 'OTHER', secretAccessKey: 'secret' } });
  await assert.rejects(readContentAt(scratch.files, 's3://atelier-items/scenes/0001.png', 1), (e) => isDomainError(e) && e.code === 'unavailable' && /403/.test(e.message));
});
