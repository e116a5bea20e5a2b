import {
  CopyObjectCommand,
  DeleteObjectTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'copies';
const { s3 } = useS3({ Bucket });

beforeEach(async () => {
  await s3.send(
    new PutObjectCommand({
      Bucket,
      Key: 'src dir/file+1.txt',
      Body: 'payload',
      ContentType: 'text/plain',
      Metadata: { a: '1' },
      Tagging: 'team=core&tier=gold',
    }),
  );
});

const SOURCE = `${Bucket}/${encodeURIComponent('src dir/file+1.txt')}`;

describe('CopyObject', () => {
  it('copies body, metadata and tags by default (COPY directive)', async () => {
    const out = await s3.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: SOURCE, ContentType: 'ignored/type' }));
    expect(out.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(out.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'dst' }));
    expect(await got.Body?.transformToString()).toBe('payload');
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ a: '1' });
    expect(got.TagCount).toBe(2);
  });

  it('replaces metadata and tags with REPLACE directives', async () => {
    await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'dst',
        CopySource: SOURCE,
        MetadataDirective: 'REPLACE',
        Metadata: { b: '2' },
        ContentType: 'application/json',
        TaggingDirective: 'REPLACE',
        Tagging: 'only=one',
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'dst' }));
    expect(head.Metadata).toEqual({ b: '2' });
    expect(head.ContentType).toBe('application/json');
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'dst' }));
    expect(tags.TagSet).toEqual([{ Key: 'only', Value: 'one' }]);
  });

  it('refuses to copy an object onto itself without a change', async () => {
    const err = await fail(s3.send(new CopyObjectCommand({ Bucket, Key: 'src dir/file+1.txt', CopySource: SOURCE })));
    expect(err.name).toBe('InvalidRequest');
    expect(err.message).toContain('copy an object to itself without changing');
    const ok = await s3.send(
      new CopyObjectCommand({ Bucket, Key: 'src dir/file+1.txt', CopySource: SOURCE, MetadataDirective: 'REPLACE', Metadata: { x: 'y' } }),
    );
    expect(ok.$metadata.httpStatusCode).toBe(200);
  });

  it('checks copy-source conditions with 412', async () => {
    const err = await fail(s3.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: SOURCE, CopySourceIfMatch: '"nope"' })));
    expect(err.name).toBe('PreconditionFailed');
    expect(err.$metadata.httpStatusCode).toBe(412);
    const notModified = await fail(
      s3.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: SOURCE, CopySourceIfModifiedSince: new Date(Date.now() + 60_000) })),
    );
    expect(notModified.name).toBe('PreconditionFailed');
  });

  it('answers NoSuchKey for a missing source and NoSuchBucket for a missing source bucket', async () => {
    expect((await fail(s3.send(new CopyObjectCommand({ Bucket, Key: 'd', CopySource: `${Bucket}/missing` })))).name).toBe('NoSuchKey');
    expect((await fail(s3.send(new CopyObjectCommand({ Bucket, Key: 'd', CopySource: 'no-such-bucket-x/k' })))).name).toBe('NoSuchBucket');
  });

  it('copies a named source version', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'v', Body: 'first' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'v', Body: 'second' }));
    const out = await s3.send(new CopyObjectCommand({ Bucket, Key: 'old', CopySource: `${Bucket}/v?versionId=${v1.VersionId}` }));
    expect(out.CopySourceVersionId).toBe(v1.VersionId);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'old' }));
    expect(await got.Body?.transformToString()).toBe('first');
  });
});

describe('object tagging', () => {
  it('reads tags set by the x-amz-tagging header', async () => {
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'src dir/file+1.txt' }));
    expect(tags.TagSet).toEqual([
      { Key: 'team', Value: 'core' },
      { Key: 'tier', Value: 'gold' },
    ]);
  });

  it('replaces and deletes the tag set', async () => {
    const Key = 'src dir/file+1.txt';
    await s3.send(new PutObjectTaggingCommand({ Bucket, Key, Tagging: { TagSet: [{ Key: 'new', Value: 'v' }] } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet).toEqual([{ Key: 'new', Value: 'v' }]);
    await s3.send(new DeleteObjectTaggingCommand({ Bucket, Key }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet).toEqual([]);
  });

  it('refuses more than 10 tags and duplicate keys with InvalidTag', async () => {
    const Key = 'src dir/file+1.txt';
    const TagSet = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const tooMany = await fail(s3.send(new PutObjectTaggingCommand({ Bucket, Key, Tagging: { TagSet } })));
    expect(tooMany.name).toBe('InvalidTag');
    expect(tooMany.message).toBe('Object tags cannot be greater than 10');
    const dup = await fail(
      s3.send(new PutObjectTaggingCommand({ Bucket, Key, Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })),
    );
    expect(dup.message).toBe('Cannot provide multiple Tags with the same key');
  });
});
