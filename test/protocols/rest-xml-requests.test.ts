/**
 * rest-xml request parsing, driven by what the real S3 client sends: routing
 * by method + URI template (with S3's shared paths), labels, query, headers,
 * metadata prefix headers and XML payloads.
 */
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketAnalyticsConfigurationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketAnalyticsConfigurationsCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutBucketAclCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
} from '@aws-sdk/client-s3';
import { spec } from '../../services/s3/spec';
import { restXmlProtocol } from '../../src/protocols/rest-xml';
import { capturingClient, parseRequest } from './support/rest-capture';

const s3 = capturingClient(S3Client, { forcePathStyle: true });
const parse = async (command: unknown) => parseRequest(restXmlProtocol, spec, await s3.capture(command));

describe('rest-xml requests (S3 through the real client)', () => {
  it('parses PutObject labels, headers, metadata and the checksum the SDK adds', async () => {
    const expires = new Date('2030-01-02T03:04:05Z');
    const { operation, input } = await parse(
      new PutObjectCommand({
        Bucket: 'my-bucket',
        Key: 'dir/a b+c&d.txt',
        Body: 'hello world',
        ContentType: 'text/plain',
        CacheControl: 'max-age=60',
        Metadata: { owner: 'me', 'Mixed-Case': 'v' },
        Expires: expires,
        StorageClass: 'STANDARD_IA',
        Tagging: 'a=1&b=2',
        BucketKeyEnabled: true,
      }),
    );
    expect(operation).toBe('PutObject');
    expect(input).toMatchObject({
      Bucket: 'my-bucket',
      Key: 'dir/a b+c&d.txt',
      ContentType: 'text/plain',
      CacheControl: 'max-age=60',
      Metadata: { owner: 'me', 'mixed-case': 'v' },
      Expires: expires,
      StorageClass: 'STANDARD_IA',
      Tagging: 'a=1&b=2',
      BucketKeyEnabled: true,
      ChecksumAlgorithm: 'CRC32',
      ContentLength: 11,
    });
    expect(input.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    expect((input.Body as Buffer).toString()).toBe('hello world');
  });

  it('keeps keys with slashes, unicode, leading slashes and percent signs intact', async () => {
    for (const Key of ['a/b/c/', 'ünï cødé/☃.txt', '/leading', '100%/x?y#z', 'sp ace/ta\tb']) {
      const { input } = await parse(new GetObjectCommand({ Bucket: 'b', Key }));
      expect(input.Key).toBe(Key);
    }
  });

  it('parses GetObject Range, conditional headers and response-* overrides', async () => {
    const since = new Date('2024-01-02T03:04:05Z');
    const { operation, input } = await parse(
      new GetObjectCommand({
        Bucket: 'b',
        Key: 'k',
        Range: 'bytes=0-9',
        IfMatch: '"etag"',
        IfNoneMatch: '"other"',
        IfModifiedSince: since,
        IfUnmodifiedSince: since,
        ResponseContentType: 'application/json',
        ResponseExpires: since,
        VersionId: 'v1',
        PartNumber: 2,
      }),
    );
    expect(operation).toBe('GetObject');
    expect(input).toEqual(
      expect.objectContaining({
        Range: 'bytes=0-9',
        IfMatch: '"etag"',
        IfNoneMatch: '"other"',
        IfModifiedSince: since,
        IfUnmodifiedSince: since,
        ResponseContentType: 'application/json',
        ResponseExpires: since,
        VersionId: 'v1',
        PartNumber: 2,
        ChecksumMode: 'ENABLED',
      }),
    );
  });

  it('parses ListObjectsV2 query parameters and tells it from ListObjects', async () => {
    const v2 = await parse(
      new ListObjectsV2Command({
        Bucket: 'b',
        Prefix: 'a/b c',
        Delimiter: '/',
        MaxKeys: 5,
        ContinuationToken: 'tok+en/=',
        StartAfter: 'a/0',
        FetchOwner: true,
        EncodingType: 'url',
      }),
    );
    expect(v2).toEqual({
      operation: 'ListObjectsV2',
      input: {
        Bucket: 'b',
        Prefix: 'a/b c',
        Delimiter: '/',
        MaxKeys: 5,
        ContinuationToken: 'tok+en/=',
        StartAfter: 'a/0',
        FetchOwner: true,
        EncodingType: 'url',
      },
    });
    const v1 = await parse(new ListObjectsCommand({ Bucket: 'b', Marker: 'm' }));
    expect(v1).toEqual({ operation: 'ListObjects', input: { Bucket: 'b', Marker: 'm' } });
  });

  it('parses the DeleteObjects XML payload (flattened Object list) and its checksum', async () => {
    const { operation, input } = await parse(
      new DeleteObjectsCommand({
        Bucket: 'b',
        Delete: { Objects: [{ Key: 'a&b' }, { Key: 'c', VersionId: 'v2' }], Quiet: true },
      }),
    );
    expect(operation).toBe('DeleteObjects');
    expect(input.Delete).toEqual({ Objects: [{ Key: 'a&b' }, { Key: 'c', VersionId: 'v2' }], Quiet: true });
    expect(input.ChecksumAlgorithm).toBe('CRC32');
  });

  it('parses PutBucketTagging and CreateBucket configuration payloads', async () => {
    const tagging = await parse(
      new PutBucketTaggingCommand({
        Bucket: 'b',
        Tagging: { TagSet: [{ Key: 'k1', Value: 'v<1>' }, { Key: 'k2', Value: '' }] },
      }),
    );
    expect(tagging.input.Tagging).toEqual({ TagSet: [{ Key: 'k1', Value: 'v<1>' }, { Key: 'k2', Value: '' }] });

    const create = await parse(
      new CreateBucketCommand({
        Bucket: 'b',
        ACL: 'private',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1', Tags: [{ Key: 't', Value: 'v' }] },
      }),
    );
    expect(create.operation).toBe('CreateBucket');
    expect(create.input).toEqual({
      Bucket: 'b',
      ACL: 'private',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1', Tags: [{ Key: 't', Value: 'v' }] },
    });
    // A bucket with no configuration sends no body at all.
    const bare = await parse(new CreateBucketCommand({ Bucket: 'b' }));
    expect(bare.input).toEqual({ Bucket: 'b' });
  });

  it('reads xsi:type attributes of ACL grantees', async () => {
    const { input } = await parse(
      new PutBucketAclCommand({
        Bucket: 'b',
        AccessControlPolicy: {
          Owner: { ID: 'owner' },
          Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'id1' }, Permission: 'READ' }],
        },
      }),
    );
    expect(input.AccessControlPolicy).toEqual({
      Owner: { ID: 'owner' },
      Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'id1' }, Permission: 'READ' }],
    });
  });

  it('tells apart the operations that share PUT/GET/POST/DELETE /{Bucket}/{Key+}', async () => {
    const cases: Array<[unknown, string]> = [
      [new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }), 'PutObject'],
      [new CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 'src/key' }), 'CopyObject'],
      [new UploadPartCommand({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1, Body: 'x' }), 'UploadPart'],
      [
        new UploadPartCopyCommand({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1, CopySource: 'src/key' }),
        'UploadPartCopy',
      ],
      [new GetObjectCommand({ Bucket: 'b', Key: 'k' }), 'GetObject'],
      [new ListPartsCommand({ Bucket: 'b', Key: 'k', UploadId: 'u' }), 'ListParts'],
      [new DeleteObjectCommand({ Bucket: 'b', Key: 'k' }), 'DeleteObject'],
      [new AbortMultipartUploadCommand({ Bucket: 'b', Key: 'k', UploadId: 'u' }), 'AbortMultipartUpload'],
      [
        new CompleteMultipartUploadCommand({
          Bucket: 'b',
          Key: 'k',
          UploadId: 'u',
          MultipartUpload: { Parts: [{ ETag: '"e"', PartNumber: 1 }] },
        }),
        'CompleteMultipartUpload',
      ],
      [new GetBucketAnalyticsConfigurationCommand({ Bucket: 'b', Id: 'a1' }), 'GetBucketAnalyticsConfiguration'],
      [new ListBucketAnalyticsConfigurationsCommand({ Bucket: 'b' }), 'ListBucketAnalyticsConfigurations'],
      [new ListBucketsCommand({}), 'ListBuckets'],
      [new HeadBucketCommand({ Bucket: 'b' }), 'HeadBucket'],
    ];
    for (const [command, expected] of cases) {
      expect((await parse(command)).operation).toBe(expected);
    }
  });

  it('routes requests without x-id (other SDKs, the CLI) by their required members', async () => {
    const req = await s3.capture(
      new UploadPartCopyCommand({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 3, CopySource: 'src/key' }),
    );
    req.url.searchParams.delete('x-id');
    expect(parseRequest(restXmlProtocol, spec, req)).toMatchObject({
      operation: 'UploadPartCopy',
      input: { UploadId: 'u', PartNumber: 3, CopySource: 'src/key' },
    });
    const copy = await s3.capture(new CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 'src/key' }));
    copy.url.searchParams.delete('x-id');
    expect(parseRequest(restXmlProtocol, spec, copy).operation).toBe('CopyObject');
  });

  it('parses the CompleteMultipartUpload part list', async () => {
    const { input } = await parse(
      new CompleteMultipartUploadCommand({
        Bucket: 'b',
        Key: 'k',
        UploadId: 'u',
        MultipartUpload: {
          Parts: [
            { ETag: '"e1"', PartNumber: 1 },
            { ETag: '"e2"', PartNumber: 2, ChecksumCRC32: 'AAAAAA==' },
          ],
        },
      }),
    );
    expect(input.MultipartUpload).toEqual({
      Parts: [
        { ETag: '"e1"', PartNumber: 1 },
        { ETag: '"e2"', PartNumber: 2, ChecksumCRC32: 'AAAAAA==' },
      ],
    });
  });

  it('answers an unknown route with no operation', () => {
    const req = {
      method: 'PATCH',
      url: new URL('https://s3.us-east-1.amazonaws.com/b/k'),
      headers: {},
      body: Buffer.alloc(0),
    };
    expect(restXmlProtocol.resolveOperation(req, spec)).toBeUndefined();
  });

  it('rejects a malformed XML payload with MalformedXML', async () => {
    const req = await s3.capture(
      new PutBucketTaggingCommand({ Bucket: 'b', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }),
    );
    req.body = Buffer.from('<Tagging><TagSet><Tag></TagSet></Tagging>');
    const op = restXmlProtocol.resolveOperation(req, spec);
    expect(op?.name).toBe('PutBucketTagging');
    expect(() => restXmlProtocol.parse(req, op!, spec)).toThrow(
      expect.objectContaining({ code: 'MalformedXML', status: 400 }),
    );
  });
});
