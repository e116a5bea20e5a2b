import { CreateTopicCommand, PublishCommand, SetSubscriptionAttributesCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

type Attrs = Record<string, { DataType: string; StringValue: string }>;

describe('SNS filter policies', () => {
  useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });

  /** Subscribes a fresh queue with `policy`, publishes each message, returns the bodies that arrived. */
  const delivered = async (
    policy: object,
    messages: Array<{ body: string; attrs?: Attrs }>,
    scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes',
  ) => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const name = `q${Math.random().toString(36).slice(2)}`;
    const QueueUrl = await createQueue(sqs, name);
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queueArn(name),
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(policy), FilterPolicyScope: scope },
      }),
    );
    for (const msg of messages) await sns.send(new PublishCommand({ TopicArn, Message: msg.body, MessageAttributes: msg.attrs }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    return (got.Messages ?? []).map((x) => x.Body).sort();
  };
  const s = (v: string) => ({ DataType: 'String', StringValue: v });
  const n = (v: number) => ({ DataType: 'Number', StringValue: String(v) });

  it('matches exact strings, prefixes, suffixes and equals-ignore-case on attributes', async () => {
    expect(
      await delivered({ color: ['red', { prefix: 'bl' }, { suffix: 'een' }, { 'equals-ignore-case': 'WHITE' }] }, [
        { body: '1', attrs: { color: s('red') } },
        { body: '2', attrs: { color: s('blue') } },
        { body: '3', attrs: { color: s('green') } },
        { body: '4', attrs: { color: s('white') } },
        { body: '5', attrs: { color: s('pink') } },
        { body: '6' },
      ]),
    ).toEqual(['1', '2', '3', '4']);
  });

  it('treats constructor and __proto__ as ordinary policy keys and attribute names', async () => {
    expect(
      await delivered({ constructor: ['c'] }, [
        { body: 'with', attrs: { constructor: s('c') } },
        { body: 'other', attrs: { color: s('red') } },
        { body: 'none' },
      ]),
    ).toEqual(['with']);
    expect(
      await delivered(JSON.parse('{"__proto__":[{"exists":false}],"toString":[{"exists":false}]}'), [
        { body: 'plain', attrs: { color: s('red') } },
      ]),
    ).toEqual(['plain']);
    expect(
      await delivered({ constructor: { name: ['x'] } }, [{ body: '{"constructor":{"name":"x"}}' }, { body: '{"a":1}' }], 'MessageBody'),
    ).toEqual(['{"constructor":{"name":"x"}}']);
  });

  it('matches numeric ranges and exact numbers', async () => {
    expect(
      await delivered({ price: [{ numeric: ['>', 10, '<=', 20] }, 100] }, [
        { body: '10', attrs: { price: n(10) } },
        { body: '15', attrs: { price: n(15) } },
        { body: '20', attrs: { price: n(20) } },
        { body: '100', attrs: { price: n(100) } },
      ]),
    ).toEqual(['100', '15', '20']);
  });

  it('matches anything-but and exists', async () => {
    expect(
      await delivered({ kind: [{ 'anything-but': ['spam', 'junk'] }], vip: [{ exists: false }] }, [
        { body: 'a', attrs: { kind: s('mail') } },
        { body: 'b', attrs: { kind: s('spam') } },
        { body: 'c', attrs: { kind: s('mail'), vip: s('y') } },
      ]),
    ).toEqual(['a']);
    expect(
      await delivered({ vip: [{ exists: true }] }, [{ body: 'a', attrs: { vip: s('y') } }, { body: 'b' }]),
    ).toEqual(['a']);
  });

  it('combines keys with AND, values with OR, and alternatives with $or', async () => {
    expect(
      await delivered({ $or: [{ a: ['1'] }, { b: ['2'] }], c: ['3'] }, [
        { body: 'x', attrs: { a: s('1'), c: s('3') } },
        { body: 'y', attrs: { b: s('2'), c: s('3') } },
        { body: 'z', attrs: { a: s('1') } },
      ]),
    ).toEqual(['x', 'y']);
  });

  it('matches String.Array attributes on any element', async () => {
    expect(
      await delivered({ tags: ['b'] }, [
        { body: 'hit', attrs: { tags: { DataType: 'String.Array', StringValue: '["a","b"]' } } },
        { body: 'miss', attrs: { tags: { DataType: 'String.Array', StringValue: '["c"]' } } },
      ]),
    ).toEqual(['hit']);
  });

  it('filters on the JSON body, nested keys included, with FilterPolicyScope MessageBody', async () => {
    const bodies = [
      JSON.stringify({ order: { status: 'paid', total: 50 } }),
      JSON.stringify({ order: { status: 'open', total: 50 } }),
      JSON.stringify({ order: { status: 'paid', total: 5 } }),
      'not json',
    ];
    const got = await delivered({ order: { status: ['paid'], total: [{ numeric: ['>=', 10] }] } }, bodies.map((body) => ({ body })), 'MessageBody');
    expect(got).toEqual([bodies[0]]);
  });

  it('rejects malformed and over-complex policies', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q' }),
    );
    const set = (value: string) =>
      sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: value }));
    await expect(set('{not json')).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('FilterPolicy') });
    await expect(set(JSON.stringify({ a: [{ bogus: 1 }] }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const big = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`k${i}`, Array.from({ length: 6 }, (_, j) => `v${j}`)]));
    await expect(set(JSON.stringify(big))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: FilterPolicy Reason: Filter policy is too complex',
    });
  });
});
