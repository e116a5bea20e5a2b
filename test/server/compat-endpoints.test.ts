/**
 * The health endpoint's coverage figures and the endpoints suites written
 * for Moto and LocalStack call, answered as those tools' clients expect.
 */
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { CreateEmailIdentityCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { services } from '../../services';
import { serviceCoverage } from '../../src/core/coverage';
import { Dispatcher } from '../../src/core/dispatch';
import { clientConfig, getJson, useServer } from './support/server-fixture';

describe('coverage', () => {
  it('counts per service the model operations and those with a handler', async () => {
    const dispatcher = new Dispatcher({ services });
    const rows = await serviceCoverage(['sqs', 's3'], (id) => dispatcher.loadService(id));
    const s3 = await dispatcher.loadService('s3');
    const withHandler = Object.keys(s3.spec.operations).filter((op) => typeof s3.handlers[op] === 'function');
    expect(rows[1]).toMatchObject({ service: 's3', operations: Object.keys(s3.spec.operations).length, implemented: withHandler.length });
    expect(rows[1].implemented).toBeGreaterThan(0);
    expect(rows[1].implemented).toBeLessThanOrEqual(rows[1].operations);
    expect(rows[0]).toMatchObject({ service: 'sqs', protocol: 'json, query' });
  });
});

describe('compatibility endpoints', () => {
  const server = useServer({ services: ['s3', 'sqs'] });
  const s3 = () => new S3Client({ ...clientConfig(server()), forcePathStyle: true });

  it('/_mockaws/health lists the implemented operation count per service', async () => {
    const health = await getJson(server(), '/_mockaws/health');
    expect(health).toMatchObject({ status: 'running', services: ['s3', 'sqs'] });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(health.operations)).toEqual(['s3', 'sqs']);
    expect(health.operations.sqs.implemented).toBeGreaterThan(0);
    expect(health.operations.s3.total).toBeGreaterThanOrEqual(health.operations.s3.implemented);
  });

  it('POST /moto-api/reset drops all state and answers as Moto does', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'moto-style' }));
    const res = await fetch(`${server().url}/moto-api/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect((await s3().send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it('GET /_localstack/health names each service running (has state) or available', async () => {
    await fetch(`${server().url}/_mockaws/reset`, { method: 'POST' });
    await s3().send(new CreateBucketCommand({ Bucket: 'ls-bucket' }));
    const health = await getJson(server(), '/_localstack/health');
    expect(health).toMatchObject({ services: { s3: 'running', sqs: 'available' }, edition: 'community' });
    expect(health.version).toMatch(/^mockaws-/);
  });

  it('GET /_localstack/init reports every stage up to READY completed, and each stage alone', async () => {
    expect(await getJson(server(), '/_localstack/init')).toEqual({
      completed: { BOOT: true, START: true, READY: true, SHUTDOWN: false },
      scripts: [],
    });
    expect(await getJson(server(), '/_localstack/init/ready')).toEqual({ completed: true, scripts: [] });
    const missing = await fetch(`${server().url}/_localstack/init/later`);
    expect(missing.status).toBe(404);
  });
});

describe('LocalStack sent-mail endpoint', () => {
  const server = useServer({ services: ['ses', 'sesv2'] });

  // SES v1 and v2 share the signing name `ses`: on the server's address the router tells them apart by the body.
  it('GET /_aws/ses lists the mail SES accepted (v1 and v2), filters by id and source, DELETE forgets it', async () => {
    const v2 = new SESv2Client(clientConfig(server()));
    const v1 = new SESClient(clientConfig(server()));
    // Identities verify at once, and in the sandbox recipients must be verified too: one domain serves both.
    const backend = await server().dispatcher.backends.get<{ autoVerify: boolean }>('sesv2');
    backend.autoVerify = true;
    await v2.send(new CreateEmailIdentityCommand({ EmailIdentity: 'other.example' }));
    const sent = await v2.send(
      new SendEmailCommand({
        FromEmailAddress: 'app@other.example',
        Destination: { ToAddresses: ['ann@other.example'] },
        Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hello Ann' } } } },
      }),
    );
    const raw = 'From: ops@other.example\r\nTo: bob@other.example\r\nSubject: Raw\r\n\r\nbody\r\n';
    await v1.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));

    const all = await getJson(server(), '/_aws/ses');
    expect(all.messages).toHaveLength(2);
    expect(all.messages[0]).toEqual({
      Id: sent.MessageId,
      Region: 'us-east-1',
      Destination: { ToAddresses: ['ann@other.example'], CcAddresses: [], BccAddresses: [] },
      Source: 'app@other.example',
      Subject: 'Hi',
      Body: { text_part: 'Hello Ann', html_part: null },
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(all.messages[1]).toMatchObject({ Source: 'ops@other.example', Subject: 'Raw', RawData: raw });
    expect((await getJson(server(), `/_aws/ses?id=${sent.MessageId}`)).messages.map((m: { Id: string }) => m.Id)).toEqual([sent.MessageId]);
    expect((await getJson(server(), '/_aws/ses?email=ops@other.example')).messages).toHaveLength(1);

    const gone = await fetch(`${server().url}/_aws/ses?id=${sent.MessageId}`, { method: 'DELETE' });
    expect(gone.status).toBe(204);
    expect((await getJson(server(), '/_aws/ses')).messages.map((m: { Source: string }) => m.Source)).toEqual(['ops@other.example']);
    await fetch(`${server().url}/_aws/ses`, { method: 'DELETE' });
    expect((await getJson(server(), '/_aws/ses')).messages).toEqual([]);
  });
});
