/**
 * Log transformers: stored per log group (the first processor a parser, at
 * most 20), and TestTransformer running the processors on sample messages.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteTransformerCommand,
  GetTransformerCommand,
  type Processor,
  PutTransformerCommand,
  TestTransformerCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';

describe('CloudWatch Logs transformers', () => {
  useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const test = async (transformerConfig: Processor[], messages: string[]) =>
    (await logs.send(new TestTransformerCommand({ transformerConfig, logEventMessages: messages }))).transformedLogs?.map((t) =>
      t.transformedEventMessage === t.eventMessage ? t.eventMessage : JSON.parse(t.transformedEventMessage ?? ''),
    );

  it('stores, returns and deletes a log group transformer', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const transformerConfig: Processor[] = [{ parseJSON: {} }, { addKeys: { entries: [{ key: 'env', value: 'prod' }] } }];
    await logs.send(new PutTransformerCommand({ logGroupIdentifier: 'g', transformerConfig }));
    const got = await logs.send(new GetTransformerCommand({ logGroupIdentifier: 'g' }));
    expect(got).toMatchObject({ logGroupIdentifier: 'g', transformerConfig, creationTime: expect.any(Number), lastModifiedTime: expect.any(Number) });
    await expect(logs.send(new PutTransformerCommand({ logGroupIdentifier: 'g', transformerConfig: [{ addKeys: { entries: [{ key: 'a', value: 'b' }] } }] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The first processor in a transformer must be a parser.',
    });
    await expect(logs.send(new PutTransformerCommand({ logGroupIdentifier: 'nope', transformerConfig }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await logs.send(new DeleteTransformerCommand({ logGroupIdentifier: 'g' }));
    await expect(logs.send(new GetTransformerCommand({ logGroupIdentifier: 'g' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('TestTransformer parses JSON and applies the key processors in order', async () => {
    const out = await test(
      [
        { parseJSON: {} },
        { addKeys: { entries: [{ key: 'env', value: 'prod' }, { key: 'level', value: 'x' }] } },
        { copyValue: { entries: [{ source: 'user.id', target: 'userId' }] } },
        { renameKeys: { entries: [{ key: 'msg', renameTo: 'message' }] } },
        { lowerCaseString: { withKeys: ['level'] } },
        { trimString: { withKeys: ['message'] } },
        { substituteString: { entries: [{ source: 'message', from: '\\d+', to: 'N' }] } },
        { typeConverter: { entries: [{ key: 'latency', type: 'integer' }] } },
        { deleteKeys: { withKeys: ['user'] } },
      ],
      [JSON.stringify({ level: 'ERROR', msg: '  failed 3 times ', latency: '250', user: { id: 'u1' } }), 'not json'],
    );
    expect(out).toEqual([{ level: 'error', message: 'failed N times', latency: 250, env: 'prod', userId: 'u1' }, 'not json']);
  });

  it('TestTransformer parses key=value pairs into a destination and splits strings', async () => {
    const out = await test(
      [
        { parseKeyValue: { fieldDelimiter: ' ', keyValueDelimiter: '=', destination: 'kv', keyPrefix: 'p_' } },
        { splitString: { entries: [{ source: 'kv.p_tags', delimiter: ',' }] } },
        { upperCaseString: { withKeys: ['kv.p_method'] } },
        { moveKeys: { entries: [{ source: 'kv.p_status', target: 'status' }] } },
      ],
      ['method=get status=200 tags=a,b'],
    );
    expect(out).toEqual([{ kv: { p_method: 'GET', p_tags: ['a', 'b'] }, status: '200' }]);
  });

  it('TestTransformer refuses a processor the fake does not implement rather than ignoring it', async () => {
    await expect(logs.send(new TestTransformerCommand({ transformerConfig: [{ grok: { match: '%{COMMONAPACHELOG}' } }], logEventMessages: ['x'] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'mockaws does not implement the grok processor in TestTransformer.',
    });
  });
});
