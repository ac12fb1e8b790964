import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { canonicalPath, sha256Hex, signRequest, signingKey } from './sigv4.ts';

interface SuiteCase {
  name: string;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: string;
  signature: string;
  stringToSignHash: string;
  canonicalRequest?: string;
}

const suite = JSON.parse(readFileSync(new URL('../../../test/fixtures/formats/sigv4-test-suite.json', import.meta.url), 'utf8')) as {
  credentials: { accessKeyId: string; secretAccessKey: string };
  cases: SuiteCase[];
};

const SUITE_TIME = new Date('2015-08-30T12:36:00Z');
const SUITE_SCOPE = { region: 'us-east-1', service: 'service' };

function parseQuery(query: string): [string, string][] {
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

for (const c of suite.cases) {
  test(`SigV4 test suite: ${c.name}`, () => {
    const signed = signRequest(
      { method: c.method, host: 'example.amazonaws.com', path: c.path, query: parseQuery(c.query), headers: c.headers, body: c.body },
      suite.credentials,
      SUITE_SCOPE,
      SUITE_TIME,
    );
    if (c.canonicalRequest) assert.equal(signed.canonicalRequest, c.canonicalRequest);
    assert.equal(sha256Hex(signed.canonicalRequest), c.stringToSignHash);
    assert.equal(signed.signature, c.signature);
    assert.match(signed.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/service\/aws4_request, SignedHeaders=/);
  });
}

test('the suite has the cases the issue names', () => {
  const names = new Set(suite.cases.map((c) => c.name));
  for (const n of ['get-vanilla', 'get-vanilla-query-order-key', 'post-x-www-form-urlencoded']) assert.ok(names.has(n), n);
});

test('signing key of the AWS docs example (iam, 20120215)', () => {
  assert.equal(
    signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam').toString('hex'),
    'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
  );
});

test('S3 header signing: GET object example of the S3 docs (range, empty payload hash)', () => {
  const signed = signRequest(
    {
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      headers: [
        ['Host', 'examplebucket.s3.amazonaws.com'],
        ['Range', 'bytes=0-9'],
        ['x-amz-content-sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
        ['x-amz-date', '20130524T000000Z'],
      ],
    },
    { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    { region: 'us-east-1', service: 's3' },
    new Date('2013-05-24T00:00:00Z'),
  );
  assert.equal(sha256Hex(signed.canonicalRequest), '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
  assert.equal(signed.signature, 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
});

test('S3 paths are taken literally, other services normalise them', () => {
  assert.equal(canonicalPath('/a//b/./c', false), '/a//b/./c');
  assert.equal(canonicalPath('/a//b/./c', true), '/a/b/c');
  assert.equal(canonicalPath('/photos/été 1.jpg', false), '/photos/%C3%A9t%C3%A9%201.jpg');
});

test('a session token is signed as x-amz-security-token', () => {
  const signed = signRequest(
    { method: 'GET', host: 'h', path: '/' },
    { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'TOKEN' },
    { region: 'eu-west-1', service: 's3' },
    new Date('2024-01-02T03:04:05Z'),
  );
  assert.match(signed.authorization, /SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
  assert.ok(signed.headers.some(([n, v]) => n === 'X-Amz-Security-Token' && v === 'TOKEN'));
});
