/**
 * Requests the server once refused (501 MockawsRefused): unsigned anonymous
 * requests and S3's SigV2 (the `AWS AKID:signature` header and presigned
 * URLs with AWSAccessKeyId/Expires/Signature), verified with
 * --verify-signatures. The SigV2 side is driven by boto3 with
 * `signature_version='s3'` (skipped with a message when python3/boto3 is absent).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  PutBucketOwnershipControlsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';
import { rawRequest, useServer } from '../../server/support/server-fixture';
import { hasBoto3 } from './support/boto3';

const run = promisify(execFile);
const good = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const Bucket = 'sigv2';

const boto3 = hasBoto3();
if (!boto3) console.warn('sigv2-anonymous-server.test.ts: python3 with boto3 not found, the boto3 SigV2 tests are skipped');

/** Runs a boto3 script with an S3 client `s3` (SigV2, path style) bound to the server; returns its printed JSON. */
async function py(url: string, body: string, secret = good.secretAccessKey): Promise<any> {
  const script = `
import json, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
s3 = boto3.client('s3', endpoint_url=${JSON.stringify(url)}, region_name='us-east-1',
  aws_access_key_id=${JSON.stringify(good.accessKeyId)}, aws_secret_access_key=${JSON.stringify(secret)},
  config=Config(signature_version='s3', s3={'addressing_style': 'path'}, retries={'max_attempts': 1}))
out = {}
try:
${body.replace(/^/gm, '  ')}
except ClientError as e:
  out['error'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(out))
`;
  const { stdout } = await run('python3', ['-c', script], { timeout: 30_000 });
  return JSON.parse(stdout);
}

describe('S3 over the server: anonymous requests and SigV2', () => {
  const server = useServer({ verifySignatures: true });
  const s3 = () => new S3Client({ region: 'us-east-1', endpoint: server().url, credentials: good, forcePathStyle: true, maxAttempts: 1 });

  beforeAll(async () => {
    await s3().send(new CreateBucketCommand({ Bucket }));
    await s3().send(new DeletePublicAccessBlockCommand({ Bucket }));
    await s3().send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    await s3().send(new PutObjectCommand({ Bucket, Key: 'public.txt', Body: 'open', ACL: 'public-read' }));
    await s3().send(new PutObjectCommand({ Bucket, Key: 'private.txt', Body: 'closed' }));
  });

  it('serves an unsigned GET of a public-read object and answers 403 AccessDenied for a private one', async () => {
    const open = await fetch(`${server().url}/${Bucket}/public.txt`);
    expect([open.status, await open.text()]).toEqual([200, 'open']);
    const closed = await fetch(`${server().url}/${Bucket}/private.txt`);
    expect(closed.status).toBe(403);
    expect(await closed.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('checks a hand-made SigV2 presigned URL: good, wrong signature, expired', async () => {
    const sign = (expires: number) =>
      createHmac('sha1', good.secretAccessKey).update(`GET\n\n\n${expires}\n/${Bucket}/private.txt`).digest('base64');
    const url = (expires: number, signature: string) =>
      `${server().url}/${Bucket}/private.txt?AWSAccessKeyId=${good.accessKeyId}&Expires=${expires}&Signature=${encodeURIComponent(signature)}`;
    const later = Math.floor(Date.now() / 1000) + 600;
    const ok = await fetch(url(later, sign(later)));
    expect([ok.status, await ok.text()]).toEqual([200, 'closed']);
    const wrong = await fetch(url(later, sign(later + 1)));
    expect(wrong.status).toBe(403);
    const text = await wrong.text();
    expect(text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(text).toContain(`<StringToSign>GET&#xA;&#xA;&#xA;${later}&#xA;/${Bucket}/private.txt</StringToSign>`);
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = await fetch(url(past, sign(past)));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Message>Request has expired</Message>');
  });

  it('keeps a gzip Content-Encoding body byte for byte through the server', async () => {
    const gz = gzipSync(Buffer.from('compressed over http'));
    await s3().send(new PutObjectCommand({ Bucket, Key: 'gz', Body: gz, ContentEncoding: 'gzip' }));
    const url = new URL(server().url);
    const res = await rawRequest(server(), {
      path: `/${Bucket}/gz?AWSAccessKeyId=${good.accessKeyId}&Expires=4102444800&Signature=${encodeURIComponent(
        createHmac('sha1', good.secretAccessKey).update(`GET\n\n\n4102444800\n/${Bucket}/gz`).digest('base64'),
      )}`,
      headers: { host: url.host },
    });
    expect([res.status, res.headers['content-encoding']]).toEqual([200, 'gzip']);
    expect(Buffer.compare(res.body, gz)).toBe(0);
  });

  it('answers a request whose Expect is not 100-continue (S3 ignores it; node alone would answer 417)', async () => {
    await s3().send(new PutObjectCommand({ Bucket, Key: 'expect', Body: 'expected' }));
    const url = new URL(server().url);
    const res = await rawRequest(server(), {
      path: `/${Bucket}/expect?AWSAccessKeyId=${good.accessKeyId}&Expires=4102444800&Signature=${encodeURIComponent(
        createHmac('sha1', good.secretAccessKey).update(`GET\n\n\n4102444800\n/${Bucket}/expect`).digest('base64'),
      )}`,
      headers: { host: url.host, expect: '200' },
    });
    expect([res.status, res.body.toString()]).toEqual([200, 'expected']);
  });

  (boto3 ? it : it.skip)('accepts boto3 SigV2 header-signed calls and presigned URLs, and refuses a wrong secret', async () => {
    const out = await py(
      server().url,
      `s3.put_object(Bucket='${Bucket}', Key='v2/obj.txt', Body=b'signed v2', ContentType='text/plain', Metadata={'a': 'b'})
out['body'] = s3.get_object(Bucket='${Bucket}', Key='v2/obj.txt')['Body'].read().decode()
out['keys'] = [o['Key'] for o in s3.list_objects(Bucket='${Bucket}', Prefix='v2/')['Contents']]
out['url'] = s3.generate_presigned_url('get_object', Params={'Bucket': '${Bucket}', 'Key': 'v2/obj.txt'}, ExpiresIn=300)`,
    );
    expect(out).toEqual({ body: 'signed v2', keys: ['v2/obj.txt'], url: expect.any(String) });
    expect(out.url).toContain('AWSAccessKeyId=');
    const presigned = await fetch(out.url);
    expect([presigned.status, await presigned.text()]).toEqual([200, 'signed v2']);
    const bad = await py(server().url, `s3.head_bucket(Bucket='${Bucket}')\ns3.get_object(Bucket='${Bucket}', Key='v2/obj.txt')`, 'wrong-secret');
    expect(bad.error).toEqual(['403', 403]);
    const denied = await py(server().url, `s3.get_object(Bucket='${Bucket}', Key='v2/obj.txt')`, 'wrong-secret');
    expect(denied.error).toEqual(['SignatureDoesNotMatch', 403]);
  });
});
