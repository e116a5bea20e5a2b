import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { clientConfig, getJson, rawRequest, useServer } from './support/server-fixture';

describe('the /_mockaws/ endpoints', () => {
  const server = useServer();
  const s3 = () => new S3Client({ ...clientConfig(server()), forcePathStyle: true });
  const get = (path: string) => fetch(`${server().url}${path}`);
  afterEach(async () => {
    await fetch(`${server().url}/_mockaws/reset`, { method: 'POST' });
  });

  it('reports health with every service id', async () => {
    const res = await get('/_mockaws/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body: any = await res.json();
    expect(body).toMatchObject({ status: 'running', account: '123456789012', region: 'us-east-1' });
    expect(body.services).toEqual(expect.arrayContaining(['s3', 'sqs', 'dynamodb', 'sts']));
    expect(body.services).toEqual(server().dispatcher.serviceIds());
  });

  it('drops all state on POST /_mockaws/reset', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'before-reset' }));
    expect((await s3().send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['before-reset']);
    const res = await fetch(`${server().url}/_mockaws/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'reset' });
    expect((await s3().send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it('lists answered calls in order, with errors and filters', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'journal' }));
    await s3().send(new PutObjectCommand({ Bucket: 'journal', Key: 'k', Body: 'hello' }));
    const missing = await s3()
      .send(new PutObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'k', Body: 'x' }))
      .catch((e) => e);
    expect(missing.name).toBe('NoSuchBucket');
    await new STSClient(clientConfig(server())).send(new GetCallerIdentityCommand({}));

    const all = await getJson(server(), '/_mockaws/calls');
    expect(all.map((c: { operation: string }) => c.operation)).toEqual([
      'CreateBucket',
      'PutObject',
      'PutObject',
      'GetCallerIdentity',
    ]);
    expect(all.map((c: { seq: number }) => c.seq)).toEqual([1, 2, 3, 4]);
    expect(all[1]).toMatchObject({ service: 's3', method: 'PUT', path: '/journal/k', status: 200 });
    // Bodies are summarised, never expanded into byte arrays.
    expect(all[1].input).toMatchObject({ Bucket: 'journal', Key: 'k', Body: '<5 bytes>' });
    expect(all[2]).toMatchObject({ status: 404, error: 'NoSuchBucket' });

    const filtered = await getJson(server(), '/_mockaws/calls?service=s3&operation=PutObject');
    expect(filtered).toHaveLength(2);
  });

  it('summarises each input as its handler got it: binary as its length, long strings cut, failures too', async () => {
    const ddb = new DynamoDBClient(clientConfig(server()));
    await ddb.send(
      new CreateTableCommand({
        TableName: 'log',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: 'log', Item: { id: { S: 'a' }, n: { N: '1' }, b: { B: Buffer.from('xyz') } } }));
    // A long string is cut in the summary.
    await ddb.send(new PutItemCommand({ TableName: 'log', Item: { id: { S: 'big' }, text: { S: 'y'.repeat(6000) } } }));
    // The stored item changes after its PutItem was logged; the log shows the PutItem as sent.
    await ddb.send(
      new UpdateItemCommand({ TableName: 'log', Key: { id: { S: 'a' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } }),
    );
    const failed = await ddb.send(new PutItemCommand({ TableName: 'missing', Item: { id: { S: 'z' } } })).catch((e) => e);
    expect(failed.name).toBe('ResourceNotFoundException');

    const calls = await getJson(server(), '/_mockaws/calls?service=dynamodb');
    expect(calls.map((c: { operation: string }) => c.operation)).toEqual(['CreateTable', 'PutItem', 'PutItem', 'UpdateItem', 'PutItem']);
    expect(calls[1].input).toEqual({ TableName: 'log', Item: { id: { S: 'a' }, n: { N: '1' }, b: { B: '<3 bytes>' } } });
    expect(calls[2].input.Item.text.S).toMatch(/^y{512}…<6000 chars>$/);
    expect(calls[3].input).toMatchObject({ Key: { id: { S: 'a' } }, ExpressionAttributeValues: { ':n': { N: '2' } } });
    expect(calls[4]).toMatchObject({ status: 400, error: 'ResourceNotFoundException', input: { TableName: 'missing', Item: { id: { S: 'z' } } } });
    // Read twice, the same.
    expect(await getJson(server(), '/_mockaws/calls?service=dynamodb')).toEqual(calls);
  });

  it('forgets the call log on reset', async () => {
    await new STSClient(clientConfig(server())).send(new GetCallerIdentityCommand({}));
    await fetch(`${server().url}/_mockaws/reset`, { method: 'POST' });
    expect(await getJson(server(), '/_mockaws/calls')).toEqual([]);
  });

  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    const unknown = await get('/_mockaws/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'NotFound' });
    const wrong = await get('/_mockaws/reset');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('CORS', () => {
  const server = useServer();

  it('answers a browser preflight for a non-S3 path permissively, echoing the requested headers', async () => {
    const res = await rawRequest(server(), {
      method: 'OPTIONS',
      path: '/some-bucket/some-key',
      headers: {
        origin: 'http://app.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,x-amz-date,content-type',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('PUT');
    expect(res.headers['access-control-allow-headers']).toBe('authorization,x-amz-date,content-type');
    expect(res.body.length).toBe(0);
  });

  it('lets browser code read non-S3 AWS responses and their request ids', async () => {
    const s3 = new S3Client({ ...clientConfig(server()), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'cors' }));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'cors', Key: 'k', Body: 'v' }));
    expect(put.ETag).toBe('"9e3669d19b675bd57058fd4664205d2a"');
    const calls = await getJson(server(), '/_mockaws/calls?operation=PutObject');
    expect(calls).toHaveLength(1);
    const sts = await rawRequest(server(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://app.example' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(sts.status).toBe(200);
    expect(sts.headers['access-control-allow-origin']).toBe('*');
    expect(sts.headers['access-control-expose-headers']).toMatch(/\betag\b.*x-amz-request-id/);
  });
});

describe('a call log with a limit', () => {
  const server = useServer({ callLogLimit: 3 });

  it('keeps only the most recent calls, oldest first, numbered since the start', async () => {
    const sts = new STSClient(clientConfig(server()));
    for (let i = 0; i < 5; i++) await sts.send(new GetCallerIdentityCommand({}));
    const calls = await getJson(server(), '/_mockaws/calls');
    expect(calls.map((c: { seq: number }) => c.seq)).toEqual([3, 4, 5]);
  });
});
