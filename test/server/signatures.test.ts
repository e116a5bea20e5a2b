/**
 * `verifySignatures`: the server recomputes SigV4 with the secret it knows
 * for the access key and answers each service's own error when it does not
 * hold. Driven by the JS SDK (right and wrong secrets, presigned URLs, clock
 * skew), boto3 (S3's signed aws-chunked upload) and the AWS CLI when installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SQSClient, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { rawRequest, useServer } from './support/server-fixture';

const run = promisify(execFile);
const good = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const wrongSecret = { accessKeyId: good.accessKeyId, secretAccessKey: 'not-the-secret' };
const unknownKey = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' };

function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('signature verification', () => {
  const server = useServer({ verifySignatures: true });
  const config = (credentials = good, extra: Record<string, unknown> = {}) => ({
    region: 'us-east-1',
    endpoint: server().url,
    credentials,
    maxAttempts: 1,
    ...extra,
  });
  const s3 = (credentials = good, extra = {}) => new S3Client({ ...config(credentials, extra), forcePathStyle: true });

  it('serves requests signed with the default test credentials, in every protocol', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'signed' }));
    // A streamed body goes as aws-chunked (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
    const { Readable } = await import('node:stream');
    await s3().send(new PutObjectCommand({ Bucket: 'signed', Key: 'a b/ü.txt', Body: Readable.from([Buffer.from('hello')]), ContentLength: 5 }));
    await s3().send(new PutObjectCommand({ Bucket: 'signed', Key: 'plain', Body: 'x' }));
    const got = await s3().send(new GetObjectCommand({ Bucket: 'signed', Key: 'a b/ü.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello');
    expect((await new STSClient(config()).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    expect((await new DynamoDBClient(config()).send(new ListTablesCommand({}))).TableNames).toEqual([]);
    await new SQSClient(config()).send(new ListQueuesCommand({}));
  });

  it('answers S3 SignatureDoesNotMatch with the StringToSign fields for a wrong secret', async () => {
    const err = await s3(wrongSecret).send(new CreateBucketCommand({ Bucket: 'nope' })).catch((e) => e);
    expect(err.name).toBe('SignatureDoesNotMatch');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toBe('The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    expect(err.AWSAccessKeyId).toBe(good.accessKeyId);
    expect(err.StringToSign).toMatch(/^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
    expect(err.SignatureProvided).toMatch(/^[0-9a-f]{64}$/);
    expect(err.CanonicalRequest).toMatch(/^PUT\n\/nope\/\n\n[\s\S]*\nhost:127\.0\.0\.1:\d+\n[\s\S]*\n[0-9a-f]{64}$/);
    expect(err.StringToSignBytes).toMatch(/^41 57 53 34/);
  });

  it('answers each protocol its own error for a wrong secret and for an unknown key', async () => {
    const sts = (c: typeof good) => new STSClient(config(c)).send(new GetCallerIdentityCommand({})).catch((e) => e);
    const ddb = (c: typeof good) => new DynamoDBClient(config(c)).send(new ListTablesCommand({})).catch((e) => e);
    expect(await sts(wrongSecret)).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(await sts(unknownKey)).toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
    expect(await ddb(wrongSecret)).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
    expect(await ddb(unknownKey)).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
    const s3Unknown = await s3(unknownKey).send(new CreateBucketCommand({ Bucket: 'nope' })).catch((e) => e);
    expect(s3Unknown).toMatchObject({ name: 'InvalidAccessKeyId', AWSAccessKeyId: unknownKey.accessKeyId });
  });

  it('answers IncompleteSignature for an Authorization header without its Signature', async () => {
    const res = await rawRequest(server(), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-amz-date': '20260101T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=${good.accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host`,
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('<Code>IncompleteSignature</Code>');
    expect(res.body.toString()).toContain('Authorization header requires &apos;Signature&apos; parameter.');
  });

  it('answers RequestTimeTooSkewed for a request signed more than 15 minutes off the clock', async () => {
    const skewed = s3(good, { systemClockOffset: -20 * 60 * 1000 });
    const err = await skewed.send(new CreateBucketCommand({ Bucket: 'late' })).catch((e) => e);
    expect(err.name).toBe('RequestTimeTooSkewed');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.MaxAllowedSkewMilliseconds).toBe('900000');
    // 10 minutes off is within AWS's window.
    await s3(good, { systemClockOffset: -10 * 60 * 1000 }).send(new CreateBucketCommand({ Bucket: 'in-time' }));
  });

  it('serves a presigned URL until it expires, then answers AccessDenied Request has expired', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'presign' }));
    await s3().send(new PutObjectCommand({ Bucket: 'presign', Key: 'k', Body: 'v' }));
    const fresh = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'presign', Key: 'k' }), { expiresIn: 60 });
    expect(await (await fetch(fresh)).text()).toBe('v');
    const tampered = fresh.replace('/presign/k', '/presign/other');
    expect((await fetch(tampered)).status).toBe(403);
    const old = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'presign', Key: 'k' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 5 * 60 * 1000),
    });
    const res = await fetch(old);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request has expired</Message>');
    expect(text).toContain('<X-Amz-Expires>60</X-Amz-Expires>');
    const wrong = await getSignedUrl(s3(wrongSecret), new GetObjectCommand({ Bucket: 'presign', Key: 'k' }));
    expect((await fetch(wrong)).status).toBe(403);
  });

  it('accepts the credentials STS issued, and refuses them with a wrong secret', async () => {
    // AssumeRole needs a role that exists, trusting this account.
    await new IAMClient(config()).send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] }) }));
    const issued = await new STSClient(config()).send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'sess' }),
    );
    const c = issued.Credentials!;
    const creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
    const who = await new STSClient(config(creds as typeof good)).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toContain('assumed-role/r/sess');
    const bad = await new STSClient(config({ ...creds, secretAccessKey: 'x' } as typeof good))
      .send(new GetCallerIdentityCommand({}))
      .catch((e) => e);
    expect(bad.name).toBe('SignatureDoesNotMatch');
  });

  it("accepts an IAM user's access key, and refuses it with a wrong secret", async () => {
    const iam = new IAMClient(config());
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const creds = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const who = await new STSClient(config(creds)).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/alice');
    const bad = await new STSClient(config({ ...creds, secretAccessKey: 'x' })).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(bad.name).toBe('SignatureDoesNotMatch');
  });

  const boto3 = has('python3', ['-c', 'import boto3']);
  (boto3 ? it : it.skip)('verifies boto3: a signed-payload upload passes, a wrong secret fails', async () => {
    if (!boto3) console.log('skipped: python3 with boto3 is not installed');
    const script = `
import boto3, sys
from botocore.config import Config
def client(secret):
    return boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='${good.accessKeyId}',
        aws_secret_access_key=secret, config=Config(s3={'addressing_style': 'path', 'payload_signing_enabled': True}, retries={'max_attempts': 1}))
s3 = client('${good.secretAccessKey}')
s3.create_bucket(Bucket='boto')
s3.put_object(Bucket='boto', Key='k', Body=b'x' * 100000)
print(len(s3.get_object(Bucket='boto', Key='k')['Body'].read()))
try:
    client('wrong').list_buckets()
except Exception as e:
    print(e.response['Error']['Code'])
`;
    const { stdout } = await run('python3', ['-c', script, server().url], { env: { ...process.env, AWS_CONFIG_FILE: '/dev/null' } });
    expect(stdout.trim().split('\n')).toEqual(['100000', 'SignatureDoesNotMatch']);
  });

  const cli = has('aws', ['--version']);
  (cli ? it : it.skip)('verifies the AWS CLI', async () => {
    if (!cli) console.log('skipped: the aws CLI is not installed');
    const env = { ...process.env, AWS_ACCESS_KEY_ID: good.accessKeyId, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null' };
    const ok = await run('aws', ['--endpoint-url', server().url, 'sts', 'get-caller-identity', '--output', 'json'], {
      env: { ...env, AWS_SECRET_ACCESS_KEY: good.secretAccessKey },
    });
    expect(JSON.parse(ok.stdout).Account).toBe('123456789012');
    const bad = await run('aws', ['--endpoint-url', server().url, 'sts', 'get-caller-identity'], {
      env: { ...env, AWS_SECRET_ACCESS_KEY: 'wrong' },
    }).catch((e) => e);
    expect(bad.stderr).toContain('SignatureDoesNotMatch');
  }, 30_000);
});

describe('without verification (the default)', () => {
  const server = useServer();

  it('serves any secret', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: server().url, credentials: wrongSecret });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
  });
});

const bytes = (data: string | ArrayBuffer | ArrayBufferView): string | Buffer =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** The hash constructor @smithy/signature-v4 takes (a hash, or an HMAC when given a key), over node:crypto. */
class Sha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

describe('signed aws-chunked uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  const server = useServer({ verifySignatures: true });

  /** An upload framed and signed by @smithy/signature-v4 (chunk signatures via its event signer). */
  async function signedChunkedPut(path: string, chunks: Buffer[], tamper?: (framed: Buffer) => void, omitDecodedLength = false) {
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const signer = new SignatureV4({ credentials: good, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false });
    const signingDate = new Date();
    const decoded = chunks.reduce((n, c) => n + c.length, 0);
    const framing = (size: number, sig: string) => `${size.toString(16)};chunk-signature=${sig}\r\n`;
    const frameLength = [...chunks, Buffer.alloc(0)].reduce((n, c) => n + framing(c.length, '0'.repeat(64)).length + c.length + 2, 0);
    const host = new URL(server().url).host;
    const headers: Record<string, string> = {
      host,
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'x-amz-decoded-content-length': String(decoded),
      'content-length': String(frameLength),
    };
    if (omitDecodedLength) delete headers['x-amz-decoded-content-length'];
    const signed = await signer.sign(
      { method: 'PUT', protocol: 'http:', hostname: host.split(':')[0], port: Number(host.split(':')[1]), path, query: {}, headers },
      { signingDate },
    );
    let prior = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)![1];
    const parts: Buffer[] = [];
    for (const chunk of [...chunks, Buffer.alloc(0)]) {
      prior = await signer.sign({ headers: new Uint8Array(0), payload: chunk }, { signingDate, priorSignature: prior });
      parts.push(Buffer.from(framing(chunk.length, prior)), chunk, Buffer.from('\r\n'));
    }
    const body = Buffer.concat(parts);
    tamper?.(body);
    return rawRequest(server(), { method: 'PUT', path, headers: signed.headers, body });
  }

  it('accepts a chain of valid chunk signatures and stores the payload', async () => {
    const s3 = new S3Client({ region: 'us-east-1', endpoint: server().url, credentials: good, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'chunked' }));
    const res = await signedChunkedPut('/chunked/k', [Buffer.alloc(65536, 1), Buffer.from('tail')]);
    expect(res.status).toBe(200);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'chunked', Key: 'k' }));
    expect((await got.Body!.transformToByteArray()).length).toBe(65540);
  });

  it('answers 411 MissingContentLength for a signed stream without x-amz-decoded-content-length', async () => {
    const res = await signedChunkedPut('/chunked/nolength', [Buffer.from('data')], undefined, true);
    expect(res.status).toBe(411);
    expect(res.body.toString()).toContain('<Code>MissingContentLength</Code>');
  });

  it('answers SignatureDoesNotMatch when a chunk was altered on the way', async () => {
    const res = await signedChunkedPut('/chunked/bad', [Buffer.alloc(1000, 1), Buffer.from('tail')], (framed) => {
      framed[framed.indexOf('\r\n') + 10] ^= 0xff; // a byte of the first chunk's data
    });
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(res.body.toString()).toContain('AWS4-HMAC-SHA256-PAYLOAD');
  });
});
