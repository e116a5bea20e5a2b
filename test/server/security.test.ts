/**
 * The server's defaults against the other things on the machine: web pages
 * the user opens (cross-origin requests, DNS rebinding), and S3 keys that
 * look like the server's own endpoints.
 */
import type { LookupAddress } from 'node:dns';
import { Agent } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clientConfig, rawRequest, useServer } from './support/server-fixture';

describe('Host header guard (DNS rebinding)', () => {
  const server = useServer({ allowedHosts: ['mockaws.internal'] });
  const withHost = (host: string) => rawRequest(server(), { path: '/_mockaws/health', headers: { host } });

  it('refuses a Host an attacker could point at 127.0.0.1, before reading the request', async () => {
    const res = await withHost(`evil.example:${server().port}`);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body.toString())).toMatchObject({ error: 'HostNotAllowed' });
    expect(JSON.parse(res.body.toString()).message).toContain("Host 'evil.example:");
  });

  it('accepts IP literals, localhost, AWS names and the allowed hosts with their subdomains', async () => {
    for (const host of ['127.0.0.1', '[::1]', 'localhost', 'mockaws.internal', 'sqs.us-east-1.amazonaws.com']) {
      expect((await withHost(`${host}:${server().port}`)).status).not.toBe(403);
    }
    const sub = await rawRequest(server(), { path: '/', headers: { host: `bucket.mockaws.internal:${server().port}` } });
    expect(sub.status).not.toBe(403);
  });
});

describe('the server endpoints answer same-origin requests only', () => {
  const server = useServer();
  const s3 = () => new S3Client({ ...clientConfig(server()), forcePathStyle: true });

  it('refuses a cross-origin reset and keeps the state; the same origin and non-browsers may reset', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'kept' }));
    for (const headers of <Record<string, string>[]>[
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: `http://localhost:${server().port + 1}` },
    ]) {
      const res = await rawRequest(server(), { method: 'POST', path: '/_mockaws/reset', headers });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body.toString())).toMatchObject({ error: 'CrossOriginRefused' });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await s3().send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['kept']);

    const sameOrigin = await rawRequest(server(), {
      method: 'POST',
      path: '/_mockaws/reset',
      headers: { origin: server().url, 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
    expect((await s3().send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it('never sends CORS headers from its own endpoints, so no other page can read them', async () => {
    const res = await rawRequest(server(), { path: '/_mockaws/calls', headers: { origin: server().url } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await rawRequest(server(), {
      method: 'OPTIONS',
      path: '/_mockaws/reset',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the server endpoints do not share the S3 key space', () => {
  const server = useServer();
  // glibc does not resolve *.localhost, so the client's agent resolves it to loopback.
  const lookup = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
    opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 } satisfies LookupAddress]) : cb(null, '127.0.0.1', 4);
  const vhost = () =>
    new S3Client({
      ...clientConfig(server()),
      endpoint: `http://localhost:${server().port}`,
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup } as never) }),
    });

  it('stores and reads the key _mockaws/reset of a virtual-hosted bucket, and resets nothing', async () => {
    await vhost().send(new CreateBucketCommand({ Bucket: 'lookalike' }));
    await vhost().send(new PutObjectCommand({ Bucket: 'lookalike', Key: '_mockaws/reset', Body: 'not an endpoint' }));
    const got = await vhost().send(new GetObjectCommand({ Bucket: 'lookalike', Key: '_mockaws/reset' }));
    expect(await got.Body?.transformToString()).toBe('not an endpoint');

    const post = await rawRequest(server(), {
      method: 'POST',
      path: '/_mockaws/reset',
      headers: { host: `lookalike.localhost:${server().port}` },
    });
    expect(post.status).not.toBe(200);
    expect(post.body.toString()).not.toContain('"status":"reset"');
    const still = await vhost().send(new GetObjectCommand({ Bucket: 'lookalike', Key: '_mockaws/reset' }));
    expect(await still.Body?.transformToString()).toBe('not an endpoint');
  });
});

describe("S3's CORS comes from the bucket's rules", () => {
  const server = useServer();
  const s3 = () => new S3Client({ ...clientConfig(server()), forcePathStyle: true });
  const preflight = (path: string, origin: string, method: string, headers?: string) =>
    rawRequest(server(), {
      method: 'OPTIONS',
      path,
      headers: {
        origin,
        'access-control-request-method': method,
        ...(headers ? { 'access-control-request-headers': headers } : {}),
      },
    });

  beforeAll(async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'no-cors' }));
    await s3().send(new CreateBucketCommand({ Bucket: 'with-cors' }));
    await s3().send(new PutObjectCommand({ Bucket: 'with-cors', Key: 'k', Body: 'v' }));
    await s3().send(
      new PutBucketCorsCommand({
        Bucket: 'with-cors',
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: ['http://app.example', 'https://*.example.org'],
              AllowedMethods: ['GET', 'PUT'],
              AllowedHeaders: ['x-amz-*', 'content-type'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 600,
            },
          ],
        },
      }),
    );
  });

  it('refuses a preflight to a bucket without CORS configuration, in S3 words', async () => {
    const res = await preflight('/no-cors/k', 'http://app.example', 'GET');
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('<Code>AccessForbidden</Code>');
    expect(res.body.toString()).toContain('CORSResponse: CORS is not enabled for this bucket.');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows a preflight a rule matches (origin wildcard, method, header wildcard)', async () => {
    const res = await preflight('/with-cors/k', 'https://shop.example.org', 'PUT', 'x-amz-date, Content-Type');
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': 'https://shop.example.org',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-headers': 'x-amz-date, content-type',
      'access-control-max-age': '600',
      'access-control-expose-headers': 'ETag',
      'access-control-allow-credentials': 'true',
    });
  });

  it('refuses a preflight no rule matches: origin, method or header', async () => {
    for (const [origin, method, headers] of [
      ['http://evil.example', 'GET', undefined],
      ['http://app.example', 'DELETE', undefined],
      ['http://app.example', 'PUT', 'authorization'],
    ] as const) {
      const res = await preflight('/with-cors/k', origin, method, headers);
      expect(res.status).toBe(403);
      expect(res.body.toString()).toContain('CORSResponse: This CORS request is not allowed.');
    }
  });

  it('adds the CORS headers to an actual request only when a rule matches its origin', async () => {
    const url = new URL(await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'with-cors', Key: 'k' })));
    const path = url.pathname + url.search;
    const allowed = await rawRequest(server(), { path, headers: { origin: 'http://app.example' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://app.example');
    const other = await rawRequest(server(), { path, headers: { origin: 'http://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('aws-chunked bodies decoded as they stream', () => {
  const server = useServer();
  // Signatures are not checked by default; the scope routes the request to S3.
  const authorization =
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00';

  it('answers IncompleteBody for framing that does not hold together', async () => {
    const s3 = new S3Client({ ...clientConfig(server()), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'chunks' }));
    const res = await rawRequest(server(), {
      method: 'PUT',
      path: '/chunks/k',
      headers: {
        authorization,
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '5',
      },
      body: 'zz\r\nhello\r\n0\r\n\r\n',
    });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>IncompleteBody</Code>');
  });

  it('stores the payload and takes checksum trailers', async () => {
    const res = await rawRequest(server(), {
      method: 'PUT',
      path: '/chunks/trailer',
      headers: {
        authorization,
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '11',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body: '5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n',
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-amz-checksum-crc32']).toBe('DUoRhQ==');
    const s3 = new S3Client({ ...clientConfig(server()), forcePathStyle: true });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'chunks', Key: 'trailer' }));
    expect(await got.Body?.transformToString()).toBe('hello world');
  });
});
