/**
 * The rest-xml protocol inside the whole pipeline: a real S3 client →
 * sdk-handler → Dispatcher → rest-xml → a tiny stand-in S3 handler table →
 * rest-xml → the SDK. Checks that addressing, aws-chunked uploads, request
 * ids, HEAD errors and 200-with-error survive every hop.
 */
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { spec } from '../../services/s3/spec';
import { Dispatcher } from '../../src/core/dispatch';
import { AwsError } from '../../src/core/errors';
import type { ServiceModule } from '../../src/core/service';
import { createSdkHandler } from '../../src/intercept/sdk-handler';

interface Stored {
  body: Buffer;
  fields: Record<string, unknown>;
}

const objects = new Map<string, Stored>();
const noSuchKey = (key: string) => new AwsError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: key } });

const standIn: ServiceModule = {
  spec,
  createBackend: () => ({}),
  handlers: {
    PutObject: (input) => {
      const { Bucket, Key, Body, ...fields } = input;
      objects.set(`${Bucket}/${Key}`, { body: Body, fields });
      return { ETag: '"etag"' };
    },
    GetObject: (input) => {
      const found = objects.get(`${input.Bucket}/${input.Key}`);
      if (!found) throw noSuchKey(input.Key);
      const { Metadata, ContentType, ContentEncoding } = found.fields;
      return { Body: found.body, ContentLength: found.body.length, Metadata, ContentType, ContentEncoding };
    },
    HeadObject: (input) => {
      const found = objects.get(`${input.Bucket}/${input.Key}`);
      if (!found) throw noSuchKey(input.Key);
      return { ContentLength: found.body.length, Metadata: found.fields.Metadata };
    },
    CopyObject: () => {
      throw new AwsError('InternalError', 'We encountered an internal error. Please try again.', { status: 200 });
    },
  },
};

const dispatcher = new Dispatcher({
  services: [
    {
      route: {
        id: 's3',
        signingName: 's3',
        endpointPrefix: 's3',
        serviceShape: 'AmazonS3',
        protocols: ['rest-xml'],
        hosts: [/^s3\.amazonaws\.com$/],
        global: true,
      },
      load: async () => standIn,
    },
  ],
});

function client(config: Record<string, unknown> = {}) {
  return new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
    requestHandler: createSdkHandler(() => dispatcher),
    maxAttempts: 1,
    ...config,
  });
}

describe.each([
  ['virtual-host', {}],
  ['path style', { forcePathStyle: true }],
  ['a custom endpoint', { endpoint: 'http://localhost:4566' }],
])('S3 through the dispatcher (%s)', (_label, config) => {
  const s3 = client(config);
  const key = `dir/${_label}/a b+c.txt`;

  it('stores a streamed (aws-chunked) upload and reads it back with its metadata', async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'my-bucket',
        Key: key,
        Body: Readable.from([Buffer.from('hello '), Buffer.from('streaming world')]),
        ContentType: 'text/plain',
        Metadata: { owner: 'me' },
      }),
    );
    expect(put.ETag).toBe('"etag"');
    expect(put.$metadata.requestId).toEqual(expect.any(String));
    expect(objects.get(`my-bucket/${key}`)?.fields.ChecksumCRC32).toBe('as8sYA==');

    const got = await s3.send(new GetObjectCommand({ Bucket: 'my-bucket', Key: key }));
    expect(await got.Body?.transformToString()).toBe('hello streaming world');
    expect(got).toMatchObject({ ContentType: 'text/plain', Metadata: { owner: 'me' }, ContentLength: 21 });
  });

  it('keeps Content-Encoding: gzip as object metadata, the body untouched', async () => {
    const body = Buffer.from('not really gzip');
    await s3.send(new PutObjectCommand({ Bucket: 'my-bucket', Key: 'gz', Body: body, ContentEncoding: 'gzip' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'my-bucket', Key: 'gz' }));
    expect(got.ContentEncoding).toBe('gzip');
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('answers a missing key with NoSuchKey (GET) and NotFound (HEAD)', async () => {
    const get = await s3.send(new GetObjectCommand({ Bucket: 'my-bucket', Key: 'nope' })).catch((e) => e);
    expect(get).toMatchObject({ name: 'NoSuchKey', Key: 'nope', $metadata: { httpStatusCode: 404 } });
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'my-bucket', Key: 'nope' })).catch((e) => e);
    expect(head).toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('turns a 200-with-error into the error', async () => {
    const err = await s3
      .send(new CopyObjectCommand({ Bucket: 'my-bucket', Key: 'dst', CopySource: 'my-bucket/src' }))
      .catch((e) => e);
    expect(err).toMatchObject({ name: 'InternalError' });
  });
});
