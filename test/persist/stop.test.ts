/**
 * stop() and a state directory: un-hooking is immediate, and the promise
 * stop() returns settles once the directory's last flush is on disk, so a
 * test may remove or copy the directory right after awaiting it. Before, the
 * last flush began after stop() returned and wrote into a directory the
 * caller had already removed (a warning, a directory made again, or
 * ENOTEMPTY from the removal racing the write), and the state was dropped
 * before that flush ran, so it wrote the emptied state: a later mock found
 * nothing unless it had read the directory first.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type MockAws, mockAws } from '../../src/mock';

const s3 = new S3Client({ region: 'us-east-1' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('stop() with a state directory', () => {
  let dir: string;
  let warnings: string[];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-stop-'));
    warnings = [];
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
    rmSync(dir, { recursive: true, force: true });
  });

  it('settles after the last flush: the directory holds the final state, removed at once stays removed, and nothing failed to save', async () => {
    const m = mockAws({ stateDir: dir });
    await s3.send(new CreateBucketCommand({ Bucket: 'stop-flush' }));
    await s3.send(new PutObjectCommand({ Bucket: 'stop-flush', Key: 'k', Body: 'v' }));
    // reset() empties the state and starts a flush of its own, which stop()'s last flush joins.
    m.reset();
    const stopped = m.stop();
    expect(m.active).toBe(false); // un-hooked at once
    await stopped;
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['manifest.json', 'state.json']));
    // What the directory holds now is the emptied state: a later mock on a copy of it has no bucket.
    const copy = `${dir}-copy`;
    cpSync(dir, copy, { recursive: true });
    rmSync(dir, { recursive: true });
    try {
      await mockAws({ stateDir: copy }, async () => {
        expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
      });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
    await settle();
    expect(existsSync(dir)).toBe(false);
    expect(warnings.filter((w) => w.includes('mockaws'))).toEqual([]);
  });

  it('settles after the last flush in the callback form too, and a second stop() gives the same promise', async () => {
    let handle: MockAws | undefined;
    await mockAws({ stateDir: dir }, async (m) => {
      handle = m;
      await s3.send(new CreateBucketCommand({ Bucket: 'stop-callback' }));
    });
    rmSync(dir, { recursive: true });
    await settle();
    expect(existsSync(dir)).toBe(false);
    expect(warnings.filter((w) => w.includes('mockaws'))).toEqual([]);
    await expect(handle?.stop()).resolves.toBeUndefined();
  });

  it('keeps the state on disk: the last flush runs before stop() drops the state, so a later mock finds it', async () => {
    const m = mockAws({ stateDir: dir });
    await s3.send(new CreateBucketCommand({ Bucket: 'stop-kept' }));
    m.stop(); // not awaited: the flush still writes the state the mock held, not the state it drops
    await settle();
    await mockAws({ stateDir: dir }, async () => {
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['stop-kept']);
    });
  });

  it('settles at once without a state directory', async () => {
    const m = mockAws();
    await expect(m.stop()).resolves.toBeUndefined();
    expect(m.active).toBe(false);
  });
});
