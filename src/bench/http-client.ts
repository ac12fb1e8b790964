/**
 * A lean HTTP client for load generation: node:http with keep-alive connections. On a 2-core machine
 * the load generator shares the CPU with the server and the database, so it must cost little:
 * `fetch` spent more than half a core to drive a few hundred requests a second here.
 */
import { Agent, request } from 'node:http';

export interface JsonResponse {
  status: number;
  body: string;
}

export function httpClient(base: string, connections: number) {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return {
    post(path: string, headers: Record<string, string>, body: string): Promise<JsonResponse> {
      return new Promise((resolve, reject) => {
        const req = request(
          { host: url.hostname, port: url.port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close(): void {
      agent.destroy();
    },
  };
}
