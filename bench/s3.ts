/**
 * S3 benchmark: PutObject / GetObject of 1 KiB per call against the SDK floor
 * (a client whose request handler returns a canned response), a
 * ListObjectsV2 page (1000 keys, with and without a delimiter) in a 1k vs a
 * 100k-key bucket, and the peak memory of a 100 MiB lib-storage multipart
 * upload + download.
 *
 * npx esbuild bench/s3.ts --bundle --platform=node --packages=external --outfile=.tmp/bench-s3.cjs && node --expose-gc .tmp/bench-s3.cjs
 */
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type MockAws, mockAws } from '../src/mock';
import type { S3Backend } from '../services/s3/models';
import { timePerCall } from './support/measure';

const KiB = Buffer.alloc(1024, 'x');
const MiB = 1024 * 1024;

// A long warm-up: the first timed section would otherwise pay for JIT and SDK lazy loading.
const time = (label: string, n: number, fn: (i: number) => Promise<unknown>) => timePerCall(label, n, fn, { warmup: 500, width: 52 });

function floorClient(headers: Record<string, string>, body: () => Buffer): S3Client {
  const canned = {
    handle: async () => ({ response: { statusCode: 200, headers, body: Readable.from([body()]) } }),
  };
  return new S3Client({ region: 'us-east-1', requestHandler: canned as never, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
}

/** Fills a bucket straight through the backend (the SDK path is measured elsewhere). */
async function fill(m: MockAws, bucket: string, n: number): Promise<void> {
  const backend = await m.dispatcher.backends.get<S3Backend>('s3');
  const b = backend.bucket(bucket);
  const template = b.current('seed');
  for (let i = 0; i < n; i++) b.put({ ...template, key: `dir${i % 100}/key-${String(i).padStart(7, '0')}` });
}

async function memoryRoundTrip(s3: S3Client): Promise<void> {
  const size = 100 * MiB;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const used = () => process.memoryUsage().rss;
  const buffers = () => process.memoryUsage().arrayBuffers;
  const base = used();
  const baseBuffers = buffers();
  let peak = base;
  let peakBuffers = baseBuffers;
  const sample = () => {
    peak = Math.max(peak, used());
    peakBuffers = Math.max(peakBuffers, buffers());
  };
  const timer = setInterval(sample, 2);
  const body = Buffer.alloc(size, 7);
  const t0 = Date.now();
  await new Upload({ client: s3, params: { Bucket: 'bench', Key: 'big', Body: body }, partSize: 8 * MiB, queueSize: 4 }).done();
  const uploaded = Date.now();
  const got = await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: 'big' }));
  const bytes = await got.Body!.transformToByteArray();
  clearInterval(timer);
  sample();
  if (bytes.length !== size) throw new Error('round trip lost bytes');
  console.log(`100 MiB multipart upload ${uploaded - t0} ms, download ${Date.now() - uploaded} ms`);
  console.log(`peak RSS above baseline: ${((peak - base) / MiB).toFixed(0)} MiB = ${((peak - base) / size).toFixed(2)}x the object (source buffer and downloaded copy included)`);
  console.log(`peak Buffer memory above baseline: ${((peakBuffers - baseBuffers) / MiB).toFixed(0)} MiB = ${((peakBuffers - baseBuffers) / size).toFixed(2)}x`);
}

async function main() {
  const floorPut = floorClient({ etag: '"0f343b0931126a20f133d67c2b018a3b"' }, () => Buffer.alloc(0));
  await time('floor PutObject 1 KiB (canned response)', 3000, (i) => floorPut.send(new PutObjectCommand({ Bucket: 'bench', Key: `k${i}`, Body: KiB })));
  const floorGet = floorClient({ etag: '"0f343b0931126a20f133d67c2b018a3b"', 'content-length': '1024' }, () => KiB);
  await time('floor GetObject 1 KiB (canned response)', 3000, async (i) => {
    const out = await floorGet.send(new GetObjectCommand({ Bucket: 'bench', Key: `k${i}` }));
    await out.Body!.transformToByteArray();
  });

  const m = mockAws();
  const s3 = new S3Client({ region: 'us-east-1' });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  // First, while the heap is small: RSS never shrinks back after the listing fills.
  await memoryRoundTrip(s3);
  m.reset();
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  await time('mockaws PutObject 1 KiB', 3000, (i) => s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `k${i}`, Body: KiB })));
  await time('mockaws GetObject 1 KiB', 3000, async (i) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: `k${i % 3000}` }));
    await out.Body!.transformToByteArray();
  });

  for (const n of [1000, 100_000]) {
    const bucket = `list-${n}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'seed', Body: 'x' }));
    await fill(m, bucket, n - 1);
    await time(`mockaws ListObjectsV2 page of 1000, ${n} keys`, 100, (i) =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: `dir${i % 50}/` })),
    );
    await time(`mockaws ListObjectsV2 page of 100, ${n} keys`, 300, (i) =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: `dir${i % 50}/`, MaxKeys: 100 })),
    );
    await time(`mockaws ListObjectsV2 delimiter '/', ${n} keys`, 100, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' })),
    );
  }
  m.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
