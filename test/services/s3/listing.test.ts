import { ListObjectsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'listing';
const { m, s3 } = useS3({ Bucket });

const KEYS = ['a.txt', 'photos/2023/jan.jpg', 'photos/2023/feb.jpg', 'photos/2024/mar.jpg', 'photos/top.jpg', 'z/last', 'b c+d.txt'];

beforeEach(async () => {
  for (const Key of KEYS) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
});

describe('ListObjectsV2', () => {
  it('lists every key in UTF-8 order with sizes and ETags', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(out.Contents?.map((c) => c.Key)).toEqual([...KEYS].sort());
    expect(out.KeyCount).toBe(KEYS.length);
    expect(out.IsTruncated).toBe(false);
    expect(out.Contents?.[0].Size).toBe('a.txt'.length);
    expect(out.Contents?.[0].ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(out.Contents?.[0].StorageClass).toBe('STANDARD');
    expect(out.Contents?.[0].Owner).toBeUndefined();
  });

  it('rolls keys up into CommonPrefixes at the delimiter', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'photos/', Delimiter: '/' }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(['photos/top.jpg']);
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['photos/2023/', 'photos/2024/']);
    expect(out.KeyCount).toBe(3);
  });

  it('pages with MaxKeys and continuation tokens, counting prefixes as entries', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      token = page.NextContinuationToken;
      expect(page.IsTruncated).toBe(token !== undefined);
      pages++;
    } while (token);
    expect(seen.sort()).toEqual(['a.txt', 'b c+d.txt', 'photos/', 'z/']);
    expect(pages).toBe(2);
  });

  it('starts after StartAfter', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, StartAfter: 'photos/2024/mar.jpg' }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(['photos/top.jpg', 'z/last']);
    expect(out.StartAfter).toBe('photos/2024/mar.jpg');
  });

  it('returns Owner with FetchOwner', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, FetchOwner: true, MaxKeys: 1 }));
    expect(out.Contents?.[0].Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a garbled continuation token', async () => {
    const err = await fail(s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'garbage' })));
    expect(err.name).toBe('InvalidArgument');
    expect(err.message).toBe('The continuation token provided is incorrect');
  });

  it('URL-encodes keys with encoding-type=url', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'b', EncodingType: 'url' }));
    // The SDK hands the encoded form back as is.
    expect(out.Contents?.map((c) => c.Key)).toEqual(['b%20c%2Bd.txt']);
    expect(out.EncodingType).toBe('url');
  });

  it('lists an empty result for a prefix nothing has', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'nothing/' }));
    expect(out.Contents).toBeUndefined();
    expect(out.KeyCount).toBe(0);
  });
});

describe('ListObjects (v1)', () => {
  it('pages with Marker; NextMarker only with a delimiter', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket, MaxKeys: 3 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.NextMarker).toBeUndefined();
    const lastKey = first.Contents![2].Key;
    const second = await s3.send(new ListObjectsCommand({ Bucket, Marker: lastKey }));
    expect([...first.Contents!, ...second.Contents!].map((c) => c.Key)).toEqual([...KEYS].sort());
    const delimited = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 3 }));
    expect(delimited.NextMarker).toBe('photos/');
    const rest = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', Marker: delimited.NextMarker }));
    expect(rest.Contents).toBeUndefined();
    expect(rest.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['z/']);
  });

  it('includes the owner on every entry', async () => {
    const out = await s3.send(new ListObjectsCommand({ Bucket, MaxKeys: 1 }));
    expect(out.Contents?.[0].Owner?.ID).toBeDefined();
    // S3 echoes an empty <Marker/> when none was sent.
    expect(out.Marker).toBe('');
  });
});

describe('listing at scale', () => {
  it('jumps over a large common prefix without listing its keys', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `deep/${String(i).padStart(5, '0')}`);
    const backend = await m.dispatcher.backends.get<import('../../../services/s3/models').S3Backend>('s3');
    const bucket = backend.bucket(Bucket);
    const template = bucket.current('a.txt');
    for (const key of many) bucket.put({ ...template, key });
    const out = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['deep/', 'photos/', 'z/']);
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'deep/', StartAfter: 'deep/01000', MaxKeys: 2 }));
    expect(page.Contents?.map((c) => c.Key)).toEqual(['deep/01001', 'deep/01002']);
  });
});
