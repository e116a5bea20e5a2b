/**
 * Shared pieces of the server tests: a server started on an ephemeral port
 * for a describe block, fixed credentials (so no client ever walks the
 * provider chain to IMDS), and raw HTTP helpers that keep to 127.0.0.1.
 */
import { request as httpRequest } from 'node:http';
import { type MockServer, type ServerOptions, startServer } from '../../../src/server/server';

export const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

/** Starts a server before the block's tests and stops it after; `current()` is the live one. */
export function useServer(options: ServerOptions = {}): () => MockServer {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startServer({ port: 0, ...options });
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

/** Config for an SDK client pointed at the server. */
export function clientConfig(server: MockServer, region = 'us-east-1') {
  return { region, endpoint: server.url, credentials };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP/1.1 request with exactly these headers (fetch forbids setting Host). */
export function rawRequest(
  server: MockServer,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method: init.method ?? 'GET', path: init.path ?? '/', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** An unsigned query-protocol POST, as curl or a browser would send it. */
export function postForm(server: MockServer, params: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });
}

/** GET a JSON endpoint of the server (the `/_mockaws/` ones), typed loosely for assertions. */
export async function getJson(server: MockServer | string, path: string): Promise<any> {
  const base = typeof server === 'string' ? server : server.url;
  return (await fetch(`${base}${path}`)).json();
}
