/**
 * `mockaws server --state-dir DIR` across restarts of a real child process:
 * a SIGTERM restart and a `kill -9` in the middle of a stream of writes lose
 * nothing the server acknowledged, the restarted server answers, a newer
 * format is refused with a clear error, and /_mockaws/reset empties the
 * directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type ChildServer, cliBundle, startChild } from '../server/support/child-server';

jest.setTimeout(120_000);

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const s3 = (url: string) => new S3Client({ endpoint: url, region: 'us-east-1', forcePathStyle: true, credentials, maxAttempts: 1 });

describe('mockaws server --state-dir', () => {
  let dir: string;
  let server: ChildServer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-server-state-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps state across a clean restart, large bodies as blob files', async () => {
    server = await startChild(['--state-dir', dir]);
    const body = Buffer.alloc(1024 * 1024, 'x');
    await s3(server.url).send(new CreateBucketCommand({ Bucket: 'kept' }));
    await s3(server.url).send(new PutObjectCommand({ Bucket: 'kept', Key: 'big', Body: body }));
    const ssm = (url: string) => new SSMClient({ endpoint: url, region: 'eu-west-1', credentials, maxAttempts: 1 });
    await ssm(server.url).send(new PutParameterCommand({ Name: 'p', Value: 'v1', Type: 'String' }));
    expect(await server.stop()).toBe(0);
    expect(readdirSync(join(dir, 'blobs')).length).toBeGreaterThan(0);

    server = await startChild(['--state-dir', dir]);
    const got = await s3(server.url).send(new GetObjectCommand({ Bucket: 'kept', Key: 'big' }));
    expect(Buffer.from((await got.Body?.transformToByteArray()) as Uint8Array).equals(body)).toBe(true);
    expect((await ssm(server.url).send(new GetParameterCommand({ Name: 'p' }))).Parameter?.Value).toBe('v1');
  });

  it('loses nothing acknowledged when killed with SIGKILL during a stream of writes', async () => {
    server = await startChild(['--state-dir', dir]);
    const client = s3(server.url);
    await client.send(new CreateBucketCommand({ Bucket: 'stream' }));
    const acknowledged: string[] = [];
    let stop = false;
    // 8 writers, each putting objects as fast as the server acknowledges them.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const key = `w${w}/k${i}`;
        try {
          await client.send(new PutObjectCommand({ Bucket: 'stream', Key: key, Body: `${key}:${'y'.repeat(i % 3 === 0 ? 40_000 : 10)}` }));
          acknowledged.push(key);
        } catch {
          return; // the server died under this request: not acknowledged
        }
      }
    });
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await server.stop();
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    server = await startChild(['--state-dir', dir]);
    const restarted = s3(server.url);
    const keys = new Set<string>();
    let token: string | undefined;
    do {
      const page = await restarted.send(new ListObjectsV2Command({ Bucket: 'stream', ContinuationToken: token }));
      for (const o of page.Contents ?? []) keys.add(o.Key as string);
      token = page.NextContinuationToken;
    } while (token);
    expect(acknowledged.filter((k) => !keys.has(k))).toEqual([]);
    const sample = acknowledged.filter((k) => k.endsWith('/k0') || k.endsWith('/k3'));
    for (const key of sample) {
      const got = await restarted.send(new GetObjectCommand({ Bucket: 'stream', Key: key }));
      expect((await got.Body?.transformToString())?.startsWith(`${key}:`)).toBe(true);
    }
    // It still takes writes.
    await restarted.send(new PutObjectCommand({ Bucket: 'stream', Key: 'after', Body: 'ok' }));
  });

  it('refuses a state directory written in a newer format, naming it', () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 5, mockaws: '99.0.0' }));
    const run = spawnSync(process.execPath, ['--no-deprecation', cliBundle(), 'server', '--port', '0', '--state-dir', dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot start the server: the state in .+ is in format 5 \(written by mockaws 99\.0\.0\); this mockaws \(.+\) reads format 4 and older/);
  });

  it('empties the directory on POST /_mockaws/reset', async () => {
    server = await startChild(['--state-dir', dir]);
    await s3(server.url).send(new CreateBucketCommand({ Bucket: 'gone' }));
    await s3(server.url).send(new PutObjectCommand({ Bucket: 'gone', Key: 'k', Body: Buffer.alloc(64 * 1024, 1) }));
    expect(readdirSync(join(dir, 'blobs'))).toHaveLength(1);
    const reset = await fetch(`${server.url}/_mockaws/reset`, { method: 'POST' });
    expect(await reset.json()).toEqual({ status: 'reset' });
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
    await server.stop();
    server = await startChild(['--state-dir', dir]);
    const err = await s3(server.url).send(new GetObjectCommand({ Bucket: 'gone', Key: 'k' })).catch((e) => e);
    expect(err.name).toBe('NoSuchBucket');
  });
});
