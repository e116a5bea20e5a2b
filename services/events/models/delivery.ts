/**
 * Delivering a matched event to a rule's targets, each delivery a task on the
 * core event loop. SQS (FIFO: the target's MessageGroupId, the event id as
 * deduplication id), SNS, Lambda (async invoke), CloudWatch Logs, Kinesis
 * (partition key from PartitionKeyPath, else the event id), Firehose and
 * other event buses are reached through their backends' public methods;
 * Step Functions state machines through `backends.call('stepfunctions',
 * 'StartExecution')`. API destinations are built and recorded, never sent
 * (api-destination.ts). ECS, Batch, SageMaker, Redshift and the rest are
 * recorded in `deliveries` only.
 *
 * A failed attempt is retried with exponential backoff (1 s, 2 s, 4 s, ...
 * capped at 5 minutes, no jitter so runs repeat) while the target's
 * RetryPolicy allows (default 185 attempts, 24 hours) — when the error is
 * retryable. Errors that retrying cannot fix (the target does not exist, is
 * refused, cannot be invoked) skip the retries. Either way the event then
 * goes to the target's dead-letter queue when it has one, with AWS's
 * message attributes (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE,
 * EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS).
 */
import { clock } from '../../../src/core/clock';
import { AwsError, isAwsError } from '../../../src/core/errors';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import type { Target } from '../types';
import type { EventsBackend } from './backend';
import { invokeApiDestination, sendApiDestination } from './api-destination';
import { renderInput, select } from './input';
import type { BusEvent, Delivery, Rule } from './resources';

const RETRYABLE = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'Throttling', 'ServiceUnavailable', 'InternalFailure', 'TooManyRequestsException', 'RequestThrottled']);
const DEFAULT_ATTEMPTS = 185;
const DEFAULT_AGE_SECONDS = 86_400;

interface SqsApi {
  deliver(queueName: string, message: Record<string, unknown>, senderId: string): unknown;
}
interface SnsApi {
  publish(topicArn: string, message: string, options?: { groupId?: string; dedupId?: string }): unknown;
}
interface LambdaApi {
  invoke(functionNameOrArn: string, payload: string, options: { invocationType: 'Event' }): unknown;
}
interface KinesisApi {
  putRecord(streamNameOrArn: string, data: Uint8Array, partitionKey: string): unknown;
}
interface FirehoseApi {
  putRecords(streamNameOrArn: string, records: Uint8Array[]): unknown;
}
interface LogsApi {
  appendEvents(logGroupName: string, logStreamName: string, events: { timestamp: number; message: string }[]): void;
}

export function scheduleDeliveries(backend: EventsBackend, rule: Rule, event: BusEvent): void {
  const firstAt = clock.now();
  for (const target of rule.targets.values()) attempt(backend, rule, target, event, 0, firstAt);
}

function attempt(backend: EventsBackend, rule: Rule, target: Target, event: BusEvent, n: number, firstAt: number, at?: number): void {
  eventLoop(backend.backends).schedule(
    async () => {
      const input = renderInput(target, event as unknown as Record<string, unknown>, {
        ruleArn: rule.arn,
        ruleName: rule.name,
        ingestionTime: new Date(firstAt).toISOString(),
      });
      const record: Delivery = { ruleArn: rule.arn, targetId: target.Id, targetArn: target.Arn, eventId: event.id, input, attempt: n, at: clock.date() };
      backend.deliveries.push(record);
      try {
        record.parameters = await send(backend, target, event, input, record);
      } catch (err) {
        const error = isAwsError(err) ? { code: err.code, message: err.message } : { code: 'InternalFailure', message: String(err) };
        record.error = error;
        failed(backend, rule, target, event, n, firstAt, error, record);
      }
    },
    { at, label: `events target ${target.Id} of ${rule.name}` },
  );
}

function failed(
  backend: EventsBackend,
  rule: Rule,
  target: Target,
  event: BusEvent,
  n: number,
  firstAt: number,
  error: { code: string; message: string },
  record: Delivery,
): void {
  const maxAttempts = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_ATTEMPTS;
  const maxAge = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_AGE_SECONDS) * 1000;
  let exhausted: string | undefined;
  if (RETRYABLE.has(error.code)) {
    const next = clock.now() + Math.min(1000 * 2 ** n, 300_000);
    if (n >= maxAttempts) exhausted = 'MaximumRetryAttemptsExhausted';
    else if (next - firstAt > maxAge) exhausted = 'MaximumEventAgeExhausted';
    else {
      attempt(backend, rule, target, event, n + 1, firstAt, next);
      return;
    }
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (!dlq) return;
  record.deadLettered = true;
  const attributes: Record<string, { DataType: string; StringValue: string }> = {
    RULE_ARN: { DataType: 'String', StringValue: rule.arn },
    TARGET_ARN: { DataType: 'String', StringValue: target.Arn },
    ERROR_CODE: { DataType: 'String', StringValue: error.code },
    ERROR_MESSAGE: { DataType: 'String', StringValue: error.message.slice(0, 256) || error.code },
    RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(n) },
  };
  if (exhausted) attributes.EXHAUSTED_RETRY_CONDITION = { DataType: 'String', StringValue: exhausted };
  eventLoop(backend.backends).schedule(
    async () => {
      const q = parseArn(dlq);
      if (!q) return;
      try {
        const sqs = await backend.backends.get<SqsApi>('sqs', q.account, q.region);
        sqs.deliver(q.resource, { MessageBody: JSON.stringify(event), MessageAttributes: attributes }, backend.account);
      } catch (err) {
        record.error = { ...error, message: `${error.message}; dead-letter queue: ${isAwsError(err) ? err.code : String(err)}` };
      }
    },
    { label: `events dead-letter ${target.Id}` },
  );
}

function unavailable(service: string): AwsError {
  return new AwsError('TargetUnavailable', `The ${service} backend does not take deliveries from EventBridge`);
}

/** Sends one attempt; returns the target parameters that applied (recorded with the delivery). */
async function send(backend: EventsBackend, target: Target, event: BusEvent, input: string, record: Delivery): Promise<Record<string, unknown> | undefined> {
  const t = parseArn(target.Arn);
  if (!t) throw new AwsError('InvalidArn', `Invalid target ARN ${target.Arn}`);
  switch (t.service) {
    case 'sqs': {
      const sqs = await backend.backends.get<Partial<SqsApi>>('sqs', t.account, t.region);
      if (typeof sqs.deliver !== 'function') throw unavailable('SQS');
      const fifo = t.resource.endsWith('.fifo');
      const groupId = target.SqsParameters?.MessageGroupId;
      sqs.deliver(t.resource, { MessageBody: input, MessageGroupId: groupId, MessageDeduplicationId: fifo ? event.id : undefined }, backend.account);
      return groupId ? { MessageGroupId: groupId } : undefined;
    }
    case 'sns': {
      const sns = await backend.backends.get<Partial<SnsApi>>('sns', t.account, t.region);
      if (typeof sns.publish !== 'function') throw unavailable('SNS');
      await sns.publish(target.Arn, input, t.resource.endsWith('.fifo') ? { groupId: target.SqsParameters?.MessageGroupId, dedupId: event.id } : {});
      return undefined;
    }
    case 'lambda': {
      const lambda = await backend.backends.get<Partial<LambdaApi>>('lambda', t.account, t.region);
      if (typeof lambda.invoke !== 'function') throw new AwsError('LambdaUnavailable', 'The Lambda backend cannot invoke functions');
      // Lambda takes JSON: a plain-text input goes as a JSON string.
      await lambda.invoke(target.Arn, isJson(input) ? input : JSON.stringify(input), { invocationType: 'Event' });
      return undefined;
    }
    case 'logs': {
      const group = /^log-group:(.+?)(:\*)?$/.exec(t.resource)?.[1];
      if (!group) throw new AwsError('InvalidArn', `Invalid log group ARN ${target.Arn}`);
      const logs = await backend.backends.get<Partial<LogsApi>>('logs', t.account, t.region);
      if (typeof logs.appendEvents !== 'function') throw unavailable('CloudWatch Logs');
      // One log stream per event, named by the event id.
      logs.appendEvents(group, event.id, [{ timestamp: Date.parse(event.time), message: input }]);
      return undefined;
    }
    case 'events': {
      if (t.resource.startsWith('api-destination/')) {
        record.request = await invokeApiDestination(backend, t, target.HttpParameters, input);
        record.response = await sendApiDestination(backend, record.request);
        return undefined;
      }
      if (!t.resource.startsWith('event-bus/')) break;
      const other = t.account === backend.account && t.region === backend.region ? backend : await backend.backends.get<EventsBackend>('events', t.account, t.region);
      other.dispatch(other.bus(t.resource.slice('event-bus/'.length)), event);
      return undefined;
    }
    case 'kinesis': {
      const path = target.KinesisParameters?.PartitionKeyPath;
      const key = path ? select(event, path) : undefined;
      const partitionKey = key === undefined ? event.id : String(key);
      const kinesis = await backend.backends.get<Partial<KinesisApi>>('kinesis', t.account, t.region);
      if (typeof kinesis.putRecord !== 'function') throw unavailable('Kinesis');
      kinesis.putRecord(target.Arn, Buffer.from(input), partitionKey);
      return { partitionKey };
    }
    case 'firehose': {
      const firehose = await backend.backends.get<Partial<FirehoseApi>>('firehose', t.account, t.region);
      if (typeof firehose.putRecords !== 'function') throw unavailable('Firehose');
      firehose.putRecords(target.Arn, [Buffer.from(input)]);
      return undefined;
    }
    case 'states': {
      const { executionArn } = await backend.backends.call<{ executionArn: string }>(
        'stepfunctions',
        'StartExecution',
        { stateMachineArn: target.Arn, input },
        { account: t.account, region: t.region },
      );
      return { executionArn };
    }
  }
  // ECS, Batch, SageMaker, Redshift, ...: recorded, not run.
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
