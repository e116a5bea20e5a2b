import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import { createHash, createHmac } from 'node:crypto';
import { errorOf, FILENAME, postForm, type PostFormOptions } from './support/post-form';
import { useS3 } from './support';

const Bucket = 'browser-uploads';
const { s3 } = useS3({ Bucket });
const PATH_STYLE = `https://s3.amazonaws.com/${Bucket}`;

const md5 = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

function post(opts: Omit<PostFormOptions, 'bucket'>, url = PATH_STYLE): Promise<Response> {
  return fetch(url, { method: 'POST', body: postForm({ bucket: Bucket, ...opts }), redirect: 'manual' });
}

async function expectError(res: Response, status: number, code: string, message?: string): Promise<string> {
  const body = await res.text();
  expect({ status: res.status, ...errorOf(body) }).toEqual({
    status,
    code,
    message: message ?? expect.any(String),
  });
  return body;
}

describe('browser POST uploads', () => {
  it('stores the file as PutObject would: ETag, content type, metadata', async () => {
    const res = await post({
      conditions: [{ bucket: Bucket }, ['starts-with', '$key', 'uploads/'], { 'Content-Type': 'text/plain' }, ['starts-with', '$x-amz-meta-owner', '']],
      fields: { key: 'uploads/hello.txt', 'Content-Type': 'text/plain', 'x-amz-meta-owner': 'ann' },
      file: { content: 'hello from a form', type: 'image/png' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('etag')).toBe(md5('hello from a form'));
    expect(res.headers.get('location')).toBe(`${PATH_STYLE}/uploads%2Fhello.txt`);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'uploads/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello from a form');
    // The form's Content-Type field decides, not the file part's own type.
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ owner: 'ann' });
    expect(got.ETag).toBe(md5('hello from a form'));
  });

  it('stores binary/octet-stream when the form names no Content-Type', async () => {
    const res = await post({ conditions: [['eq', '$key', 'plain']], fields: { key: 'plain' }, file: { content: 'x', type: 'text/html' } });
    expect(res.status).toBe(204);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'plain' }));
    expect(head.ContentType).toBe('binary/octet-stream');
  });

  it('replaces the filename variable in the key with the uploaded file name before checking the policy', async () => {
    const res = await post({
      conditions: [['starts-with', '$key', 'user/42/']],
      fields: { key: `user/42/${FILENAME}` },
      file: { content: 'photo bytes', filename: 'cat.jpg' },
    });
    expect(res.status).toBe(204);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'user/42/cat.jpg' }));
    expect(head.ContentLength).toBe(11);
  });

  it('answers 201 with a PostResponse document when success_action_status is 201', async () => {
    const res = await post({
      conditions: [['starts-with', '$key', ''], { success_action_status: '201' }],
      fields: { key: 'a b.txt', success_action_status: '201' },
      file: { content: 'abc' },
    });
    expect(res.status).toBe(201);
    const xml = await res.text();
    expect(xml).toContain('<PostResponse');
    expect(xml).toContain(`<Location>${PATH_STYLE}/a%20b.txt</Location>`);
    expect(xml).toContain(`<Bucket>${Bucket}</Bucket>`);
    expect(xml).toContain('<Key>a b.txt</Key>');
    expect(/<ETag>(.*)<\/ETag>/.exec(xml)?.[1]?.replace(/&quot;/g, '"')).toBe(md5('abc'));
  });

  it('answers an empty 200 for success_action_status 200 and 204 for anything else', async () => {
    const ok = await post({
      conditions: [['starts-with', '$key', ''], ['starts-with', '$success_action_status', '']],
      fields: { key: 'k1', success_action_status: '200' },
      file: { content: '1' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    const other = await post({
      conditions: [['starts-with', '$key', ''], ['starts-with', '$success_action_status', '']],
      fields: { key: 'k2', success_action_status: '404' },
      file: { content: '2' },
    });
    expect(other.status).toBe(204);
  });

  it('redirects 303 to success_action_redirect with bucket, key and etag in the query', async () => {
    const res = await post({
      conditions: [['starts-with', '$key', ''], ['starts-with', '$success_action_redirect', 'https://app.example/']],
      fields: { key: 'r.txt', success_action_redirect: 'https://app.example/done?from=form' },
      file: { content: 'redirected' },
    });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://app.example/done');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      from: 'form',
      bucket: Bucket,
      key: 'r.txt',
      etag: md5('redirected'),
    });
  });

  it('accepts virtual-hosted addressing and answers with a virtual-hosted Location', async () => {
    const url = `https://${Bucket}.s3.us-east-1.amazonaws.com/`;
    const res = await post({ conditions: [['eq', '$key', 'vh.txt']], fields: { key: 'vh.txt' }, file: { content: 'v' } }, url);
    expect(res.status).toBe(204);
    expect(res.headers.get('location')).toBe(`https://${Bucket}.s3.us-east-1.amazonaws.com/vh.txt`);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'vh.txt' }))).ContentLength).toBe(1);
  });

  it('keeps tagging, storage class and SSE fields, and returns the version id on a versioned bucket', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const tagging = '<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>';
    const res = await post({
      conditions: [
        ['starts-with', '$key', ''],
        { tagging },
        { 'x-amz-storage-class': 'STANDARD_IA' },
        { 'x-amz-server-side-encryption': 'AES256' },
      ],
      fields: { key: 'tagged', tagging, 'x-amz-storage-class': 'STANDARD_IA', 'x-amz-server-side-encryption': 'AES256' },
      file: { content: 't' },
    });
    expect(res.status).toBe(204);
    const versionId = res.headers.get('x-amz-version-id');
    expect(versionId).toBeTruthy();
    expect(res.headers.get('x-amz-server-side-encryption')).toBe('AES256');
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'tagged' }));
    expect(head).toMatchObject({ StorageClass: 'STANDARD_IA', VersionId: versionId, ServerSideEncryption: 'AES256' });
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged' }));
    expect(tags.TagSet).toEqual([{ Key: 'team', Value: 'web' }]);
  });

  it('ignores fields after the file, and accepts x-ignore- fields no condition names', async () => {
    const res = await post({
      conditions: [['eq', '$key', 'k']],
      fields: { key: 'k', 'x-ignore-note': 'anything' },
      file: { content: 'x' },
      after: { 'x-amz-meta-late': 'dropped' },
    });
    expect(res.status).toBe(204);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }))).Metadata).toEqual({});
  });

  // An unsigned form is the anonymous principal: it needs the bucket to grant public write
  // (User Guide, "Browser-based uploads using POST": without a policy the bucket must be publicly writable).
  it('refuses an anonymous form to a bucket that grants no public write (403 AccessDenied)', async () => {
    const res = await post({ anonymous: true, fields: { key: 'anon.txt' }, file: { content: 'a' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });
});

describe('browser POST upload errors', () => {
  it('refuses an expired policy with AccessDenied "Policy expired."', async () => {
    const res = await post({
      expiration: new Date(Date.now() - 1000),
      conditions: [['eq', '$key', 'late']],
      fields: { key: 'late' },
      file: { content: 'x' },
    });
    await expectError(res, 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  });

  it('names the condition that failed, exact-match objects as ["eq", ...]', async () => {
    const prefix = await post({ conditions: [['starts-with', '$key', 'uploads/']], fields: { key: 'elsewhere/x' }, file: { content: 'x' } });
    await expectError(prefix, 403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"]');
    const bucket = await post({ conditions: [{ bucket: 'someone-else' }, ['starts-with', '$key', '']], fields: { key: 'x' }, file: { content: 'x' } });
    await expectError(bucket, 403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "someone-else"]');
    const type = await post({
      conditions: [['starts-with', '$key', ''], ['starts-with', '$Content-Type', 'image/']],
      fields: { key: 'x', 'Content-Type': 'image/png,text/html' },
      file: { content: 'x' },
    });
    await expectError(type, 403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$Content-Type", "image/"]');
  });

  it('refuses a field no condition names', async () => {
    const res = await post({ conditions: [['eq', '$key', 'k']], fields: { key: 'k', 'x-amz-meta-note': 'n' }, file: { content: 'x' } });
    await expectError(res, 403, 'AccessDenied', 'Invalid according to Policy: Extra input fields: x-amz-meta-note');
  });

  it('enforces content-length-range with EntityTooLarge and EntityTooSmall', async () => {
    const big = await post({ conditions: [['starts-with', '$key', ''], ['content-length-range', 1, 10]], fields: { key: 'big' }, file: { content: 'x'.repeat(11) } });
    const body = await expectError(big, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    expect(body).toContain('<ProposedSize>11</ProposedSize>');
    expect(body).toContain('<MaxSizeAllowed>10</MaxSizeAllowed>');
    const small = await post({ conditions: [['starts-with', '$key', ''], ['content-length-range', 5, 10]], fields: { key: 'small' }, file: { content: 'x' } });
    const smallBody = await expectError(small, 400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
    expect(smallBody).toContain('<MinSizeAllowed>5</MinSizeAllowed>');
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key: 'big' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('requires a key field before the file', async () => {
    const message = "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.";
    const none = await post({ conditions: [], fields: {}, file: { content: 'x' } });
    const body = await expectError(none, 400, 'InvalidArgument', message);
    expect(body).toContain('<ArgumentName>key</ArgumentName>');
    const late = await post({ conditions: [], fields: {}, file: { content: 'x' }, after: { key: 'too-late' } });
    await expectError(late, 400, 'InvalidArgument', message);
  });

  it('requires every signature field of a signed form', async () => {
    const res = await post({ conditions: [['eq', '$key', 'k']], fields: { key: 'k' }, file: { content: 'x' }, omit: ['x-amz-signature'] });
    await expectError(
      res,
      400,
      'InvalidArgument',
      "Bucket POST must contain a field named 'X-Amz-Signature'.  If it is specified, please check the order of the fields.",
    );
    const unsigned = await post({
      conditions: [['eq', '$key', 'k']],
      fields: { key: 'k' },
      file: { content: 'x' },
      omit: ['x-amz-signature', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date'],
    });
    await expectError(unsigned, 403, 'AccessDenied', 'Access Denied');
  });

  it('refuses a policy that is not base64 JSON with InvalidPolicyDocument', async () => {
    const res = await post({ rawPolicy: 'not-a-policy', fields: { key: 'k' }, file: { content: 'x' } });
    await expectError(res, 400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  });

  it('refuses a form without a file, a body that is not multipart, and an unknown bucket', async () => {
    const noFile = await post({ conditions: [['eq', '$key', 'k']], fields: { key: 'k' } });
    await expectError(noFile, 400, 'IncorrectNumberOfFilesInPostRequest', 'POST requires exactly one file upload per request.');
    const urlencoded = await fetch(PATH_STYLE, { method: 'POST', body: new URLSearchParams({ key: 'k' }) });
    const body = await expectError(urlencoded, 412, 'PreconditionFailed');
    expect(body).toContain('<Condition>Bucket POST must be of the enclosure-type multipart/form-data</Condition>');
    const missing = await post({ conditions: [], fields: { key: 'k' }, file: { content: 'x' } }, 'https://s3.amazonaws.com/no-such-bucket-here');
    await expectError(missing, 404, 'NoSuchBucket');
  });

  it('acts as the account its x-amz-credential names (AccessDenied on another account\'s bucket)', async () => {
    const res = await post({ accessKeyId: '210987654321', conditions: [['eq', '$key', 'k']], fields: { key: 'k' }, file: { content: 'x' } });
    await expectError(res, 403, 'AccessDenied', 'Access Denied');
  });

  // The policy signature is verified for keys whose secret the fake knows (the default test key here).
  // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html
  it('refuses a SigV4 form signed with another secret (403 SignatureDoesNotMatch) and stores nothing', async () => {
    const res = await post({ secretAccessKey: 'not-the-secret', conditions: [['eq', '$key', 'forged']], fields: { key: 'forged' }, file: { content: 'x' } });
    const body = await expectError(
      res,
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
    expect(body).toContain('<AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId>');
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key: 'forged' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('verifies a SigV2 form (base64 HMAC-SHA1 of the policy with the secret)', async () => {
    const policy = Buffer.from(
      JSON.stringify({ expiration: new Date(Date.now() + 60_000).toISOString(), conditions: [{ bucket: Bucket }, ['eq', '$key', 'v2.txt']] }),
    ).toString('base64');
    const form = (secret: string) => {
      const f = new FormData();
      f.append('key', 'v2.txt');
      f.append('AWSAccessKeyId', 'AKIAIOSFODNN7EXAMPLE');
      f.append('policy', policy);
      f.append('signature', createHmac('sha1', secret).update(policy).digest('base64'));
      f.append('file', new Blob(['signed v2']), 'v2.txt');
      return f;
    };
    const bad = await fetch(PATH_STYLE, { method: 'POST', body: form('wrong') });
    await expectError(bad, 403, 'SignatureDoesNotMatch');
    const good = await fetch(PATH_STYLE, { method: 'POST', body: form('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY') });
    expect(good.status).toBe(204);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'v2.txt' }));
    expect(await got.Body?.transformToString()).toBe('signed v2');
  });

  it('checks Content-MD5 like PutObject (BadDigest)', async () => {
    const res = await post({
      conditions: [['eq', '$key', 'k'], ['starts-with', '$Content-MD5', '']],
      fields: { key: 'k', 'Content-MD5': createHash('md5').update('other').digest('base64') },
      file: { content: 'x' },
    });
    await expectError(res, 400, 'BadDigest');
  });
});
