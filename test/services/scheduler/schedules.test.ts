import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  SchedulerClient,
  TagResourceCommand,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SchedulerBackend } from '../../../services/scheduler/models/backend';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

const ROLE = 'arn:aws:iam::123456789012:role/scheduler';
const OFF = { Mode: 'OFF' as const };

describe('EventBridge Scheduler', () => {
  const aws = useMockAws();
  const scheduler = new SchedulerClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const drain = async (QueueUrl: string) => {
    const out = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [];
    for (const m of out) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    return out.map((m) => m.Body);
  };

  it('has a default group; creates, tags, lists and deletes groups with their schedules', async () => {
    const { ScheduleGroupArn } = await scheduler.send(new CreateScheduleGroupCommand({ Name: 'jobs', Tags: [{ Key: 'team', Value: 'a' }] }));
    expect(ScheduleGroupArn).toBe('arn:aws:scheduler:us-east-1:123456789012:schedule-group/jobs');
    expect((await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups?.map((g) => [g.Name, g.State])).toEqual([
      ['default', 'ACTIVE'],
      ['jobs', 'ACTIVE'],
    ]);
    await scheduler.send(new TagResourceCommand({ ResourceArn: ScheduleGroupArn, Tags: [{ Key: 'env', Value: 'dev' }] }));
    expect((await scheduler.send(new ListTagsForResourceCommand({ ResourceArn: ScheduleGroupArn }))).Tags).toEqual([
      { Key: 'team', Value: 'a' },
      { Key: 'env', Value: 'dev' },
    ]);
    await expect(scheduler.send(new CreateScheduleGroupCommand({ Name: 'jobs' }))).rejects.toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
    await scheduler.send(
      new CreateScheduleCommand({ Name: 's', GroupName: 'jobs', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: OFF, Target: { Arn: queueArn('q'), RoleArn: ROLE } }),
    );
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'jobs' }));
    await expect(scheduler.send(new GetScheduleGroupCommand({ Name: 'jobs' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(scheduler.send(new GetScheduleCommand({ Name: 's', GroupName: 'jobs' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('validates schedules before storing them', async () => {
    const base = { Name: 's', FlexibleTimeWindow: OFF, Target: { Arn: queueArn('q'), RoleArn: ROLE } };
    for (const ScheduleExpression of ['rate(5 minute)', 'cron(0 12 * * * *)', 'at(2030-02-30T00:00:00)', 'every day']) {
      await expect(scheduler.send(new CreateScheduleCommand({ ...base, ScheduleExpression }))).rejects.toMatchObject({ name: 'ValidationException' });
    }
    await expect(scheduler.send(new CreateScheduleCommand({ ...base, ScheduleExpression: 'rate(1 day)', ScheduleExpressionTimezone: 'Mars/Olympus' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(scheduler.send(new CreateScheduleCommand({ ...base, ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'FLEXIBLE' } }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      scheduler.send(new CreateScheduleCommand({ ...base, ScheduleExpression: 'rate(1 day)', Target: { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', RoleArn: ROLE, Input: 'not json' } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(scheduler.send(new CreateScheduleCommand({ ...base, GroupName: 'nope', ScheduleExpression: 'rate(1 day)' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Schedule group nope does not exist.',
    });
    expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules).toEqual([]);
  });

  it('rate schedules fire into SQS on the clock, between start and end dates', async () => {
    const url = await createQueue(sqs, 'q');
    const start = new Date(aws.clock.now() + 10 * 60_000);
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'every-5',
        ScheduleExpression: 'rate(5 minutes)',
        StartDate: start,
        EndDate: new Date(start.getTime() + 12 * 60_000),
        FlexibleTimeWindow: OFF,
        Target: { Arn: queueArn('q'), RoleArn: ROLE, Input: '{"job":"sync"}' },
      }),
    );
    aws.clock.advance(15 * 60_000); // start + 5 minutes
    await aws.settle();
    expect(await drain(url)).toEqual(['{"job":"sync"}']); // start + 5 min
    aws.clock.advance(60 * 60_000);
    await aws.settle();
    expect(await drain(url)).toEqual(['{"job":"sync"}']); // start + 10 min; start + 15 min is past the end date
    const backend = await aws.backends.get<SchedulerBackend>('scheduler');
    expect(backend.invocations.map((i) => i.scheduledAt - start.getTime())).toEqual([5 * 60_000, 10 * 60_000]);
  });

  it('one-time at() schedules in a time zone, deleted after completion when asked', async () => {
    jest.useFakeTimers({ now: new Date('2030-03-01T00:00:00Z') });
    const url = await createQueue(sqs, 'q');
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'once',
        ScheduleExpression: 'at(2030-03-01T09:00:00)',
        ScheduleExpressionTimezone: 'Europe/Paris', // UTC+1 in March before DST
        ActionAfterCompletion: 'DELETE',
        FlexibleTimeWindow: OFF,
        Target: { Arn: queueArn('q'), RoleArn: ROLE, Input: 'wake up' },
      }),
    );
    jest.advanceTimersByTime(8 * 3_600_000 - 1);
    await aws.settle();
    expect(await drain(url)).toEqual([]);
    jest.advanceTimersByTime(1); // 08:00 UTC = 09:00 in Paris
    await aws.settle();
    expect(await drain(url)).toEqual(['wake up']);
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'once' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('cron in a time zone; DISABLED schedules do not fire; updates re-arm', async () => {
    aws.clock.set('2030-07-01T00:00:00Z');
    const url = await createQueue(sqs, 'q');
    const input = { Name: 'daily', ScheduleExpression: 'cron(30 7 * * ? *)', ScheduleExpressionTimezone: 'America/New_York', FlexibleTimeWindow: OFF, Target: { Arn: queueArn('q'), RoleArn: ROLE, Input: 'x' } };
    await scheduler.send(new CreateScheduleCommand(input));
    aws.clock.set('2030-07-01T11:30:00Z'); // 07:30 EDT
    await aws.settle();
    expect(await drain(url)).toEqual(['x']);
    await scheduler.send(new UpdateScheduleCommand({ ...input, State: 'DISABLED' }));
    aws.clock.set('2030-07-03T00:00:00Z');
    await aws.settle();
    expect(await drain(url)).toEqual([]);
    expect((await scheduler.send(new GetScheduleCommand({ Name: 'daily' }))).State).toBe('DISABLED');
  });

  it('EventBridge targets put events on the bus with the target parameters', async () => {
    const url = await createQueue(sqs, 'q');
    const eb = new EventBridgeClient({ region: 'us-east-1' });
    await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: JSON.stringify({ source: ['my.scheduler'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'q', Arn: queueArn('q') }] }));
    const { ScheduleArn } = await scheduler.send(
      new CreateScheduleCommand({
        Name: 'emit',
        ScheduleExpression: 'rate(1 minute)',
        FlexibleTimeWindow: OFF,
        Target: {
          Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default',
          RoleArn: ROLE,
          Input: '{"kind":"tick"}',
          EventBridgeParameters: { Source: 'my.scheduler', DetailType: 'Tick' },
        },
      }),
    );
    aws.clock.advance(60_000);
    await aws.settle();
    const [body] = await drain(url);
    expect(JSON.parse(body as string)).toMatchObject({ source: 'my.scheduler', 'detail-type': 'Tick', detail: { kind: 'tick' }, resources: [ScheduleArn] });
  });
});
