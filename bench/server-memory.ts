/**
 * Server memory under one large object: a real `mockaws server` child process
 * takes a streamed PutObject of SIZE (default 1 GiB) from the JS SDK and
 * serves it back with GetObject; the child's resident set is read from /proc
 * (VmRSS idle, VmHWM peak). The target: peak − idle < 2 × the object.
 *
 *   npm run bench -- server-memory            (MOCKAWS_BENCH_MIB=256 for a smaller object)
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { childServer } from './support/child-server';

const MiB = 1024 * 1024;
const size = Number(process.env.MOCKAWS_BENCH_MIB ?? 1024) * MiB;

async function main() {
  const child = await childServer('server-memory');
  const url = child.url;
  const mem = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  };
  const s3 = new S3Client({ region: 'us-east-1', endpoint: url, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  const idle = mem().rss;
  const block = Buffer.alloc(MiB, 7);
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      sent += MiB;
      this.push(block);
    },
  });
  let t = Date.now();
  await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: 'big', Body: body, ContentLength: size }));
  const putMs = Date.now() - t;
  const afterPut = mem();
  t = Date.now();
  const got = await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: 'big' }));
  let length = 0;
  for await (const chunk of got.Body as AsyncIterable<Buffer>) length += chunk.length;
  const getMs = Date.now() - t;
  if (length !== size) throw new Error(`got ${length} bytes of ${size}`);
  const afterGet = mem();
  child.stop();
  const mib = (n: number) => `${n.toFixed(0)} MiB`;
  console.log(`object ${mib(size / MiB)}; server idle RSS ${mib(idle)}`);
  console.log(`PutObject ${putMs} ms, peak RSS ${mib(afterPut.peak)} (+${mib(afterPut.peak - idle)}, ${((afterPut.peak - idle) / (size / MiB)).toFixed(2)}x the object)`);
  console.log(`GetObject ${getMs} ms, peak RSS ${mib(afterGet.peak)} (+${mib(afterGet.peak - idle)}, ${((afterGet.peak - idle) / (size / MiB)).toFixed(2)}x the object)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
