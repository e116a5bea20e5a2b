/**
 * StartLiveTail through the SDK's event-stream decoding. Facts from the API
 * reference (StartLiveTail): one LiveTailSessionStart, then a
 * LiveTailSessionUpdate every second with the events ingested since (an empty
 * array when none), at most 500 per update (sampled beyond, `sampled: true`),
 * and SessionTimeoutException once the session has been open three hours.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';

describe('CloudWatch Logs Live Tail', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1', maxAttempts: 1 });

  async function setup() {
    jest.useFakeTimers({ now: Date.parse('2031-05-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'web-1' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 'worker-1' }));
  }
  const put = (logStreamName: string, messages: string[]) =>
    logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName, logEvents: messages.map((message) => ({ timestamp: aws.clock.now(), message })) }));

  async function open(input: Omit<ConstructorParameters<typeof StartLiveTailCommand>[0], 'logGroupIdentifiers'> = {}) {
    const out = await logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['app'], ...input }));
    return (out.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
  }

  it('starts with sessionStart, then sends each second the events ingested since, filtered by stream prefix and pattern', async () => {
    await setup();
    const stream = await open({ logStreamNamePrefixes: ['web'], logEventFilterPattern: 'ERROR' });
    const start = (await stream.next()).value as StartLiveTailResponseStream;
    expect(start.sessionStart).toMatchObject({ logGroupIdentifiers: ['app'], logStreamNamePrefixes: ['web'], logEventFilterPattern: 'ERROR' });
    expect(start.sessionStart?.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    await put('web-1', ['ERROR disk full', 'INFO ok']);
    await put('worker-1', ['ERROR elsewhere']);
    const pending = stream.next();
    aws.clock.advance(1000);
    const update = ((await pending).value as StartLiveTailResponseStream).sessionUpdate;
    expect(update?.sessionMetadata).toEqual({ sampled: false });
    expect(update?.sessionResults?.map((e) => [e.logStreamName, e.logGroupIdentifier, e.message])).toEqual([['web-1', 'app', 'ERROR disk full']]);

    // A second with nothing ingested: an update with an empty array.
    const quiet = stream.next();
    aws.clock.advance(1000);
    expect(((await quiet).value as StartLiveTailResponseStream).sessionUpdate?.sessionResults).toEqual([]);
    await stream.return?.(undefined);
  });

  it('samples a busy second down to 500 events', async () => {
    await setup();
    const stream = await open();
    await stream.next();
    await put('web-1', Array.from({ length: 1200 }, (_, i) => `line ${i}`));
    const pending = stream.next();
    aws.clock.advance(1000);
    const update = ((await pending).value as StartLiveTailResponseStream).sessionUpdate;
    expect(update?.sessionMetadata?.sampled).toBe(true);
    expect(update?.sessionResults).toHaveLength(500);
    await stream.return?.(undefined);
  });

  it('ends with SessionTimeoutException after three hours', async () => {
    await setup();
    const stream = await open();
    await stream.next();
    let updates = 0;
    const drained = (async () => {
      for (;;) {
        await stream.next();
        updates++;
      }
    })().catch((e) => e);
    for (let s = 0; s < 3 * 3600 + 2; s++) {
      aws.clock.advance(1000);
      await new Promise((r) => setImmediate(r));
    }
    const err = await drained;
    expect(err.name).toBe('SessionTimeoutException');
    expect(updates).toBe(3 * 3600);
  }, 60_000);

  it('refuses stream filters with more than one group, both stream filters at once, and unknown groups', async () => {
    await setup();
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'other' }));
    const two = await logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['app', 'other'], logStreamNames: ['web-1'] })).catch((e) => e);
    expect(two.name).toBe('InvalidParameterException');
    const both = await logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['app'], logStreamNames: ['web-1'], logStreamNamePrefixes: ['w'] })).catch((e) => e);
    expect(both.name).toBe('InvalidParameterException');
    const missing = await logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['nope'] })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});
