import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { fail, useS3 } from './support';

const Bucket = 'multipart';
const { s3 } = useS3({ Bucket });
const MiB = 1024 * 1024;
const md5 = (b: Buffer) => createHash('md5').update(b).digest();

async function start(Key = 'big', extra: Record<string, unknown> = {}) {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...extra }));
  return UploadId!;
}

describe('multipart uploads', () => {
  it('assembles parts into one object with the composite ETag', async () => {
    const UploadId = await start('big', { ContentType: 'text/plain', Metadata: { kind: 'mp' } });
    const p1 = Buffer.alloc(5 * MiB, 'a');
    const p2 = Buffer.from('tail');
    const r1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 1, Body: p1 }));
    const r2 = await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 2, Body: p2 }));
    expect(r1.ETag).toBe(`"${md5(p1).toString('hex')}"`);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'big',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: r1.ETag }, { PartNumber: 2, ETag: r2.ETag }] },
      }),
    );
    const expected = createHash('md5').update(Buffer.concat([md5(p1), md5(p2)])).digest('hex');
    expect(done.ETag).toBe(`"${expected}-2"`);
    expect(done.Key).toBe('big');
    expect(done.Location).toContain('/big');
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'big' }));
    expect(head.ContentLength).toBe(5 * MiB + 4);
    expect(head.ContentType).toBe('text/plain');
    expect(head.Metadata).toEqual({ kind: 'mp' });
    const tail = await s3.send(new GetObjectCommand({ Bucket, Key: 'big', Range: `bytes=${5 * MiB - 2}-` }));
    expect(await tail.Body?.transformToString()).toBe('aatail');
    const part2 = await s3.send(new GetObjectCommand({ Bucket, Key: 'big', PartNumber: 2 }));
    expect(await part2.Body?.transformToString()).toBe('tail');
    expect(part2.PartsCount).toBe(2);
  });

  it('refuses a non-final part under 5 MiB with EntityTooSmall', async () => {
    const UploadId = await start();
    const r1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 1, Body: 'small' }));
    const r2 = await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 2, Body: 'tail' }));
    const err = await fail(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'big',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: r1.ETag }, { PartNumber: 2, ETag: r2.ETag }] },
        }),
      ),
    );
    expect(err.name).toBe('EntityTooSmall');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses unknown parts, wrong ETags and descending order', async () => {
    const UploadId = await start();
    const r1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 1, Body: 'x' }));
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) =>
      fail(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'big', UploadId, MultipartUpload: { Parts } })));
    expect((await complete([{ PartNumber: 2, ETag: r1.ETag }])).name).toBe('InvalidPart');
    expect((await complete([{ PartNumber: 1, ETag: '"deadbeef"' }])).name).toBe('InvalidPart');
    expect((await complete([{ PartNumber: 2, ETag: r1.ETag }, { PartNumber: 1, ETag: r1.ETag }])).name).toBe('InvalidPartOrder');
  });

  it('answers NoSuchUpload after an abort', async () => {
    const UploadId = await start();
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'big', UploadId }));
    const err = await fail(s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 1, Body: 'x' })));
    expect(err.name).toBe('NoSuchUpload');
    expect(err.$metadata.httpStatusCode).toBe(404);
    const list = await fail(s3.send(new ListPartsCommand({ Bucket, Key: 'big', UploadId })));
    expect(list.name).toBe('NoSuchUpload');
  });

  it('lists parts in order, paged by part-number marker', async () => {
    const UploadId = await start();
    for (const PartNumber of [3, 1, 2]) {
      await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber, Body: `part${PartNumber}` }));
    }
    const page = await s3.send(new ListPartsCommand({ Bucket, Key: 'big', UploadId, MaxParts: 2 }));
    expect(page.Parts?.map((p) => p.PartNumber)).toEqual([1, 2]);
    expect(page.IsTruncated).toBe(true);
    expect(page.Parts?.[0].Size).toBe(5);
    const rest = await s3.send(new ListPartsCommand({ Bucket, Key: 'big', UploadId, PartNumberMarker: page.NextPartNumberMarker }));
    expect(rest.Parts?.map((p) => p.PartNumber)).toEqual([3]);
    expect(rest.IsTruncated).toBe(false);
  });

  it('lists in-progress uploads by key, with prefixes and markers', async () => {
    const ids = [await start('b/one'), await start('a'), await start('b/two'), await start('a')];
    const all = await s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(all.Uploads?.map((u) => u.Key)).toEqual(['a', 'a', 'b/one', 'b/two']);
    expect(all.Uploads?.[0].UploadId).toBe(ids[1]);
    const rolled = await s3.send(new ListMultipartUploadsCommand({ Bucket, Delimiter: '/' }));
    expect(rolled.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['b/']);
    const page = await s3.send(new ListMultipartUploadsCommand({ Bucket, MaxUploads: 1 }));
    expect(page.IsTruncated).toBe(true);
    const next = await s3.send(
      new ListMultipartUploadsCommand({ Bucket, KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker }),
    );
    expect(next.Uploads?.map((u) => u.UploadId)).toEqual([ids[3], ids[0], ids[2]]);
  });

  it('copies a byte range of an object into a part', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'abcdefghij' }));
    const UploadId = await start('dst');
    const copy = await s3.send(
      new UploadPartCopyCommand({ Bucket, Key: 'dst', UploadId, PartNumber: 1, CopySource: `${Bucket}/src`, CopySourceRange: 'bytes=2-4' }),
    );
    expect(copy.CopyPartResult?.ETag).toBe(`"${createHash('md5').update('cde').digest('hex')}"`);
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: 'dst', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: copy.CopyPartResult?.ETag }] } }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'dst' }));
    expect(await got.Body?.transformToString()).toBe('cde');
  });

  it('keeps per-part checksums and a composite object checksum', async () => {
    const UploadId = await start('sums', { ChecksumAlgorithm: 'SHA256' });
    const r1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'sums', UploadId, PartNumber: 1, Body: 'only', ChecksumAlgorithm: 'SHA256' }));
    expect(r1.ChecksumSHA256).toBe(createHash('sha256').update('only').digest('base64'));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'sums',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: r1.ETag, ChecksumSHA256: r1.ChecksumSHA256 }] },
      }),
    );
    const composite = createHash('sha256').update(createHash('sha256').update('only').digest()).digest('base64');
    expect(done.ChecksumSHA256).toBe(`${composite}-1`);
    expect(done.ChecksumType).toBe('COMPOSITE');
    const attrs = await s3.send(
      new GetObjectAttributesCommand({ Bucket, Key: 'sums', ObjectAttributes: ['ETag', 'Checksum', 'ObjectParts', 'ObjectSize'] }),
    );
    expect(attrs.ObjectSize).toBe(4);
    expect(attrs.ETag).toBe(done.ETag?.slice(1, -1));
    expect(attrs.Checksum?.ChecksumSHA256).toBe(`${composite}-1`);
    expect(attrs.ObjectParts?.TotalPartsCount).toBe(1);
    expect(attrs.ObjectParts?.Parts?.[0].ChecksumSHA256).toBe(r1.ChecksumSHA256);
  });

  it('refuses a part whose checksum algorithm differs from the upload\'s', async () => {
    const UploadId = await start('sums', { ChecksumAlgorithm: 'SHA256' });
    const err = await fail(s3.send(new UploadPartCommand({ Bucket, Key: 'sums', UploadId, PartNumber: 1, Body: 'x', ChecksumAlgorithm: 'CRC32' })));
    expect(err.name).toBe('InvalidRequest');
    expect(err.message).toContain('Checksum Type mismatch occurred');
  });
});

describe('lib-storage Upload', () => {
  it('uploads a 12 MiB buffer in parts and reads it back intact', async () => {
    const body = Buffer.alloc(12 * MiB);
    for (let i = 0; i < body.length; i += 4096) body[i] = i % 251;
    const upload = new Upload({ client: s3, params: { Bucket, Key: 'lib', Body: body } });
    const result = await upload.done();
    expect(result.ETag).toMatch(/-3"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'lib' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.equals(body)).toBe(true);
  });

  it('uploads a small body with a single PutObject', async () => {
    const result = await new Upload({ client: s3, params: { Bucket, Key: 'small', Body: 'tiny' } }).done();
    expect(result.ETag).toBe(`"${createHash('md5').update('tiny').digest('hex')}"`);
  });
});

describe('reading a multipart object in checksum mode', () => {
  it('returns the composite checksum, which the SDK does not try to validate', async () => {
    const UploadId = await start('crc', { ChecksumAlgorithm: 'CRC32' });
    const r1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'crc', UploadId, PartNumber: 1, Body: Buffer.alloc(5 * MiB, 1), ChecksumAlgorithm: 'CRC32' }));
    const r2 = await s3.send(new UploadPartCommand({ Bucket, Key: 'crc', UploadId, PartNumber: 2, Body: 'end', ChecksumAlgorithm: 'CRC32' }));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'crc',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: r1.ETag, ChecksumCRC32: r1.ChecksumCRC32 },
            { PartNumber: 2, ETag: r2.ETag, ChecksumCRC32: r2.ChecksumCRC32 },
          ],
        },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'crc', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toMatch(/-2$/);
    expect(got.ChecksumType).toBe('COMPOSITE');
    expect((await got.Body!.transformToByteArray()).length).toBe(5 * MiB + 3);
  });

  it('keeps a FULL_OBJECT CRC that matches the whole body', async () => {
    const UploadId = await start('full', { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const r1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'full', UploadId, PartNumber: 1, Body: 'whole', ChecksumAlgorithm: 'CRC32' }));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: 'full', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: r1.ETag }] } }),
    );
    expect(done.ChecksumType).toBe('FULL_OBJECT');
    expect(done.ChecksumCRC32).toBe(r1.ChecksumCRC32);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'full', ChecksumMode: 'ENABLED' }));
    expect(await got.Body?.transformToString()).toBe('whole');
  });

  // A whole-object checksum sent on completion must be the one S3 computes (BadDigest otherwise).
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
  it('refuses a completion whose FULL_OBJECT checksum does not match the parts (BadDigest) and keeps the upload', async () => {
    const UploadId = await start('bad-sum', { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const r1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'bad-sum', UploadId, PartNumber: 1, Body: 'whole', ChecksumAlgorithm: 'CRC32' }));
    const complete = (ChecksumCRC32: string) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'bad-sum',
          UploadId,
          ChecksumCRC32,
          ChecksumType: 'FULL_OBJECT',
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: r1.ETag }] },
        }),
      );
    const err = await fail(complete('AAAAAA=='));
    expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual(['BadDigest', 400, 'The CRC32 you specified did not match the calculated checksum.']);
    const done = await complete(r1.ChecksumCRC32 as string);
    expect(done.ChecksumCRC32).toBe(r1.ChecksumCRC32);
  });

  describe('x-amz-copy-source-range on UploadPartCopy (bytes=first-last only)', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
    const FORM =
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy';

    it('refuses every other form with InvalidArgument, and a range past the end with the source size', async () => {
      await s3.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'abcdefghij' }));
      const UploadId = await start('dst');
      const copy = (CopySourceRange: string) =>
        fail(s3.send(new UploadPartCopyCommand({ Bucket, Key: 'dst', UploadId, PartNumber: 1, CopySource: `${Bucket}/src`, CopySourceRange })));
      for (const range of ['0-2', 'bytes=2-', 'bytes=-3', 'bytes=0-2,4-5', 'bytes=a-b', 'bytes=4-2']) {
        const err = await copy(range);
        expect([range, err.name, err.$metadata.httpStatusCode, err.message]).toEqual([range, 'InvalidArgument', 400, FORM]);
      }
      const past = await copy('bytes=0-10');
      expect([past.name, past.$metadata.httpStatusCode, past.message]).toEqual([
        'InvalidArgument',
        400,
        'Range specified is not valid for source object of size: 10',
      ]);
      const last = await s3.send(
        new UploadPartCopyCommand({ Bucket, Key: 'dst', UploadId, PartNumber: 1, CopySource: `${Bucket}/src`, CopySourceRange: 'bytes=9-9' }),
      );
      expect(last.CopyPartResult?.ETag).toBe(`"${createHash('md5').update('j').digest('hex')}"`);
    });
  });
});
