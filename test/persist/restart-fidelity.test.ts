/**
 * State that used to live beside the backends and so was lost by a restart
 * or a snapshot: S3's results of completed multipart uploads, which answer
 * a retried CompleteMultipartUpload (a client that lost the first response)
 * with 200 and the same result rather than NoSuchUpload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { mockAws } from '../../src/mock';

const s3 = new S3Client({ region: 'us-east-1' });

async function completedUpload(Bucket: string, Key: string) {
  await s3.send(new CreateBucketCommand({ Bucket }));
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
  const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'only part' }));
  const input = { Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } };
  return { input, first: await s3.send(new CompleteMultipartUploadCommand(input)) };
}

describe('S3 completed multipart results', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mockaws-fidelity-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answer a retried CompleteMultipartUpload the same after a restart', async () => {
    const first = mockAws({ stateDir: dir });
    let done: Awaited<ReturnType<typeof completedUpload>>;
    try {
      done = await completedUpload('mp-restart', 'big');
    } finally {
      await first.stop();
    }
    const second = mockAws({ stateDir: dir });
    try {
      const again = await s3.send(new CompleteMultipartUploadCommand(done.input));
      expect(again.$metadata.httpStatusCode).toBe(200);
      expect([again.ETag, again.Key, again.Bucket, again.Location]).toEqual([done.first.ETag, done.first.Key, done.first.Bucket, done.first.Location]);
      // Another upload id was never completed: still NoSuchUpload.
      const err = await s3.send(new CompleteMultipartUploadCommand({ ...done.input, UploadId: 'never-made' })).catch((e) => e);
      expect([err.name, err.$metadata.httpStatusCode]).toEqual(['NoSuchUpload', 404]);
    } finally {
      await second.stop();
    }
  });

  it('answer a retried CompleteMultipartUpload the same after restore(snapshot)', async () => {
    const aws = mockAws();
    try {
      const done = await completedUpload('mp-snapshot', 'big');
      const snapshot = await aws.snapshot();
      aws.reset();
      aws.restore(snapshot);
      const again = await s3.send(new CompleteMultipartUploadCommand(done.input));
      expect([again.$metadata.httpStatusCode, again.ETag]).toEqual([200, done.first.ETag]);
    } finally {
      await aws.stop();
    }
  });
});
