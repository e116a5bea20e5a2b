/**
 * Shared setup of the S3 tests: the mock lifecycle every service test uses
 * (test/services/lifecycle.ts), a us-east-1 client, the bucket a file's tests
 * start from, and the capture of an expected failure.
 */
import { CreateBucketCommand, type CreateBucketCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { MockAws } from '../../../../src/mock';
import { useMockAws } from '../../lifecycle';

/**
 * Starts the mock for the file (reset after each test, stopped after all)
 * and gives a us-east-1 client; with `bucket`, creates it before each test.
 * Call it at the top of a test file or in a `describe` body.
 */
export function useS3(bucket?: CreateBucketCommandInput): { m: MockAws; s3: S3Client } {
  const m = useMockAws();
  const s3 = new S3Client({ region: 'us-east-1' });
  if (bucket) beforeEach(() => s3.send(new CreateBucketCommand(bucket)));
  return { m, s3 };
}

/** The error a call rejects with; the test fails if it succeeds. */
export const fail = (p: Promise<unknown>): Promise<any> =>
  p.then(
    () => {
      throw new Error('expected failure');
    },
    (e) => e,
  );
