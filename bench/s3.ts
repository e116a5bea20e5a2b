/**
 * S3: PutObject / GetObject of 1 KiB through mockAws()'s client hook against
 * the SDK floor (a canned response), a second floor (the noise control) and
 * s3rver over loopback, interleaved; a ListObjectsV2 page (1,000 and 100 keys,
 * and with a delimiter) in a 1k vs a 100k-key bucket, interleaved; and the
 * memory of a 100 MiB lib-storage multipart upload + download.
 *
 *   npm run bench -- s3
 */
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type MockAws, mockAws } from '../src/mock';
import type { S3Backend } from '../services/s3/models';
import { type Contender, compare } from './support/compare';
import { answered } from './support/counters';
import { BENCH_CREDENTIALS, cannedHandler, peerHttpHandler } from './support/floor';
import { startS3rver } from './support/peers';
import { record } from './support/results';

const KiB = Buffer.alloc(1024, 'x');
const MiB = 1024 * 1024;
const ETAG = '"0f343b0931126a20f133d67c2b018a3b"';
const credentials = BENCH_CREDENTIALS;
const region = 'us-east-1';

/** Fills a bucket straight through the backend (the SDK path is measured elsewhere). */
async function fill(m: MockAws, bucket: string, n: number): Promise<void> {
  const backend = await m.dispatcher.backends.get<S3Backend>('s3');
  const b = backend.bucket(bucket);
  const template = b.current('seed');
  for (let i = 0; i < n; i++) b.put({ ...template, key: `dir${i % 100}/key-${String(i).padStart(7, '0')}` });
}

/**
 * Memory of a 100 MiB round trip (lib-storage Upload in 8 MiB parts, then
 * GetObject read to one array). Buffer memory is counted as the caller's
 * (its source buffer and the downloaded copy: 2× the object), the store's
 * (the object it keeps: 1×), and what is left above those at the peak: the
 * fake's and the SDK's transient share, target ≤ 0.1× the object.
 */
async function memoryRoundTrip(s3: S3Client): Promise<void> {
  const size = 100 * MiB;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rss = () => process.memoryUsage().rss;
  const buffers = () => process.memoryUsage().arrayBuffers;
  const base = rss();
  const baseBuffers = buffers();
  let peak = base;
  let peakBuffers = baseBuffers;
  const sample = () => {
    peak = Math.max(peak, rss());
    peakBuffers = Math.max(peakBuffers, buffers());
  };
  const timer = setInterval(sample, 2);
  const body = Buffer.alloc(size, 7);
  const t0 = Date.now();
  await new Upload({ client: s3, params: { Bucket: 'bench', Key: 'big', Body: body }, partSize: 8 * MiB, queueSize: 4 }).done();
  const uploaded = Date.now();
  sample();
  gc?.();
  // Settled after the upload: the source and what the store keeps.
  const stored = buffers() - baseBuffers - size;
  const got = await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: 'big' }));
  const bytes = await got.Body!.transformToByteArray();
  const downloaded = Date.now();
  clearInterval(timer);
  sample();
  if (bytes.length !== size || bytes[size - 1] !== 7) throw new Error('round trip lost bytes');
  gc?.();
  // The caller's copy: new Buffer memory the download left (0 when it is a view of the stored bytes).
  const download = buffers() - baseBuffers - size - stored;
  const x = (v: number) => v / size;
  const rest = x(peakBuffers - baseBuffers - size - stored - Math.max(0, download));
  record({
    bench: 's3',
    title: 'S3 100 MiB multipart round trip under mockAws(): memory',
    unit: '× the object',
    rows: [
      { name: 'peak RSS above baseline', value: x(peak - base) },
      { name: 'peak Buffer memory above baseline', value: x(peakBuffers - baseBuffers) },
      { name: "the caller's source buffer", value: 1 },
      { name: "the caller's downloaded copy (new memory)", value: x(Math.max(0, download)) },
      { name: 'what the store keeps (settled, after gc)', value: x(stored) },
      { name: 'the rest at the peak (fake + SDK, transient)', value: rest, detail: rest <= 0.1 ? 'target ≤ 0.1: met' : 'target ≤ 0.1: not met' },
    ],
    preconditions: 'the downloaded bytes are the uploaded object; Buffer memory sampled every 2 ms',
    note: `Upload ${uploaded - t0} ms, download ${downloaded - uploaded} ms; bytes.buffer ${bytes.buffer.byteLength >= size ? 'holds' : 'is smaller than'} the object.`,
  });
  void body;
}

async function perCall(m: MockAws): Promise<void> {
  const peer = await startS3rver();
  try {
    const mocked = new S3Client({ region, credentials });
    // s3rver accepts only its own key pair.
    const peerCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const remote = new S3Client({ region, credentials: peerCredentials, endpoint: peer.url, forcePathStyle: true, requestHandler: peerHttpHandler() });
    for (const client of [mocked, remote]) await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
    const canned = (headers: Record<string, string>, body: Buffer) => {
      const handler = cannedHandler(headers, body, { stream: true });
      return { handler, client: new S3Client({ region, credentials, requestHandler: handler as never }) };
    };
    let n = 0;
    const put = (client: S3Client) => () => client.send(new PutObjectCommand({ Bucket: 'bench', Key: `k${n++ % 1000}`, Body: KiB }));
    const get = (client: S3Client) => async () => {
      const out = await client.send(new GetObjectCommand({ Bucket: 'bench', Key: `k${n++ % 1000}` }));
      const bytes = await out.Body!.transformToByteArray();
      if (bytes.length !== 1024) throw new Error(`GetObject answered ${bytes.length} bytes`);
    };
    const putFloor = canned({ etag: ETAG }, Buffer.alloc(0));
    const putControl = canned({ etag: ETAG }, Buffer.alloc(0));
    const getFloor = canned({ etag: ETAG, 'content-length': '1024' }, KiB);
    const getControl = canned({ etag: ETAG, 'content-length': '1024' }, KiB);
    const opts = { rounds: 10, callsPerRound: 200, warmup: 1000, baseline: 'SDK floor', atMost: { 'mockaws (mockAws() hook)': 1.15 } };
    const contenders = (
      op: (c: S3Client) => () => Promise<unknown>,
      floor: ReturnType<typeof canned>,
      control: ReturnType<typeof canned>,
      operation: string,
    ): Record<string, Contender> => ({
      'SDK floor': { run: op(floor.client), served: () => floor.handler.calls },
      'SDK floor (control)': { run: op(control.client), served: () => control.handler.calls },
      'mockaws (mockAws() hook)': { run: op(mocked), served: answered(m.dispatcher, 's3', operation) },
      's3rver (loopback HTTP)': { run: op(remote), served: peer.served },
    });
    // The warm-up's PutObjects (1,000 keys) leave every key GetObject asks for in both stores.
    await compare('s3', 'S3 PutObject 1 KiB', contenders(put, putFloor, putControl, 'PutObject'), opts);
    await compare('s3', 'S3 GetObject 1 KiB', contenders(get, getFloor, getControl, 'GetObject'), opts);
  } finally {
    await peer.stop();
  }
}

async function listings(m: MockAws, s3: S3Client): Promise<void> {
  const sizes = [1000, 100_000];
  for (const n of sizes) {
    const bucket = `list-${n}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'seed', Body: 'x' }));
    await fill(m, bucket, n - 1);
  }
  // Full pages in both buckets: the 1k bucket's 1,000-key page is the whole bucket; the 100k bucket's starts anywhere.
  const variants: Array<[string, (i: number, n: number) => Record<string, unknown>, number]> = [
    ['page of 1,000 keys', (i, n) => (n === 1000 ? {} : { StartAfter: `dir${i % 50}/` }), 1000],
    ['page of 100 keys', (i) => ({ StartAfter: `dir${i % 50}/`, MaxKeys: 100 }), 100],
    ["delimiter '/' (100 prefixes)", () => ({ Delimiter: '/' }), 1],
  ];
  for (const [what, params, keys] of variants) {
    const contenders: Record<string, Contender> = {};
    for (const n of sizes) {
      const Bucket = `list-${n}`;
      let i = 0;
      contenders[`${n} keys in the bucket`] = {
        run: async () => {
          const out = await s3.send(new ListObjectsV2Command({ Bucket, ...params(i++, n) }));
          // A delimited listing counts its prefixes (and the one 'seed' key) in KeyCount.
          if (keys > 1 ? out.KeyCount !== keys : (out.CommonPrefixes?.length ?? 0) !== 100) {
            throw new Error(`ListObjectsV2 answered ${out.KeyCount} keys, ${out.CommonPrefixes?.length ?? 0} prefixes`);
          }
        },
        served: answered(m.dispatcher, 's3', 'ListObjectsV2', (input) => input.Bucket === Bucket),
      };
    }
    await compare('s3', `S3 ListObjectsV2 ${what}, bucket of 1k vs 100k keys`, contenders, {
      rounds: 6,
      callsPerRound: keys >= 1000 ? 10 : 40,
      warmup: 10,
      baseline: '1000 keys in the bucket',
      atMost: keys >= 1000 ? { '100000 keys in the bucket': 1.1 } : undefined,
    });
  }
}

async function main() {
  const m = mockAws();
  const s3 = new S3Client({ region, credentials });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  // First, while the heap is small: RSS never shrinks back after the listing fills.
  await memoryRoundTrip(s3);
  m.reset();
  await perCall(m);
  m.reset();
  await listings(m, s3);
  m.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
