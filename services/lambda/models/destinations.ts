/**
 * Sending a record to a destination or dead-letter target through the other
 * service's backend: SQS (`deliver`), SNS (`publish`), Lambda (`invoke`,
 * asynchronously) and EventBridge (`putEvents`, when that backend has it).
 * A destination that cannot take the record is skipped, as Lambda drops it.
 */
import { parseArn } from '../../../src/core/ids';
import type { BackendAccess } from '../../../src/core/service';

interface SqsApi {
  deliver(queueName: string, message: { MessageBody: string; MessageAttributes?: Record<string, { DataType: string; StringValue?: string }> }, senderId: string): unknown;
}
interface SnsApi {
  publish?(
    topicArn: string,
    message: string,
    options?: { attributes?: Record<string, { DataType: string; StringValue?: string }> },
  ): Promise<unknown>;
}
interface LambdaApi {
  invoke(name: string, payload: string, opts: { invocationType: 'Event' }): Promise<unknown>;
}
interface EventsApi {
  putEvents?(entries: Array<{ Source: string; DetailType: string; Detail: string; Resources?: string[]; EventBusName?: string }>): unknown;
}

export async function sendTo(
  backends: BackendAccess,
  targetArn: string,
  body: string,
  senderId: string,
  attributes?: Record<string, string>,
  detailType = 'Lambda Function Invocation Result - Failure',
): Promise<boolean> {
  const arn = parseArn(targetArn);
  if (!arn) return false;
  const attrs = attributes
    ? Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]))
    : undefined;
  try {
    switch (arn.service) {
      case 'sqs': {
        const sqs = await backends.get<SqsApi>('sqs', arn.account, arn.region);
        sqs.deliver(arn.resource, { MessageBody: body, MessageAttributes: attrs }, senderId);
        return true;
      }
      case 'sns': {
        const sns = await backends.get<SnsApi>('sns', arn.account, arn.region);
        if (typeof sns.publish !== 'function') return false;
        await sns.publish(targetArn, body, { attributes: attrs });
        return true;
      }
      case 'lambda': {
        const lambda = await backends.get<LambdaApi>('lambda', arn.account, arn.region);
        await lambda.invoke(targetArn, body, { invocationType: 'Event' });
        return true;
      }
      case 'events': {
        const events = await backends.get<EventsApi>('events', arn.account, arn.region);
        if (typeof events.putEvents !== 'function') return false;
        await events.putEvents([{ Source: 'lambda', DetailType: detailType, Detail: body, EventBusName: targetArn }]);
        return true;
      }
      default:
        return false;
    }
  } catch {
    return false;
  }
}
