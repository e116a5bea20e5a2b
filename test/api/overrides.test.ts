import {
  CreateQueueCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  SQSClient,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockAws } from '../../src/mock';
import { rejectionOf } from '../intercept/support';

const whoAmI = () => new STSClient({}).send(new GetCallerIdentityCommand({}));
const identity = (account: string) => ({ Account: account, Arn: `arn:aws:iam::${account}:root`, UserId: account });

describe('overrides: m.on(service, operation, match?)', () => {
  const m = mockAws();
  afterEach(() => m.reset());
  afterAll(() => m.stop());

  it('resolves with the given output, serialized and parsed by the SDK', async () => {
    m.on('sts', 'GetCallerIdentity').resolves(identity('000011112222'));
    const out = await whoAmI();
    expect(out.Account).toBe('000011112222');
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('rejects with an AWS error the SDK turns into its own exception class', async () => {
    m.on('sqs', 'GetQueueUrl').rejects({ code: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
    const error = await rejectionOf(new SQSClient({}).send(new GetQueueUrlCommand({ QueueName: 'q' })));
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect(error).toBeInstanceOf(SQSServiceException);
    expect(error.message).toBe('The specified queue does not exist.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('applies only to inputs matching the rule; the others reach the real backend', async () => {
    m.on('sqs', 'CreateQueue', { QueueName: 'forbidden' }).rejects({ code: 'QueueDeletedRecently', status: 400 });
    const sqs = new SQSClient({});
    const error = await rejectionOf(sqs.send(new CreateQueueCommand({ QueueName: 'forbidden' })));
    expect(error.name).toBe('QueueDeletedRecently');
    await sqs.send(new CreateQueueCommand({ QueueName: 'allowed' }));
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toEqual([
      'https://sqs.us-east-1.amazonaws.com/123456789012/allowed',
    ]);
  });

  it('lets the SDK retry an injected 5xx, which then succeeds', async () => {
    m.on('sts', 'GetCallerIdentity').rejectsOnce({ code: 'ServiceUnavailable', status: 503 });
    const out = await whoAmI();
    expect(out.Account).toBe('123456789012');
    expect(out.$metadata.attempts).toBe(2);
    const calls = m.calls({ operation: 'GetCallerIdentity' });
    expect(calls.map((c) => c.error?.code ?? 'ok')).toEqual(['ServiceUnavailable', 'ok']);
    expect(calls[0].response.status).toBe(503);
  });

  it('runs a fake whose next() reaches the stateful backend', async () => {
    m.on('sqs', 'CreateQueue').callsFake(async (input, next) => {
      const out = (await next()) as { QueueUrl: string };
      return { QueueUrl: `${out.QueueUrl}#seen-${input.QueueName}` };
    });
    const sqs = new SQSClient({});
    const out = await sqs.send(new CreateQueueCommand({ QueueName: 'real' }));
    expect(out.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/real#seen-real');
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toHaveLength(1);
  });

  it('uses Once answers in order, then the lasting one', async () => {
    m.on('sts', 'GetCallerIdentity')
      .resolvesOnce(identity('000000000001'))
      .resolvesOnce(identity('000000000002'))
      .resolves(identity('000000000003'));
    const accounts = [];
    for (let i = 0; i < 4; i++) accounts.push((await whoAmI()).Account);
    expect(accounts).toEqual(['000000000001', '000000000002', '000000000003', '000000000003']);
  });

  it('prefers the newest rule, and falls back to older rules and the backend when one is used up', async () => {
    m.on('sts', 'GetCallerIdentity').resolves(identity('000000000001'));
    m.on('sts', 'GetCallerIdentity').resolvesOnce(identity('000000000002'));
    expect((await whoAmI()).Account).toBe('000000000002');
    expect((await whoAmI()).Account).toBe('000000000001');
    m.resetOverrides();
    expect((await whoAmI()).Account).toBe('123456789012');
  });

  it('drops the rules of a handle when that handle stops', async () => {
    await mockAws(async (inner) => {
      inner.on('sts', 'GetCallerIdentity').resolves(identity('000000000009'));
      expect((await whoAmI()).Account).toBe('000000000009');
    });
    expect((await whoAmI()).Account).toBe('123456789012');
  });

  it('refuses a rejection without an error code', () => {
    expect(() => m.on('sts', 'GetCallerIdentity').rejects({} as never)).toThrow(
      "mockaws: rejects() needs an error code, e.g. rejects({ code: 'ThrottlingException' })",
    );
    expect(() => m.on('' as never, 'GetCallerIdentity')).toThrow(TypeError);
  });
});
