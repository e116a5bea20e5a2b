/**
 * SigV4a (`AWS4-ECDSA-P256-SHA256`) verification, driven by the SDK's own
 * signer (@smithy/signature-v4a) handed to real clients as their `signer`:
 * in-process (`mockAws({ verifySignatures: true })`) and against the server
 * (`startServer({ verifySignatures: true })`). A SigV4a scope names no
 * region; X-Amz-Region-Set (signed) does, and routes the request.
 */
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4a } from '@smithy/signature-v4a';
import type { HttpRequest, RequestSigningArguments } from '@smithy/types';
import { sigV4aPrivateKey, sigV4aPublicKey, verifySigV4a } from '../../src/core/sigv4a-verify';
import { type MockAws, mockAws } from '../../src/mock';
import { useServer } from './support/server-fixture';

const good = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const wrong = { accessKeyId: good.accessKeyId, secretAccessKey: 'not-the-secret' };
const unknown = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' };
type Creds = typeof good;

/**
 * Client config whose requests are signed with SigV4a for `regionSet`
 * (the client's region when omitted); `seen` collects the Authorization headers sent.
 */
function sigV4aConfig(service: string, credentials: Creds, seen: string[], extra: Record<string, unknown> = {}, regionSet?: string) {
  const v4a = new SignatureV4a({ credentials, region: '*', service, sha256: Sha256, uriEscapePath: service !== 's3' });
  const signer = {
    async sign(request: HttpRequest, options: RequestSigningArguments = {}) {
      const signed = await v4a.sign(request, { ...options, ...(regionSet ? { signingRegion: regionSet } : {}) });
      seen.push(signed.headers.authorization);
      return signed;
    },
  };
  return { region: 'us-east-1', credentials, maxAttempts: 1, signer, ...extra };
}

const V4A_HEADER = /^AWS4-ECDSA-P256-SHA256 Credential=AKI[A-Z0-9]+\/\d{8}\/[a-z0-9]+\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-region-set[a-z0-9;-]*, Signature=30[0-9a-f]+$/;

const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A SigV4a presigned GET URL, built by hand as AWS documents it (the JS SDK's
 * SigV4a signer has no presign): X-Amz-Algorithm, X-Amz-Credential with the
 * regionless scope, X-Amz-Region-Set among the signed query parameters,
 * `host` the only signed header, UNSIGNED-PAYLOAD.
 */
function presignV4a(url: string, credentials: Creds, expires: number, now: Date, regionSet = '*'): string {
  const target = new URL(url);
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const scope = `${amzDate.slice(0, 8)}/s3/aws4_request`;
  const params: Array<[string, string]> = [
    ['X-Amz-Algorithm', 'AWS4-ECDSA-P256-SHA256'],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(expires)],
    ['X-Amz-Region-Set', regionSet],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const query = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const canonical = `GET\n${target.pathname}\n${query}\nhost:${target.host}\n\nhost\nUNSIGNED-PAYLOAD`;
  const stringToSign = `AWS4-ECDSA-P256-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const d = sigV4aPrivateKey(credentials.accessKeyId, credentials.secretAccessKey);
  const jwk = sigV4aPublicKey(credentials.accessKeyId, credentials.secretAccessKey).export({ format: 'jwk' });
  const key = createPrivateKey({ key: { ...jwk, d: d.toString('base64url') }, format: 'jwk' });
  const signature = sign('sha256', Buffer.from(stringToSign), { key, dsaEncoding: 'der' }).toString('hex');
  return `${target.origin}${target.pathname}?${query}&X-Amz-Signature=${signature}`;
}

describe('SigV4a key pair', () => {
  it('derives a P-256 private key in [1, n-1] whose public half verifies its signatures, and no other key pair does', () => {
    const d = sigV4aPrivateKey(good.accessKeyId, good.secretAccessKey);
    expect(d).toHaveLength(32);
    const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
    const value = BigInt(`0x${d.toString('hex')}`);
    expect(value > 0n && value < n).toBe(true);
    const pub = sigV4aPublicKey(good.accessKeyId, good.secretAccessKey).export({ format: 'jwk' });
    const privateKey = createPrivateKey({ key: { ...pub, d: d.toString('base64url') }, format: 'jwk' });
    const signature = sign('sha256', Buffer.from('text'), { key: privateKey, dsaEncoding: 'der' }).toString('hex');
    expect(verifySigV4a(good.accessKeyId, good.secretAccessKey, 'text', signature)).toBe(true);
    expect(verifySigV4a(good.accessKeyId, good.secretAccessKey, 'other text', signature)).toBe(false);
    expect(verifySigV4a(good.accessKeyId, wrong.secretAccessKey, 'text', signature)).toBe(false);
    // The access key id is part of the derivation's context, not only the secret.
    expect(verifySigV4a('AKIAOTHERKEY00000000', good.secretAccessKey, 'text', signature)).toBe(false);
    expect(verifySigV4a(good.accessKeyId, good.secretAccessKey, 'text', 'zz')).toBe(false);
    expect(verifySigV4a(good.accessKeyId, good.secretAccessKey, 'text', '3006020101020101')).toBe(false);
  });
});

describe('SigV4a in-process: mockAws({ verifySignatures: true })', () => {
  let aws: MockAws;
  beforeEach(() => {
    aws = mockAws({ verifySignatures: true });
  });
  afterEach(() => aws.stop());

  it('answers requests the SDK signed with SigV4a, in every protocol', async () => {
    const seen: string[] = [];
    const s3 = new S3Client(sigV4aConfig('s3', good, seen));
    await s3.send(new CreateBucketCommand({ Bucket: 'four-a' }));
    await s3.send(new PutObjectCommand({ Bucket: 'four-a', Key: 'a b/ü.txt', Body: 'hello' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'four-a', Key: 'a b/ü.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello');
    expect((await new STSClient(sigV4aConfig('sts', good, seen)).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    expect((await new DynamoDBClient(sigV4aConfig('dynamodb', good, seen)).send(new ListTablesCommand({}))).TableNames).toEqual([]);
    expect(seen).toHaveLength(5);
    for (const auth of seen) expect(auth).toMatch(V4A_HEADER);
  });

  it('answers each service its own error for a wrong secret, and changes no state', async () => {
    const seen: string[] = [];
    const s3err = await new S3Client(sigV4aConfig('s3', wrong, seen)).send(new CreateBucketCommand({ Bucket: 'nope' })).catch((e) => e);
    expect(s3err).toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      AWSAccessKeyId: good.accessKeyId,
      $metadata: { httpStatusCode: 403 },
    });
    // The string to sign is SigV4a's: its algorithm, and a scope without a region.
    expect(s3err.StringToSign).toMatch(/^AWS4-ECDSA-P256-SHA256\n\d{8}T\d{6}Z\n\d{8}\/s3\/aws4_request\n[0-9a-f]{64}$/);
    expect(s3err.CanonicalRequest).toMatch(/\nx-amz-region-set:us-east-1\n/);
    const sts = await new STSClient(sigV4aConfig('sts', wrong, seen)).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(sts).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const ddb = await new DynamoDBClient(sigV4aConfig('dynamodb', wrong, seen)).send(new ListTablesCommand({})).catch((e) => e);
    expect(ddb).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
    for (const auth of seen) expect(auth).toMatch(V4A_HEADER);
    const s3 = new S3Client({ region: 'us-east-1', credentials: good });
    expect(await s3.send(new GetObjectCommand({ Bucket: 'nope', Key: 'k' })).catch((e) => e.name)).toBe('NoSuchBucket');
  });

  it('answers an unknown key with the invalid-key errors', async () => {
    const seen: string[] = [];
    const s3err = await new S3Client(sigV4aConfig('s3', unknown, seen)).send(new CreateBucketCommand({ Bucket: 'nope' })).catch((e) => e);
    expect(s3err).toMatchObject({
      name: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
      AWSAccessKeyId: unknown.accessKeyId,
      $metadata: { httpStatusCode: 403 },
    });
    const sts = await new STSClient(sigV4aConfig('sts', unknown, seen)).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(sts).toMatchObject({ name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', $metadata: { httpStatusCode: 403 } });
    const ddb = await new DynamoDBClient(sigV4aConfig('dynamodb', unknown, seen)).send(new ListTablesCommand({})).catch((e) => e);
    expect(ddb).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
  });

  it('checks SigV4a presigned URLs fetched through the HTTP fallback, with their expiry', async () => {
    const s3 = new S3Client({ region: 'us-east-1', credentials: good });
    await s3.send(new CreateBucketCommand({ Bucket: 'shared' }));
    await s3.send(new PutObjectCommand({ Bucket: 'shared', Key: 'k', Body: 'payload' }));
    const object = 'https://shared.s3.us-east-1.amazonaws.com/k';
    const url = presignV4a(object, good, 60, new Date(aws.clock.now()));
    const ok = await fetch(url);
    expect(await ok.text()).toBe('payload');
    expect(ok.status).toBe(200);

    const forged = await fetch(presignV4a(object, wrong, 60, new Date(aws.clock.now())));
    expect(forged.status).toBe(403);
    const forgedBody = await forged.text();
    expect(forgedBody).toContain('<Code>SignatureDoesNotMatch</Code>');
    // (XML escapes the newlines of the string to sign)
    expect(forgedBody).toMatch(/<StringToSign>AWS4-ECDSA-P256-SHA256&#xA;\d{8}T\d{6}Z&#xA;\d{8}\/s3\/aws4_request&#xA;[0-9a-f]{64}<\/StringToSign>/);
    // The region set is signed: another one in the URL breaks the signature.
    const moved = await fetch(url.replace('X-Amz-Region-Set=%2A', 'X-Amz-Region-Set=eu-west-1'));
    expect(moved.status).toBe(403);

    aws.clock.advance(61_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    const body = await expired.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Request has expired</Message>');
  });

  it('refuses a SigV4a aws-chunked upload by name rather than passing its unchecked chunks', async () => {
    await new S3Client({ region: 'us-east-1', credentials: good }).send(new CreateBucketCommand({ Bucket: 'chunks' }));
    const v4a = new SignatureV4a({ credentials: good, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false });
    const host = 'chunks.s3.us-east-1.amazonaws.com';
    const signed = await v4a.sign(
      {
        method: 'PUT',
        protocol: 'https:',
        hostname: host,
        path: '/k',
        query: {},
        headers: {
          host,
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
          'x-amz-decoded-content-length': '0',
        },
      } as HttpRequest,
      {},
    );
    const { host: _host, ...headers } = signed.headers;
    const res = await fetch(`https://${host}/k`, { method: 'PUT', headers, body: '0;chunk-signature=00\r\n\r\n' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('<Code>AuthorizationHeaderMalformed</Code>');
    expect(body).toContain('mockaws does not verify SigV4a aws-chunked signatures');
  });

  it("checks the S3 client's own SigV4a signature for a Multi-Region Access Point ARN", async () => {
    // Importing @smithy/signature-v4a registers it (signatureV4aContainer): S3 then signs MRAP requests with SigV4a.
    const sent: string[] = [];
    const mrap = (credentials: Creds) => {
      const client = new S3Client({ region: 'us-east-1', credentials, maxAttempts: 1 });
      client.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as HttpRequest;
          sent.push(`${request.hostname} ${request.headers['x-amz-region-set']} ${request.headers.authorization}`);
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'seeMrapRequest' },
      );
      return client.send(new GetObjectCommand({ Bucket: 'arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap', Key: 'k' })).catch((e) => e);
    };
    // Past the signature check S3 answers; Multi-Region Access Points are not emulated, so the name is no bucket.
    expect(await mrap(good)).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
    expect(await mrap(wrong)).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(sent).toHaveLength(2);
    for (const line of sent) {
      expect(line).toMatch(/^mfzwi23gnjvgw\.mrap\.accesspoint\.s3-global\.amazonaws\.com \* AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/s3\/aws4_request, /);
    }
  });

  it('refuses a request whose X-Amz-Region-Set was changed after signing', async () => {
    const seen: string[] = [];
    const sts = new STSClient(sigV4aConfig('sts', good, seen));
    sts.middlewareStack.add(
      (next) => async (args) => {
        (args.request as HttpRequest).headers['x-amz-region-set'] = 'eu-west-1';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'tamperRegionSet' },
    );
    const err = await sts.send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(err).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });
});

describe('SigV4a against the server: startServer({ verifySignatures: true })', () => {
  const server = useServer({ verifySignatures: true });
  const at = (extra: Record<string, unknown> = {}) => ({ endpoint: server().url, ...extra });

  it('serves SigV4a requests, routed by the signing name and the region the region set names', async () => {
    const seen: string[] = [];
    const s3 = new S3Client(sigV4aConfig('s3', good, seen, at({ forcePathStyle: true })));
    await s3.send(new CreateBucketCommand({ Bucket: 'four-a' }));
    await s3.send(new PutObjectCommand({ Bucket: 'four-a', Key: 'k', Body: 'v' }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'four-a', Key: 'k' }))).Body?.transformToString()).toBe('v');
    expect((await new STSClient(sigV4aConfig('sts', good, seen, at())).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    expect((await new DynamoDBClient(sigV4aConfig('dynamodb', good, seen, at())).send(new ListTablesCommand({}))).TableNames).toEqual([]);
    // The server's host names no region: the region set does; a wildcard set leaves the default.
    const queueArn = async (regionSet: string) => {
      const sqs = new SQSClient(sigV4aConfig('sqs', good, seen, at(), regionSet));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      return Attributes?.QueueArn;
    };
    expect(await queueArn('eu-west-2')).toBe('arn:aws:sqs:eu-west-2:123456789012:q');
    expect(await queueArn('ap-south-1,eu-west-1')).toBe('arn:aws:sqs:ap-south-1:123456789012:q');
    expect(await queueArn('*')).toBe('arn:aws:sqs:us-east-1:123456789012:q');
    expect(seen).toHaveLength(11);
    for (const auth of seen) expect(auth).toMatch(V4A_HEADER);
  });

  it('answers the wrong-secret and unknown-key errors of each protocol', async () => {
    const seen: string[] = [];
    const s3err = await new S3Client(sigV4aConfig('s3', wrong, seen, at({ forcePathStyle: true })))
      .send(new CreateBucketCommand({ Bucket: 'nope' }))
      .catch((e) => e);
    expect(s3err).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(s3err.StringToSign).toMatch(/^AWS4-ECDSA-P256-SHA256\n\d{8}T\d{6}Z\n\d{8}\/s3\/aws4_request\n[0-9a-f]{64}$/);
    const sqs = await new SQSClient(sigV4aConfig('sqs', wrong, seen, at())).send(new CreateQueueCommand({ QueueName: 'q' })).catch((e) => e);
    // SQS speaks JSON: its error is the JSON services' one.
    expect(sqs).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
    const ddb = await new DynamoDBClient(sigV4aConfig('dynamodb', unknown, seen, at())).send(new ListTablesCommand({})).catch((e) => e);
    expect(ddb).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
    const sts = await new STSClient(sigV4aConfig('sts', unknown, seen, at())).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(sts).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    expect(seen).toHaveLength(4);
  });
});
