/**
 * A lean HTTP/1.1 client for load generation: keep-alive sockets, each request written as one string
 * and each answer read by a minimal parser (status line, then a Content-Length or chunked body). On a
 * 2-core machine the load generator shares the CPU with the server and the database, so whatever it
 * spends is taken from what is measured: `fetch` spent more than half a core to drive a few hundred
 * requests a second here, and node:http about 0.16 ms of CPU per request.
 */
import { connect, type Socket } from 'node:net';

export interface JsonResponse {
  status: number;
  body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** The end of a complete answer in `data` and its parts, or null while it is still arriving. */
export function parseResponse(data: Buffer): { status: number; body: string; length: number; close: boolean } | null {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return null;
  const head = data.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('HTTP/1.') || !Number.isInteger(status)) throw new Error(`not an HTTP answer: ${JSON.stringify(head.slice(0, 40))}`);
  const close = /\r\nconnection:\s*close/i.test(head);
  const bodyStart = headerEnd + 4;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return data.length < end ? null : { status, body: data.toString('utf8', bodyStart, end), length: end, close };
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const parts: Buffer[] = [];
    for (let at = bodyStart; ; ) {
      const lineEnd = data.indexOf(CRLF, at);
      if (lineEnd < 0) return null;
      const size = parseInt(data.toString('latin1', at, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error('a malformed chunk size');
      const chunkEnd = lineEnd + 2 + size;
      if (data.length < chunkEnd + 2) return null;
      if (size === 0) return { status, body: Buffer.concat(parts).toString('utf8'), length: chunkEnd + 2, close };
      parts.push(data.subarray(lineEnd + 2, chunkEnd));
      at = chunkEnd + 2;
    }
  }
  // No length and not chunked: only an answer without a body (204, 304) may end here.
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return { status, body: '', length: bodyStart, close };
  throw new Error(`an answer with status ${status} gives neither Content-Length nor chunked encoding`);
}

interface Pending {
  resolve(response: JsonResponse): void;
  reject(error: Error): void;
}

/** One keep-alive socket carrying one request at a time. */
class Connection {
  readonly socket: Socket;
  private data: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;
  alive = true;

  constructor(host: string, port: number, onIdle: (c: Connection) => void) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.data = this.data.length === 0 ? chunk : Buffer.concat([this.data, chunk]);
      let parsed: ReturnType<typeof parseResponse>;
      try {
        parsed = parseResponse(this.data);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      if (!parsed || !this.pending) return;
      this.data = this.data.subarray(parsed.length);
      const { resolve } = this.pending;
      this.pending = null;
      if (parsed.close) this.end();
      else onIdle(this);
      resolve({ status: parsed.status, body: parsed.body });
    });
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  send(request: string, pending: Pending): void {
    this.pending = pending;
    this.socket.write(request);
  }

  private fail(error: Error): void {
    this.end();
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  end(): void {
    this.alive = false;
    this.socket.destroy();
  }
}

export function httpClient(base: string) {
  const url = new URL(base);
  const host = url.hostname;
  const port = Number(url.port || 80);
  const idle: Connection[] = [];
  const all = new Set<Connection>();
  const release = (c: Connection) => idle.push(c);
  return {
    post(path: string, headers: Record<string, string>, body: string): Promise<JsonResponse> {
      let request = `POST ${path} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
      for (const name in headers) request += `${name}: ${headers[name]}\r\n`;
      request += `\r\n${body}`;
      let connection = idle.pop();
      while (connection && !connection.alive) connection = idle.pop();
      if (!connection) {
        connection = new Connection(host, port, release);
        all.add(connection);
      }
      const c = connection;
      return new Promise((resolve, reject) => c.send(request, { resolve, reject }));
    },
    close(): void {
      for (const c of all) c.end();
      all.clear();
    },
  };
}
