/**
 * Invoking a schedule's target at its fire time. Templated targets reach
 * their service's backend: SQS `deliver` (the target's MessageGroupId for
 * FIFO), SNS `publish`, Lambda `invoke` (invocationType Event), EventBridge
 * (PutEvents to the bus in the ARN, with EventBridgeParameters' Source and
 * DetailType). Other targets (Step Functions, Kinesis, ECS, universal
 * `aws-sdk` targets, ...) are recorded in `invocations`. A failed
 * invocation is recorded with its error and, when the target has one,
 * sent to its dead-letter queue.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, isAwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import type { Schedule, SchedulerBackend } from './backend';

export interface Invocation {
  scheduleArn: string;
  targetArn: string;
  /** When the schedule was due (ms). */
  scheduledAt: number;
  input: string;
  error?: { code: string; message: string };
}

type Api = {
  deliver?(queueName: string, message: Record<string, unknown>, senderId: string): unknown;
  publish?(topicArn: string, message: string, options?: { groupId?: string; dedupId?: string }): unknown;
  invoke?(functionNameOrArn: string, payload: string, options: { invocationType: 'Event' }): unknown;
  publishEvent?(entry: { source: string; detailType: string; detail: unknown; resources?: string[]; busName?: string; time?: number }): unknown;
};

/** Without Input, the fake sends an empty JSON object (AWS sends an undocumented default notification). */
const DEFAULT_INPUT = '{}';

export async function fire(backend: SchedulerBackend, s: Schedule, scheduledAt: number): Promise<void> {
  const input = s.target.Input ?? DEFAULT_INPUT;
  const record: Invocation = { scheduleArn: s.arn, targetArn: s.target.Arn, scheduledAt, input };
  backend.invocations.push(record);
  try {
    await invoke(backend, s, input, scheduledAt);
  } catch (err) {
    record.error = isAwsError(err) ? { code: err.code, message: err.message } : { code: 'InternalFailure', message: String(err) };
    const dlq = s.target.DeadLetterConfig?.Arn ? parseArn(s.target.DeadLetterConfig.Arn) : undefined;
    if (!dlq) return;
    try {
      const sqs = await backend.backends.get<Api>('sqs', dlq.account, dlq.region);
      sqs.deliver?.(
        dlq.resource,
        {
          MessageBody: input,
          MessageAttributes: {
            ERROR_CODE: { DataType: 'String', StringValue: record.error.code },
            ERROR_MESSAGE: { DataType: 'String', StringValue: record.error.message.slice(0, 256) || record.error.code },
            TARGET_ARN: { DataType: 'String', StringValue: s.target.Arn },
            SCHEDULE_ARN: { DataType: 'String', StringValue: s.arn },
          },
        },
        backend.account,
      );
    } catch {
      // a missing dead-letter queue loses the event, as in AWS
    }
  }
}

async function invoke(backend: SchedulerBackend, s: Schedule, input: string, scheduledAt: number): Promise<void> {
  const t = parseArn(s.target.Arn);
  if (!t || t.service === 'scheduler') return; // universal targets (arn:aws:scheduler:::aws-sdk:...) are recorded
  const api = await backend.backends.get<Api>(t.service, t.account, t.region);
  const missing = (what: string) => new AwsError('TargetUnavailable', `The ${t.service} backend cannot ${what}`);
  switch (t.service) {
    case 'sqs': {
      if (!api.deliver) throw missing('take messages');
      const fifo = t.resource.endsWith('.fifo');
      api.deliver(t.resource, { MessageBody: input, MessageGroupId: s.target.SqsParameters?.MessageGroupId, MessageDeduplicationId: fifo ? randomUUID() : undefined }, backend.account);
      return;
    }
    case 'sns':
      if (!api.publish) throw missing('publish');
      await api.publish(s.target.Arn, input);
      return;
    case 'lambda':
      if (!api.invoke) throw missing('invoke functions');
      await api.invoke(s.target.Arn, input, { invocationType: 'Event' });
      return;
    case 'events': {
      if (!api.publishEvent) throw missing('take events');
      const params = s.target.EventBridgeParameters;
      api.publishEvent({
        source: params?.Source ?? 'aws.scheduler',
        detailType: params?.DetailType ?? 'Scheduled Event',
        detail: JSON.parse(input),
        resources: [s.arn],
        busName: t.resource.replace(/^event-bus\//, ''),
        time: scheduledAt,
      });
      return;
    }
  }
}
