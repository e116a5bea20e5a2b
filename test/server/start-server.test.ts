import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startServer } from '../../src/server/server';
import { clientConfig, credentials, getJson, postForm, rawRequest, useServer } from './support/server-fixture';

describe('startServer', () => {
  describe('with defaults', () => {
    const server = useServer();

    it('listens on an ephemeral loopback port and says where', () => {
      const { url, port } = server();
      expect(port).toBeGreaterThan(0);
      expect(url).toBe(`http://127.0.0.1:${port}`);
    });

    it('answers an SDK client pointed at it through the shared dispatcher', async () => {
      const sts = new STSClient(clientConfig(server()));
      const out = await sts.send(new GetCallerIdentityCommand({}));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(out.Account).toBe('123456789012');
      expect(out.Arn).toBe('arn:aws:iam::123456789012:root');
    });

    it('takes the account from a 12-digit access key, as in-process mocks do', async () => {
      const sts = new STSClient({
        ...clientConfig(server()),
        credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' },
      });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111122223333');
    });

    it('routes an unsigned query POST by its Action and answers in the default account', async () => {
      const res = await postForm(server(), { Action: 'GetCallerIdentity', Version: '2011-06-15' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/xml/);
      const xml = await res.text();
      expect(xml).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
      expect(xml).toContain('<Account>123456789012</Account>');
    });

    it('answers an unsigned query call with bad input with the service error, not a crash', async () => {
      const res = await postForm(server(), { Action: 'AssumeRole', Version: '2011-06-15' });
      expect(res.status).toBe(400);
      const xml = await res.text();
      expect(xml).toContain('<Code>ValidationError</Code>');
    });

    it('tells services that share an Action apart by the Version an unsigned call names', async () => {
      const arn = 'arn:aws:sns:us-east-1:123456789012:t';
      await postForm(server(), { Action: 'ListTagsForResource', Version: '2010-08-01', ResourceARN: arn });
      await postForm(server(), { Action: 'ListTagsForResource', Version: '2010-03-31', ResourceArn: arn });
      const calls = await getJson(server(), '/_mockaws/calls?operation=ListTagsForResource');
      expect(calls.map((c: { service: string }) => c.service)).toEqual(['cloudwatch', 'sns']);
    });

    it('refuses a request no service recognises with 501 MockawsRefused', async () => {
      const res = await postForm(server(), { Action: 'NoSuchActionAnywhere' });
      expect(res.status).toBe(501);
      // A form POST speaks the query protocol: the refusal is its XML error.
      const text = await res.text();
      expect(text).toContain('<Code>MockawsRefused</Code>');
      expect(text).toContain('NoSuchActionAnywhere');
    });

    it('answers an unsigned path-style request for a missing bucket as S3 does: 404 NoSuchBucket', async () => {
      // S3 API reference, Error responses: NoSuchBucket, "The specified bucket does not exist", 404.
      const res = await fetch(`${server().url}/no-such-bucket-here/some/key.txt`);
      expect(res.status).toBe(404);
      const xml = await res.text();
      expect(xml).toContain('<Code>NoSuchBucket</Code>');
      expect(xml).toContain('<BucketName>no-such-bucket-here</BucketName>');
    });

    it('builds handler URLs from the address the client used (SQS QueueUrl points back here)', async () => {
      const sqs = new SQSClient(clientConfig(server()));
      const out = await sqs.send(new CreateQueueCommand({ QueueName: 'back-here' }));
      expect(out.QueueUrl).toBe(`${server().url}/123456789012/back-here`);
    });

    it('answers 403 for a Host it cannot even read, and keeps serving', async () => {
      const bad = await rawRequest(server(), { path: '/', headers: { host: 'not a host' } });
      expect(bad.status).toBe(403);
      expect(JSON.parse(bad.body.toString())).toMatchObject({ error: 'HostNotAllowed' });
      const sts = new STSClient(clientConfig(server()));
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    });
  });

  describe('with account and region', () => {
    const server = useServer({ account: '444455556666', region: 'eu-west-1' });

    it('puts unsigned calls in the configured account and region', async () => {
      const res = await postForm(server(), { Action: 'GetCallerIdentity', Version: '2011-06-15' });
      expect(await res.text()).toContain('<Account>444455556666</Account>');
      const calls = await getJson(server(), '/_mockaws/calls');
      expect(calls.at(-1)).toMatchObject({ account: '444455556666', region: 'eu-west-1' });
    });

    it('still takes the region a signed call names', async () => {
      const sqs = new SQSClient(clientConfig(server(), 'ap-southeast-2'));
      await sqs.send(new CreateQueueCommand({ QueueName: 'sydney' }));
      const calls = await getJson(server(), '/_mockaws/calls?operation=CreateQueue');
      expect(calls).toEqual([expect.objectContaining({ service: 'sqs', region: 'ap-southeast-2', account: '444455556666' })]);
    });
  });

  describe('with a services list', () => {
    const server = useServer({ services: ['sqs'] });

    it('answers the listed services and refuses the others in their own protocol', async () => {
      const sqs = new SQSClient(clientConfig(server()));
      expect((await sqs.send(new CreateQueueCommand({ QueueName: 'ok' }))).QueueUrl).toContain('/ok');
      const sts = new STSClient(clientConfig(server()));
      const err = await sts.send(new GetCallerIdentityCommand({})).catch((e) => e);
      expect(err.name).toBe('MockawsRefused');
      expect(err.$metadata.httpStatusCode).toBe(501);
    });

    it('lists only those services in its health answer', async () => {
      const health = await getJson(server(), '/_mockaws/health');
      expect(health.services).toEqual(['sqs']);
    });
  });

  it('rejects options it cannot honour before listening', async () => {
    await expect(startServer({ services: ['s3', 'nope'] })).rejects.toThrow("unknown service 'nope'");
    await expect(startServer({ account: '12' })).rejects.toThrow('account must be 12 digits');
    await expect(startServer({ region: 'mars' })).rejects.toThrow("'mars' is not a region name");
    await expect(startServer({ callLogLimit: 0 })).rejects.toThrow('callLogLimit must be a positive integer');
  });

  it('fails to start on a port in use, with the listen error', async () => {
    const first = await startServer({ port: 0 });
    try {
      await expect(startServer({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.stop();
    }
  });

  it('stops listening, closes kept-alive connections and drops state on stop()', async () => {
    const server = await startServer({ port: 0 });
    const sqs = new SQSClient(clientConfig(server));
    await sqs.send(new CreateQueueCommand({ QueueName: 'gone' }));
    const backend = await server.dispatcher.backends.get('sqs');
    await server.stop();
    await server.stop(); // idempotent
    expect(await server.dispatcher.backends.get('sqs')).not.toBe(backend);
    const sts = new STSClient({ ...clientConfig(server), credentials, maxAttempts: 1 });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow(/ECONNREFUSED/);
  });
});
