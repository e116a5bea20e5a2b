import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, credentials, useServer } from './support/server-fixture';

const run = promisify(execFile);

describe('clients that find the server on their own', () => {
  const server = useServer();

  describe('AWS_ENDPOINT_URL', () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    beforeEach(() => {
      process.env.AWS_ENDPOINT_URL = server().url;
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    });

    it('is honoured by a client created with no endpoint', async () => {
      const seen: string[] = [];
      const off = server().dispatcher.onCall((e) => seen.push(e.request.url.host));
      try {
        const sts = new STSClient({ region: 'us-east-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 'x' } });
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('210987654321');
      } finally {
        off();
      }
      expect(seen).toEqual([new URL(server().url).host]);
    });
  });

  it('serves another Node process, sharing state with this one', async () => {
    // The child creates a queue and sends to it; this process then reads the message.
    const script = `
      const { SQSClient, CreateQueueCommand, SendMessageCommand } = require('@aws-sdk/client-sqs');
      const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
      (async () => {
        const sqs = new SQSClient({});
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'from-child' }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello from ' + process.pid }));
        const who = await new STSClient({}).send(new GetCallerIdentityCommand({}));
        process.stdout.write(JSON.stringify({ QueueUrl, account: who.Account, pid: process.pid }));
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      timeout: 20_000,
      env: {
        PATH: process.env.PATH,
        AWS_ENDPOINT_URL: server().url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    const child = JSON.parse(stdout);
    expect(child.account).toBe('123456789012');
    expect(child.QueueUrl).toBe(`${server().url}/123456789012/from-child`);
    const sqs = new SQSClient(clientConfig(server()));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: child.QueueUrl }));
    expect(got.Messages?.map((m) => m.Body)).toEqual([`hello from ${child.pid}`]);
  });
});
