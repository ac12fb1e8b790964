import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDomainError } from '../../core/errors.ts';
import { objectAddress, presignGetUrl, presignS3Uri, s3ConfigFromEnv, type S3Config } from './presign.ts';
import { openS3Object } from './read-object.ts';
import { parseS3Uri } from './s3-uri.ts';
import { canonicalRequest, sha256Hex, signature, stringToSign, UNSIGNED_PAYLOAD } from './sigv4.ts';

const DOCS: S3Config = {
  endpoint: 'https://s3.amazonaws.com',
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  style: 'virtual',
};
const DOCS_TIME = new Date('2013-05-24T00:00:00Z');

test('presigned GET of the S3 docs ("Authenticating Requests: Using Query Parameters")', () => {
  const url = presignGetUrl(DOCS, { bucket: 'examplebucket', key: 'test.txt' }, { expiresInSeconds: 86400, now: DOCS_TIME });
  assert.equal(
    url,
    'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
      '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
      '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
  );
});

test('the docs example string to sign hashes its canonical request to the published value', () => {
  const canonical = canonicalRequest({
    method: 'GET',
    path: '/test.txt',
    query: [
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
      ['X-Amz-Credential', 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request'],
      ['X-Amz-Date', '20130524T000000Z'],
      ['X-Amz-Expires', '86400'],
      ['X-Amz-SignedHeaders', 'host'],
    ],
    headers: [['host', 'examplebucket.s3.amazonaws.com']],
    payloadHash: UNSIGNED_PAYLOAD,
    normalizePath: false,
  });
  const scope = { region: 'us-east-1', service: 's3' };
  const toSign = stringToSign(DOCS_TIME, scope, canonical.text);
  assert.equal(sha256Hex(canonical.text), '3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04');
  assert.equal(signature(DOCS.credentials, DOCS_TIME, scope, toSign), 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
});

test('path-style addressing for self-hosted endpoints, keys encoded per segment', () => {
  const minio: S3Config = { ...DOCS, endpoint: 'http://localhost:9000', style: 'path' };
  const url = new URL(presignGetUrl(minio, { bucket: 'atelier', key: 'img/a b+c.jpg' }, { expiresInSeconds: 60, now: DOCS_TIME }));
  assert.equal(url.host, 'localhost:9000');
  assert.equal(url.pathname, '/atelier/img/a%20b%2Bc.jpg');
  assert.equal(url.searchParams.get('X-Amz-Expires'), '60');
});

test('buckets with dots fall back to path style when no style is set', () => {
  const config: S3Config = { ...DOCS, endpoint: 'https://s3.eu-west-1.amazonaws.com', style: undefined };
  assert.equal(objectAddress(config, { bucket: 'my.bucket', key: 'k' }).host, 's3.eu-west-1.amazonaws.com');
  assert.equal(objectAddress(config, { bucket: 'mybucket', key: 'k' }).host, 'mybucket.s3.eu-west-1.amazonaws.com');
});

test('expiry outside 1 s .. 7 days is refused', () => {
  for (const seconds of [0, 604801, 1.5]) {
    assert.throws(() => presignGetUrl(DOCS, { bucket: 'examplebucket', key: 'k' }, { expiresInSeconds: seconds, now: DOCS_TIME }), isDomainError);
  }
});

test('a session token travels in the signed query', () => {
  const config: S3Config = { ...DOCS, credentials: { ...DOCS.credentials, sessionToken: 'tok/en+=' } };
  const url = new URL(presignS3Uri(config, 's3://examplebucket/test.txt', { expiresInSeconds: 900, now: DOCS_TIME }));
  assert.equal(url.searchParams.get('X-Amz-Security-Token'), 'tok/en+=');
  assert.notEqual(url.searchParams.get('X-Amz-Signature'), 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
});

test('parseS3Uri takes bucket and key, refuses the rest with the field at fault', () => {
  assert.deepEqual(parseS3Uri('s3://my-bucket/a/b c.png'), { bucket: 'my-bucket', key: 'a/b c.png' });
  for (const bad of ['http://x/y', 's3://Bad_Bucket/k', 's3://bucket', 's3://bucket/', 's3://ab/k']) {
    assert.throws(
      () => parseS3Uri(bad),
      (e: unknown) => isDomainError(e) && e.code === 'invalid_input' && JSON.stringify(e.details).includes('"path":"uri"'),
      bad,
    );
  }
});

test('s3ConfigFromEnv: nothing without credentials, the region endpoint by default', () => {
  assert.equal(s3ConfigFromEnv({}), null);
  const config = s3ConfigFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'eu-central-1' });
  assert.equal(config?.endpoint, 'https://s3.eu-central-1.amazonaws.com');
  assert.throws(() => s3ConfigFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's', ATELIER_S3_STYLE: 'dns' }), isDomainError);
});

test('openS3Object fetches through a presigned URL; a missing object is not_found', async () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url?.startsWith('/atelier/present.txt?')) res.end('hello');
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const config: S3Config = { ...DOCS, endpoint: `http://127.0.0.1:${port}`, style: 'path' };
    const response = await openS3Object(config, 's3://atelier/present.txt', { now: new Date() });
    assert.equal(await response.text(), 'hello');
    assert.match(seen[0]!, /X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/);
    await assert.rejects(openS3Object(config, 's3://atelier/absent.txt', { now: new Date() }), (e: unknown) => isDomainError(e) && e.code === 'not_found');
  } finally {
    server.close();
  }
});
