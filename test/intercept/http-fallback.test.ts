import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import AWS from 'aws-sdk';
import { mockAws, serviceMock } from '../../src/mock';

const IDENTITY_FORM = 'Action=GetCallerIdentity&Version=2011-06-15';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function httpsPost(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', headers: FORM }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A local server standing in for a non-AWS host; it counts what reaches it. */
async function localServer() {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.end('from the real server');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the HTTP fallback', () => {
  it('answers a raw fetch to an AWS endpoint from the fake', async () => {
    await mockAws(async (m) => {
      const res = await fetch('https://sts.amazonaws.com/', { method: 'POST', headers: FORM, body: IDENTITY_FORM });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<Account>123456789012</Account>');
      expect(m.calls({ service: 'sts', operation: 'GetCallerIdentity' })).toHaveLength(1);
    });
  });

  it('answers https.request to an AWS endpoint from the fake', async () => {
    await mockAws(async () => {
      const res = await httpsPost('https://sts.eu-west-1.amazonaws.com/', IDENTITY_FORM);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<Arn>arn:aws:iam::123456789012:root</Arn>');
    });
  });

  it('answers the v2 aws-sdk', async () => {
    await mockAws(async (m) => {
      const out = await new AWS.STS({ region: 'us-east-1' }).getCallerIdentity().promise();
      expect(out.Account).toBe('123456789012');
      const [call] = m.calls({ service: 'sts' });
      expect(call.request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\//);
    });
  });

  it('answers a presigned S3 URL fetched with fetch, with the key from the URL', async () => {
    await mockAws(async (m) => {
      m.on('s3', 'GetObject').resolves({ Body: Buffer.from('presigned body'), ContentType: 'text/plain' });
      const url = await getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: 'dir/f.txt' }), {
        expiresIn: 60,
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('presigned body');
      const [call] = m.calls({ service: 's3', operation: 'GetObject' });
      expect(call.input).toMatchObject({ Bucket: 'b', Key: 'dir/f.txt' });
      expect(call.request.url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIAIOSFODNN7EXAMPLE\//);
    });
  });

  it('sends 100 Continue to a request that waits for it before writing its body', async () => {
    await mockAws(async (m) => {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = https.request('https://sts.amazonaws.com/', {
          method: 'POST',
          headers: { ...FORM, expect: '100-continue', 'content-length': Buffer.byteLength(IDENTITY_FORM) },
        });
        // As the v2 SDK does: the body goes only after 'continue', with no timeout of its own.
        req.once('continue', () => req.end(IDENTITY_FORM));
        req.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
      });
      expect(res.status).toBe(200);
      expect(res.body).toContain('<Account>123456789012</Account>');
      expect(m.calls({ operation: 'GetCallerIdentity' })[0].request.headers.expect).toBe('100-continue');
    });
  }, 5_000);

  it('refuses at once an AWS host no service claims, without touching the network', async () => {
    await mockAws(async () => {
      const started = Date.now();
      const res = await fetch('https://nosuchservice.us-east-1.amazonaws.com/thing');
      expect(res.status).toBe(501);
      expect(res.headers.get('x-amzn-errortype')).toBe('MockawsRefused');
      expect(await res.text()).toContain('Nothing was sent to AWS');
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });

  it('refuses an AWS service the per-service mock does not fake', async () => {
    await serviceMock('sqs')(async (m) => {
      const res = await fetch('https://sts.amazonaws.com/', { method: 'POST', headers: FORM, body: IDENTITY_FORM });
      expect(res.status).toBe(501);
      const text = await res.text();
      expect(text).toContain('<Code>MockawsRefused</Code>');
      expect(text).toMatch(/service (&apos;|')sts(&apos;|') is not mocked \(per-service mode\)/);
      expect(m.calls()).toHaveLength(0);
    });
  });

  it('leaves non-AWS hosts untouched', async () => {
    const server = await localServer();
    try {
      await mockAws(async () => {
        expect(await (await fetch(server.url)).text()).toBe('from the real server');
        expect(server.hits()).toBe(1);
        // Not even routed through the interceptor: the request keeps Node's own agent.
        const body = await new Promise<string>((resolve, reject) => {
          const req = http.get(server.url, (res) => {
            res.setEncoding('utf8');
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve(text));
          });
          expect((req as unknown as { agent: unknown }).agent).toBe(http.globalAgent);
          req.on('error', reject);
        });
        expect(body).toBe('from the real server');
        expect(server.hits()).toBe(2);
      });
    } finally {
      await server.close();
    }
  });

  it('answers for extra hosts named in the hosts option', async () => {
    const server = await localServer();
    try {
      await mockAws(
        async (m) => {
          // A v2 client pointed at the host: signed, so the fake knows the service.
          const out = await new AWS.STS({ region: 'us-east-1', endpoint: server.url }).getCallerIdentity().promise();
          expect(out.Account).toBe('123456789012');
          expect(server.hits()).toBe(0);
          expect(m.calls({ operation: 'GetCallerIdentity' })).toHaveLength(1);
        },
        { hosts: [server.host] },
      );
    } finally {
      await server.close();
    }
  });

  it('takes its patches off http, https, fetch and sockets on stop', async () => {
    const before = { request: https.request, get: http.get, fetch: globalThis.fetch, connect: net.Socket.prototype.connect };
    const m = mockAws();
    expect(https.request).not.toBe(before.request);
    // The interceptors load on the first request to AWS: their patches must come off too.
    await fetch('https://sts.amazonaws.com/', { method: 'POST', headers: FORM, body: IDENTITY_FORM });
    m.stop();
    expect({ request: https.request, get: http.get, fetch: globalThis.fetch, connect: net.Socket.prototype.connect }).toEqual(before);
  });
});

describe('AWS hosts in any spelling', () => {
  const spellings = [
    'https://sts.amazonaws.com./',
    'https://STS.AmazonAWS.com/',
    'https://sts.us-east-1.amazonaws.com../',
  ];

  it.each(spellings)('answers fetch(%s) from the fake', async (url) => {
    await mockAws(async (m) => {
      const res = await fetch(url, { method: 'POST', headers: FORM, body: IDENTITY_FORM });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<Account>123456789012</Account>');
      expect(m.calls({ service: 'sts', operation: 'GetCallerIdentity' })).toHaveLength(1);
    });
  });

  it('answers https.request to a host with a trailing dot, given as options', async () => {
    await mockAws(async () => {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = https.request({ hostname: 's3.amazonaws.com.', path: '/', method: 'GET' }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (chunk) => chunks.push(chunk));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end();
      });
      // An unsigned ListBuckets: answered by the fake S3, whatever it says, never by AWS.
      expect(res.body).not.toBe('');
      expect(res.body).toMatch(/<(ListAllMyBucketsResult|Error)/);
    });
  });

  it('refuses a raw socket to an AWS host (a client the hooks do not see), in every spelling', async () => {
    await mockAws(async () => {
      for (const host of ['s3.amazonaws.com', 's3.amazonaws.com.', 'S3.AMAZONAWS.COM', '169.254.169.254', '2852039166']) {
        const error = await new Promise<Error & { code?: string }>((resolve) => {
          const socket = tls.connect({ host, port: 443, servername: 's3.amazonaws.com' });
          socket.on('error', resolve);
          socket.on('secureConnect', () => resolve(new Error('connected')));
        });
        expect(error.code).toBe('MockawsRefused');
        expect(error.message).toContain(`refused a connection to ${host}`);
      }
    });
  });

  it('lets sockets to other hosts connect while mocked', async () => {
    const server = await localServer();
    try {
      await mockAws(async () => {
        const [host, port] = server.host.split(':');
        await new Promise<void>((resolve, reject) => {
          const socket = net.connect({ host, port: Number(port) }, () => {
            socket.end();
            resolve();
          });
          socket.on('error', reject);
        });
      });
    } finally {
      await server.close();
    }
  });
});
