import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Client } from '@smithy/core/client';
import { mockAws } from '../../src/mock';
import { cannedHandler, rejectionOf } from './support';

const OWNER = Symbol.for('mockaws.handler-owner');

const CANNED_IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<UserId>AIDACANNED</UserId><Account>999999999999</Account><Arn>arn:aws:iam::999999999999:root</Arn>' +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>canned</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

function stsWithCannedHandler(options: { cacheMiddleware?: boolean } = {}) {
  const handler = cannedHandler(200, { 'content-type': 'text/xml' }, CANNED_IDENTITY);
  const client = new STSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDREAL', secretAccessKey: 'secret' },
    requestHandler: handler,
    ...options,
  });
  return { client, handler };
}

describe('capturing SDK v3 clients', () => {
  it('captures a client created before mockAws() started', async () => {
    const early = new STSClient({ region: 'eu-west-1' });
    const m = mockAws();
    try {
      const out = await early.send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('123456789012');
      expect(m.calls({ service: 'sts', operation: 'GetCallerIdentity' })).toHaveLength(1);
    } finally {
      m.stop();
    }
  });

  it('captures a client created after mockAws() started', async () => {
    await mockAws(async (m) => {
      const out = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      expect(out.Arn).toBe('arn:aws:iam::123456789012:root');
      expect(m.calls()).toHaveLength(1);
    });
  });

  it('captures a DynamoDBDocumentClient, which shares its client config', async () => {
    await mockAws(async (m) => {
      m.on('dynamodb', 'GetItem').resolves({ Item: { pk: { S: 'a' }, n: { N: '7' } } });
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
      const out = await doc.send(new GetCommand({ TableName: 'things', Key: { pk: 'a' } }));
      expect(out.Item).toEqual({ pk: 'a', n: 7 });
      const [call] = m.calls({ service: 'dynamodb', operation: 'GetItem' });
      expect(call.input).toEqual({ TableName: 'things', Key: { pk: { S: 'a' } } });
    });
  });

  it('sees the request as the SDK puts it on the wire: signed and checksummed', async () => {
    await mockAws(async (m) => {
      m.on('s3', 'PutObject').resolves({});
      await new S3Client({ region: 'eu-west-1' }).send(
        new PutObjectCommand({ Bucket: 'bucket', Key: 'k.txt', Body: 'hello' }),
      );
      const [call] = m.calls({ service: 's3', operation: 'PutObject' });
      expect(call.request.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=/,
      );
      expect(call.request.headers['x-amz-checksum-crc32']).toBe('NhCmhg==');
      expect(call.request.body.toString()).toBe('hello');
      expect(call.request.url.hostname).toBe('bucket.s3.eu-west-1.amazonaws.com');
      expect(call.region).toBe('eu-west-1');
    });
  });

  it('swaps a cacheMiddleware client handler in and restores the original on stop', async () => {
    const { client, handler } = stsWithCannedHandler({ cacheMiddleware: true });
    expect((await client.send(new GetCallerIdentityCommand({}))).Account).toBe('999999999999');
    const m = mockAws();
    expect((await client.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    m.stop();
    expect((await client.send(new GetCallerIdentityCommand({}))).Account).toBe('999999999999');
    expect(handler.calls).toBe(2);
    expect(client.config.requestHandler).toBe(handler);
  });

  it('puts back Client.prototype.send when the last mock stops', () => {
    const original = Client.prototype.send;
    const m = mockAws();
    expect(Client.prototype.send).not.toBe(original);
    m.stop();
    expect(Client.prototype.send).toBe(original);
  });

  it('leaves the real handler reachable for everything but handle()', async () => {
    const { client, handler } = stsWithCannedHandler();
    await mockAws(async () => {
      await client.send(new GetCallerIdentityCommand({}));
      const swapped = client.config.requestHandler as unknown as Record<PropertyKey, unknown>;
      expect(swapped[OWNER]).toBeDefined();
      expect(swapped.metadata).toEqual({ handlerProtocol: 'http/1.1' });
      expect(handler.calls).toBe(0);
    });
  });

  it('rejects a call whose abort signal has already fired, without answering it', async () => {
    await mockAws(async (m) => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(
        new STSClient({}).send(new GetCallerIdentityCommand({}), { abortSignal: controller.signal }),
      );
      expect(error.name).toBe('AbortError');
      expect(m.calls()).toHaveLength(0);
    });
  });

  it('catches a fresh SDK copy (jest.isolateModules) on the HTTP path until patchClient() hooks it', async () => {
    let Fresh: typeof STSClient = STSClient;
    jest.isolateModules(() => {
      Fresh = require('@aws-sdk/client-sts').STSClient;
    });
    expect(Fresh).not.toBe(STSClient);
    await mockAws(async (m) => {
      const unhooked = new Fresh({});
      expect((await unhooked.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
      expect((unhooked.config.requestHandler as unknown as Record<PropertyKey, unknown>)[OWNER]).toBeUndefined();
      m.patchClient(Fresh);
      const hooked = new Fresh({});
      expect((await hooked.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
      expect((hooked.config.requestHandler as unknown as Record<PropertyKey, unknown>)[OWNER]).toBeDefined();
      expect(m.calls({ operation: 'GetCallerIdentity' })).toHaveLength(2);
    });
  });
});

describe('after jest.resetModules()', () => {
  it('answers the fresh copy on the HTTP path once, then hooks its later clients', async () => {
    const m = mockAws();
    try {
      jest.resetModules();
      const fresh = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
      expect(fresh.STSClient).not.toBe(STSClient);
      const first = new fresh.STSClient({});
      expect((await first.send(new fresh.GetCallerIdentityCommand({}))).Account).toBe('123456789012');
      expect((first.config.requestHandler as unknown as Record<PropertyKey, unknown>)[OWNER]).toBeUndefined();
      const later = new fresh.STSClient({});
      expect((await later.send(new fresh.GetCallerIdentityCommand({}))).Account).toBe('123456789012');
      expect((later.config.requestHandler as unknown as Record<PropertyKey, unknown>)[OWNER]).toBeDefined();
      expect(m.calls({ operation: 'GetCallerIdentity' })).toHaveLength(2);
    } finally {
      m.stop();
    }
  });
  it("leaves alone a client whose request handler carries Symbol.for('mockaws.passthrough')", async () => {
    const { client, handler } = stsWithCannedHandler();
    (handler as unknown as Record<symbol, unknown>)[Symbol.for('mockaws.passthrough')] = true;
    await mockAws(async (m) => {
      const out = await client.send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('999999999999');
      expect(handler.calls).toBe(1);
      expect(m.calls()).toHaveLength(0);
      expect((client.config.requestHandler as unknown as Record<PropertyKey, unknown>)[OWNER]).toBeUndefined();
    });
  });
});
