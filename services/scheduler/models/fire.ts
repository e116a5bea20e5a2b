/**
 * Invoking a schedule's target at its fire time. Templated targets reach
 * their service's backend: SQS `deliver` (the target's MessageGroupId for
 * FIFO), SNS `publish`, Lambda `invoke` (invocationType Event), EventBridge
 * (PutEvents to the bus in the ARN, with EventBridgeParameters' Source and
 * DetailType), Kinesis `putRecord` (KinesisParameters.PartitionKey); Step
 * Functions through `backends.call('stepfunctions', 'StartExecution')`.
 * Universal targets (`arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`)
 * call that operation of the mocked service with the Input as its
 * parameters, through `backends.call` (model-checked, hooks applied). ECS,
 * SageMaker and the rest are recorded in `invocations`.
 *
 * A failed invocation is retried on the clock (backoff 1 s, 2 s, 4 s, ...
 * capped at 5 minutes, no jitter so runs repeat) when the error is one
 * retrying can fix (throttling, internal failures), while the target's
 * RetryPolicy allows (default 185 retries, 24 hours). Then, when the target
 * has one, the input goes to its dead-letter queue with ERROR_CODE,
 * ERROR_MESSAGE, TARGET_ARN, SCHEDULE_ARN, RETRY_ATTEMPTS and, when retries
 * ran out, EXHAUSTED_RETRY_CONDITION.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError, isAwsError } from '../../../src/core/errors';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import type { Schedule, SchedulerBackend } from './backend';

export interface Invocation {
  scheduleArn: string;
  targetArn: string;
  /** When the schedule was due (ms). */
  scheduledAt: number;
  input: string;
  /** 0 for the first attempt, then 1, 2, ... for retries. */
  attempt: number;
  error?: { code: string; message: string };
  /** What the target answered, for Step Functions and universal targets. */
  output?: Record<string, unknown>;
}

type Api = {
  deliver?(queueName: string, message: Record<string, unknown>, senderId: string): unknown;
  publish?(topicArn: string, message: string, options?: { groupId?: string; dedupId?: string }): unknown;
  invoke?(functionNameOrArn: string, payload: string, options: { invocationType: 'Event' }): unknown;
  publishEvent?(entry: { source: string; detailType: string; detail: unknown; resources?: string[]; busName?: string; time?: number }): unknown;
  putRecord?(streamNameOrArn: string, data: Uint8Array, partitionKey: string): unknown;
};

const RETRYABLE = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'ServiceUnavailable', 'ServiceUnavailableException', 'InternalFailure', 'InternalServerException', 'RequestThrottled']);
const DEFAULT_RETRIES = 185;
const DEFAULT_AGE_SECONDS = 86_400;

/** Universal target service names that differ from mockaws's service names. */
const SDK_SERVICE: Record<string, string> = { sfn: 'stepfunctions', cloudwatchlogs: 'logs', eventbridge: 'events', cognitoidentityprovider: 'cognitoidp' };

/** Without Input, the fake sends an empty JSON object (AWS sends an undocumented default notification). */
const DEFAULT_INPUT = '{}';

export async function fire(backend: SchedulerBackend, s: Schedule, scheduledAt: number, attempt = 0): Promise<void> {
  const input = s.target.Input ?? DEFAULT_INPUT;
  const record: Invocation = { scheduleArn: s.arn, targetArn: s.target.Arn, scheduledAt, input, attempt };
  backend.invocations.push(record);
  try {
    const output = await invoke(backend, s, input, scheduledAt);
    if (output) record.output = output;
  } catch (err) {
    record.error = isAwsError(err) ? { code: err.code, message: err.message } : { code: 'InternalFailure', message: String(err) };
    failed(backend, s, record);
  }
}

function failed(backend: SchedulerBackend, s: Schedule, record: Invocation): void {
  const error = record.error ?? { code: 'InternalFailure', message: '' };
  const maxRetries = s.target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRIES;
  const maxAge = (s.target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_AGE_SECONDS) * 1000;
  let exhausted: string | undefined;
  if (RETRYABLE.has(error.code)) {
    const next = clock.now() + Math.min(1000 * 2 ** record.attempt, 300_000);
    if (record.attempt >= maxRetries) exhausted = 'MaximumRetryAttemptsExhausted';
    else if (next - record.scheduledAt > maxAge) exhausted = 'MaximumEventAgeExhausted';
    else {
      eventLoop(backend.backends).schedule(() => fire(backend, s, record.scheduledAt, record.attempt + 1), { at: next, label: `scheduler retry ${s.name}` });
      return;
    }
  }
  const dlq = s.target.DeadLetterConfig?.Arn ? parseArn(s.target.DeadLetterConfig.Arn) : undefined;
  if (!dlq) return;
  const attributes: Record<string, { DataType: string; StringValue: string }> = {
    ERROR_CODE: { DataType: 'String', StringValue: error.code },
    ERROR_MESSAGE: { DataType: 'String', StringValue: error.message.slice(0, 256) || error.code },
    TARGET_ARN: { DataType: 'String', StringValue: s.target.Arn },
    SCHEDULE_ARN: { DataType: 'String', StringValue: s.arn },
    RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(record.attempt) },
  };
  if (exhausted) attributes.EXHAUSTED_RETRY_CONDITION = { DataType: 'String', StringValue: exhausted };
  eventLoop(backend.backends).schedule(
    async () => {
      try {
        const sqs = await backend.backends.get<Api>('sqs', dlq.account, dlq.region);
        sqs.deliver?.(dlq.resource, { MessageBody: record.input, MessageAttributes: attributes }, backend.account);
      } catch {
        // a missing dead-letter queue loses the event, as in AWS
      }
    },
    { label: `scheduler dead-letter ${s.name}` },
  );
}

/** `aws-sdk:sqs:sendMessage` → the mocked service's SendMessage, the Input as its parameters. */
async function callUniversal(backend: SchedulerBackend, resource: string, input: string): Promise<Record<string, unknown>> {
  const [, sdkService = '', action = ''] = resource.split(':');
  const service = SDK_SERVICE[sdkService] ?? sdkService;
  const operation = action.charAt(0).toUpperCase() + action.slice(1);
  let params: unknown;
  try {
    params = JSON.parse(input);
  } catch {
    throw new AwsError('ValidationException', 'The Input of a universal target must be a JSON object of the API parameters.');
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new AwsError('ValidationException', 'The Input of a universal target must be a JSON object of the API parameters.');
  }
  return backend.backends.call(service, operation, params as Record<string, unknown>, { account: backend.account, region: backend.region });
}

async function invoke(backend: SchedulerBackend, s: Schedule, input: string, scheduledAt: number): Promise<Record<string, unknown> | undefined> {
  const t = parseArn(s.target.Arn);
  if (!t) return undefined;
  if (t.service === 'scheduler') return t.resource.startsWith('aws-sdk:') ? callUniversal(backend, t.resource, input) : undefined;
  if (t.service === 'states') {
    const { executionArn } = await backend.backends.call<{ executionArn: string }>(
      'stepfunctions',
      'StartExecution',
      { stateMachineArn: s.target.Arn, input },
      { account: t.account, region: t.region },
    );
    return { executionArn };
  }
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
    case 'kinesis': {
      if (!api.putRecord) throw missing('take records');
      api.putRecord(s.target.Arn, Buffer.from(input), s.target.KinesisParameters?.PartitionKey ?? randomUUID());
      return;
    }
  }
  return undefined;
}
