/**
 * A bucket answers in its own region: another region's endpoint answers 301
 * PermanentRedirect with x-amz-bucket-region and the right Endpoint; the
 * right endpoint signed for another region answers AuthorizationHeaderMalformed.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
import {
  CreateBucketCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'in-ireland';
const { s3 } = useS3();
const ireland = new S3Client({ region: 'eu-west-1' });

describe('S3 buckets used from another region', () => {
  beforeEach(async () => {
    await ireland.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await ireland.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'craic' }));
  });

  it('answers 301 PermanentRedirect with x-amz-bucket-region and the Endpoint through another region', async () => {
    const err = await fail(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['PermanentRedirect', 301]);
    expect(err.message).toBe(
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    );
    expect(err.Endpoint).toBe(`${Bucket}.s3.eu-west-1.amazonaws.com`);
    expect(err.$response?.headers?.['x-amz-bucket-region']).toBe('eu-west-1');
    const head = await fail(s3.send(new HeadBucketCommand({ Bucket })));
    expect(head.$metadata.httpStatusCode).toBe(301);
    expect(head.$response?.headers?.['x-amz-bucket-region']).toBe('eu-west-1');
  });

  it('is followed by a client with followRegionRedirects', async () => {
    const follower = new S3Client({ region: 'us-east-1', followRegionRedirects: true });
    const got = await follower.send(new GetObjectCommand({ Bucket, Key: 'k' }));
    expect(await got.Body?.transformToString()).toBe('craic');
    const listed = await follower.send(new ListObjectsV2Command({ Bucket }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['k']);
  });

  it('answers GetBucketLocation in any region', async () => {
    expect((await s3.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint).toBe('eu-west-1');
  });

  it('answers AuthorizationHeaderMalformed naming the expected region for a request signed for another region', async () => {
    // The right regional endpoint, signed for us-east-1.
    const misSigned = new S3Client({ region: 'us-east-1', endpoint: 'https://s3.eu-west-1.amazonaws.com', forcePathStyle: true });
    const err = await fail(misSigned.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual([
      'AuthorizationHeaderMalformed',
      400,
      "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    ]);
    expect(err.Region).toBe('eu-west-1');
  });

  it('treats the global endpoint as us-east-1 for path-style requests', async () => {
    const global = new S3Client({ region: 'us-east-1', endpoint: 'https://s3.amazonaws.com', forcePathStyle: true });
    const err = await fail(global.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['PermanentRedirect', 301]);
  });
});
