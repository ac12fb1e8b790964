import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { httpClient, parseResponse } from './http-client.ts';

const answer = (text: string) => Buffer.from(text, 'latin1');

describe('the load generator reads HTTP answers', () => {
  it('with a Content-Length, waiting for the whole body and leaving what follows', () => {
    const head = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 11\r\n\r\n';
    assert.equal(parseResponse(answer(`${head}{"a":`)), null);
    const parsed = parseResponse(answer(`${head}{"a":"é"}HTTP/1.1 204`.replace('é', 'e')));
    assert.deepEqual(parsed, { status: 200, body: '{"a":"e"}HT', length: head.length + 11, close: false });
  });

  it('with a chunked body, and an answer without a body', () => {
    const chunked = 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n';
    assert.deepEqual(parseResponse(answer(chunked)), { status: 201, body: '{"a":1}', length: chunked.length, close: true });
    assert.equal(parseResponse(answer(chunked.slice(0, -3))), null);
    const empty = 'HTTP/1.1 204 No Content\r\nx: y\r\n\r\n';
    assert.deepEqual(parseResponse(answer(`${empty}HTTP/1.1`)), { status: 204, body: '', length: empty.length, close: false });
  });

  it('refuses what is not HTTP, or a body it cannot delimit', () => {
    assert.throws(() => parseResponse(answer('SMTP ready\r\n\r\n')), /not an HTTP answer/);
    assert.throws(() => parseResponse(answer('HTTP/1.1 200 OK\r\n\r\n{}')), /neither Content-Length nor chunked/);
  });

  it('posts over keep-alive connections to a real server, in parallel, with UTF-8 bodies', async () => {
    const sockets = new Set<unknown>();
    const server = createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (body += d));
      req.on('end', () => res.writeHead(req.url === '/empty' ? 204 : 200, { 'content-type': 'application/json' }).end(req.url === '/empty' ? undefined : JSON.stringify({ got: body, auth: req.headers.authorization })));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const answers = await Promise.all([1, 2, 3].map((i) => client.post('/echo', { authorization: `Bearer t${i}` }, `{"text":"naïve ${i}"}`)));
      assert.deepEqual(answers.map((a) => [a.status, JSON.parse(a.body)]), [1, 2, 3].map((i) => [200, { got: `{"text":"naïve ${i}"}`, auth: `Bearer t${i}` }]));
      assert.deepEqual(await client.post('/empty', {}, ''), { status: 204, body: '' });
      assert.equal((await client.post('/echo', {}, 'again')).status, 200);
      assert.equal(sockets.size, 3, 'three connections, reused');
    } finally {
      client.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
