import {
  CancelReplayCommand,
  CreateArchiveCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  DisableRuleCommand,
  EventBridgeClient,
  ListArchivesCommand,
  ListReplaysCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

const BUS = 'arn:aws:events:us-east-1:123456789012:event-bus/default';

describe('EventBridge archives, replays and schedules', () => {
  const aws = useMockAws();
  const eb = new EventBridgeClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  /** Receives and deletes (the clock moves far enough in these tests for visibility timeouts to lapse). */
  const bodies = async (QueueUrl: string) => {
    const messages = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [];
    for (const m of messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    return messages.map((m) => JSON.parse(m.Body as string));
  };
  const put = (Source: string, n: number) => eb.send(new PutEventsCommand({ Entries: [{ Source, DetailType: 't', Detail: JSON.stringify({ n }) }] }));

  it('archives matching events and replays a time range with replay-name set', async () => {
    const { ArchiveArn } = await eb.send(new CreateArchiveCommand({ ArchiveName: 'a', EventSourceArn: BUS, EventPattern: JSON.stringify({ source: ['app'] }) }));
    expect(ArchiveArn).toBe('arn:aws:events:us-east-1:123456789012:archive/a');
    const start = new Date(aws.clock.now() - 1000);
    await put('app', 1);
    await put('other', 2);
    await put('app', 3);
    expect(await eb.send(new DescribeArchiveCommand({ ArchiveName: 'a' }))).toMatchObject({ State: 'ENABLED', EventCount: 2, SizeBytes: expect.any(Number) });

    // A rule added after the events: only a replay can reach it.
    const url = await createQueue(sqs, 'q');
    await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: JSON.stringify({ source: ['app'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'q', Arn: queueArn('q') }] }));
    await aws.settle();
    expect(await bodies(url)).toEqual([]);
    const end = new Date(aws.clock.now() + 1000);
    const started = await eb.send(new StartReplayCommand({ ReplayName: 'rp', EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: end, Destination: { Arn: BUS } }));
    expect(started.State).toBe('STARTING');
    await aws.settle();
    const replayed = await bodies(url);
    expect(replayed.map((e) => [e.detail.n, e['replay-name']])).toEqual([
      [1, 'rp'],
      [3, 'rp'],
    ]);
    expect(await eb.send(new DescribeReplayCommand({ ReplayName: 'rp' }))).toMatchObject({ State: 'COMPLETED', ReplayEndTime: expect.any(Date) });
    expect((await eb.send(new ListReplaysCommand({}))).Replays?.map((r) => r.ReplayName)).toEqual(['rp']);
    // Replayed events are not archived again.
    expect((await eb.send(new DescribeArchiveCommand({ ArchiveName: 'a' }))).EventCount).toBe(2);
    await expect(eb.send(new CancelReplayCommand({ ReplayName: 'rp' }))).rejects.toMatchObject({ name: 'IllegalStatusException' });
  });

  it('checks replays and archives', async () => {
    const { ArchiveArn } = await eb.send(new CreateArchiveCommand({ ArchiveName: 'a', EventSourceArn: BUS }));
    await expect(eb.send(new CreateArchiveCommand({ ArchiveName: 'a', EventSourceArn: BUS }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(
      eb.send(new CreateArchiveCommand({ ArchiveName: 'b', EventSourceArn: 'arn:aws:events:us-east-1:123456789012:event-bus/none' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const now = aws.clock.now();
    await expect(
      eb.send(new StartReplayCommand({ ReplayName: 'x', EventSourceArn: ArchiveArn, EventStartTime: new Date(now), EventEndTime: new Date(now - 1), Destination: { Arn: BUS } })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.' });
    await expect(
      eb.send(
        new StartReplayCommand({ ReplayName: 'x', EventSourceArn: ArchiveArn, EventStartTime: new Date(now - 1), EventEndTime: new Date(now), Destination: { Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/other' } }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.' });
    expect((await eb.send(new ListArchivesCommand({ EventSourceArn: BUS }))).Archives?.map((a) => a.ArchiveName)).toEqual(['a']);
    await eb.send(new DeleteArchiveCommand({ ArchiveName: 'a' }));
    await expect(eb.send(new DescribeArchiveCommand({ ArchiveName: 'a' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Archive a does not exist.' });
  });

  it('archive retention runs on the clock', async () => {
    await eb.send(new CreateArchiveCommand({ ArchiveName: 'a', EventSourceArn: BUS, RetentionDays: 1 }));
    await put('app', 1);
    aws.clock.advance(86_400_000 + 1);
    expect((await eb.send(new DescribeArchiveCommand({ ArchiveName: 'a' }))).EventCount).toBe(0);
  });

  describe('schedules on the core clock', () => {
    it('rate(5 minutes) fires every 5 minutes as the clock moves, with a Scheduled Event', async () => {
      const url = await createQueue(sqs, 'q');
      const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'tick', ScheduleExpression: 'rate(5 minutes)' }));
      await eb.send(new PutTargetsCommand({ Rule: 'tick', Targets: [{ Id: 'q', Arn: queueArn('q') }] }));
      aws.clock.advance(4 * 60_000);
      await aws.settle();
      expect(await bodies(url)).toEqual([]);
      aws.clock.advance(60_000);
      await aws.settle();
      const [event] = await bodies(url);
      expect(event).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', resources: [RuleArn], detail: {} });
      aws.clock.advance(10 * 60_000);
      await aws.settle();
      expect(await bodies(url)).toHaveLength(2);
      await eb.send(new DisableRuleCommand({ Name: 'tick' }));
      aws.clock.advance(60 * 60_000);
      await aws.settle();
      expect(await bodies(url)).toEqual([]);
    });

    it('cron(0 12 ? * MON-FRI *) fires at noon UTC on weekdays, under jest fake timers', async () => {
      jest.useFakeTimers({ now: new Date('2030-01-04T11:00:00Z') }); // a Friday
      const url = await createQueue(sqs, 'q');
      await eb.send(new PutRuleCommand({ Name: 'noon', ScheduleExpression: 'cron(0 12 ? * MON-FRI *)' }));
      await eb.send(new PutTargetsCommand({ Rule: 'noon', Targets: [{ Id: 'q', Arn: queueArn('q') }] }));
      jest.advanceTimersByTime(60 * 60_000); // Friday 12:00
      await aws.settle();
      expect((await bodies(url)).map((e) => e.time)).toEqual(['2030-01-04T12:00:00Z']);
      aws.clock.advance(3 * 86_400_000); // through the weekend to Monday 12:00
      await aws.settle();
      expect((await bodies(url)).map((e) => e.time)).toEqual(['2030-01-07T12:00:00Z']);
    });

    it('cron with L and # in day-of-week and day-of-month', async () => {
      aws.clock.set('2030-01-01T00:00:00Z');
      const url = await createQueue(sqs, 'q');
      await eb.send(new PutRuleCommand({ Name: 'last', ScheduleExpression: 'cron(30 8 L * ? *)' }));
      await eb.send(new PutRuleCommand({ Name: 'third-friday', ScheduleExpression: 'cron(0 9 ? * 6#3 *)' }));
      for (const Rule of ['last', 'third-friday']) await eb.send(new PutTargetsCommand({ Rule, Targets: [{ Id: 'q', Arn: queueArn('q') }] }));
      aws.clock.set('2030-02-01T00:00:00Z');
      await aws.settle();
      expect((await bodies(url)).map((e) => e.time).sort()).toEqual(['2030-01-18T09:00:00Z', '2030-01-31T08:30:00Z']);
    });
  });
});
