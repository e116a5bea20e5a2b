/**
 * Publishing: message checks, MessageStructure json, FIFO deduplication and
 * sequence numbers, filter policies, and fan-out — to SQS through the SQS
 * backend's own API (never HTTP), to every other protocol as a recorded
 * Delivery a test can inspect.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import { invalidParameter, invalidParameterValue } from '../exceptions';
import type { SnsBackend } from './backend';
import { type FilterScope, matchesAttributes, matchesBody, parseFilterPolicy, type PublishedAttribute } from './filter-policy';
import type { Subscription, Topic } from './resources';
import { setEntry } from '../../../src/protocols/values';

export interface PublishParams {
  message: string;
  subject?: string;
  structure?: string;
  attributes?: Record<string, PublishedAttribute>;
  groupId?: string;
  dedupId?: string;
}

interface SqsDeliveryApi {
  deliver(
    queueName: string,
    message: {
      MessageBody: string;
      MessageAttributes?: Record<string, PublishedAttribute>;
      MessageGroupId?: string;
      MessageDeduplicationId?: string;
    },
    senderId: string,
  ): unknown;
}

const MAX_SIZE = 262_144;
const FIVE_MINUTES = 5 * 60 * 1000;
const SEQUENCE_BASE = 10_000_000_000_000_000_000n;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ATTRIBUTE_TYPES = /^(String|Number|Binary)(\..+)?$|^String\.Array$/;

/** Checks what a publisher sends; throws SNS's InvalidParameter errors. */
export function checkPublish(topic: Topic | undefined, p: PublishParams): void {
  let size = Buffer.byteLength(p.message);
  if (p.subject !== undefined && (p.subject.length === 0 || p.subject.length > 100 || !/^[\x20-\x7E]+$/.test(p.subject))) {
    throw invalidParameter('Subject');
  }
  const names = Object.keys(p.attributes ?? {});
  if (names.length > 10) throw invalidParameter('MessageAttributes', 'Number of message attributes exceeds the allowed maximum [10].');
  for (const name of names) {
    const a = (p.attributes as Record<string, PublishedAttribute>)[name];
    if (!ATTRIBUTE_TYPES.test(a.DataType ?? '')) {
      throw invalidParameter(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const isBinary = a.DataType === 'Binary';
    if (isBinary ? !a.BinaryValue?.length : !a.StringValue) {
      throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${a.DataType.split('.')[0]}'.`);
    }
    if (a.DataType === 'String.Array') checkStringArray(name, a.StringValue as string);
    // Number attributes must read as a number (SNS answers ParameterValueInvalid, the SDK's InvalidParameterValueException).
    if (a.DataType.split('.')[0] === 'Number' && !NUMBER.test((a.StringValue as string).trim())) {
      throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + (a.StringValue ? Buffer.byteLength(a.StringValue) : (a.BinaryValue?.length ?? 0));
  }
  if (size > MAX_SIZE) throw invalidParameter('Message too long');
  if (p.structure !== undefined) structured(p);
  if (topic?.fifo) {
    if (!p.groupId) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    if (!p.dedupId && topic.attributes.ContentBasedDeduplication !== 'true') {
      throw invalidParameter(
        'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
  } else if (p.dedupId !== undefined) {
    throw invalidParameter(
      'MessageDeduplicationId',
      'The request includes MessageDeduplicationId parameter that is not valid for this topic type',
    );
  }
}

function checkStringArray(name: string, value: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.some((v) => v !== null && typeof v === 'object')) {
    throw invalidParameter(`The message attribute '${name}' with type 'String.Array' has an invalid value.`);
  }
}

/** MessageStructure json: one message per protocol, `default` required. */
function structured(p: PublishParams): Record<string, unknown> {
  if (p.structure !== 'json') throw invalidParameter('MessageStructure');
  let doc: unknown;
  try {
    doc = JSON.parse(p.message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (!doc || typeof doc !== 'object' || typeof (doc as Record<string, unknown>).default !== 'string') {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  return doc as Record<string, unknown>;
}

export function messageFor(p: PublishParams, protocol: string): string {
  if (p.structure !== 'json') return p.message;
  const doc = structured(p);
  const own = doc[protocol];
  return typeof own === 'string' ? own : (doc.default as string);
}

/** Envelope attributes: {"name": {"Type": "String", "Value": "v"}}, binaries in base64. */
function envelopeAttributes(attrs: Record<string, PublishedAttribute> | undefined) {
  if (!attrs || Object.keys(attrs).length === 0) return undefined;
  const out: Record<string, { Type: string; Value: string }> = {};
  for (const [k, v] of Object.entries(attrs)) {
    // An attribute named `__proto__` is an ordinary entry of the envelope.
    setEntry(out, k, { Type: v.DataType, Value: v.BinaryValue ? Buffer.from(v.BinaryValue).toString('base64') : (v.StringValue ?? '') });
  }
  return out;
}

export function envelope(backend: SnsBackend, topic: Topic, sub: Subscription, p: PublishParams, messageId: string, sequenceNumber?: string): string {
  const host = `https://sns.${backend.region}.amazonaws.com`;
  return JSON.stringify({
    Type: 'Notification',
    MessageId: messageId,
    SequenceNumber: sequenceNumber,
    TopicArn: topic.arn,
    Subject: p.subject,
    Message: messageFor(p, sub.protocol),
    Timestamp: clock.date().toISOString(),
    SignatureVersion: topic.attributes.SignatureVersion ?? '1',
    Signature: randomBytes(256).toString('base64'),
    SigningCertURL: `${host}/SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`,
    UnsubscribeURL: `${host}/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`,
    MessageAttributes: envelopeAttributes(p.attributes),
  });
}

function passesFilter(sub: Subscription, p: PublishParams): boolean {
  const text = sub.attributes.FilterPolicy;
  if (!text) return true;
  const scope = (sub.attributes.FilterPolicyScope ?? 'MessageAttributes') as FilterScope;
  const policy = parseFilterPolicy(text, scope);
  return scope === 'MessageBody' ? matchesBody(policy, p.message) : matchesAttributes(policy, p.attributes);
}

/** Publishes to a topic: returns the message id (a FIFO duplicate gets the original's). */
export async function publishToTopic(
  backend: SnsBackend,
  topic: Topic,
  p: PublishParams,
): Promise<{ messageId: string; sequenceNumber?: string }> {
  const now = clock.now();
  let sequenceNumber: string | undefined;
  if (topic.fifo) {
    for (const [k, v] of topic.dedup) if (v.expiresAt <= now) topic.dedup.delete(k);
    const dedupId = p.dedupId ?? createHash('sha256').update(p.message).digest('hex');
    const seen = topic.dedup.get(dedupId);
    if (seen) return { messageId: seen.messageId, sequenceNumber: seen.sequenceNumber };
    topic.sequence += 1n;
    sequenceNumber = (SEQUENCE_BASE + topic.sequence).toString();
    p = { ...p, dedupId };
    topic.dedup.set(dedupId, { messageId: '', sequenceNumber, expiresAt: now + FIVE_MINUTES });
  }
  const messageId = randomUUID();
  if (p.dedupId && topic.fifo) (topic.dedup.get(p.dedupId) as { messageId: string }).messageId = messageId;
  const targets = [...topic.subscriptions]
    .map((arn) => backend.subscriptions.get(arn) as Subscription)
    .filter((sub) => !sub.pending && passesFilter(sub, p));
  await Promise.all(targets.map((sub) => deliver(backend, topic, sub, p, messageId, sequenceNumber)));
  return { messageId, sequenceNumber };
}

async function deliver(backend: SnsBackend, topic: Topic, sub: Subscription, p: PublishParams, messageId: string, sequenceNumber?: string): Promise<void> {
  const raw = sub.attributes.RawMessageDelivery === 'true';
  const body = raw ? messageFor(p, sub.protocol) : envelope(backend, topic, sub, p, messageId, sequenceNumber);
  const record = {
    protocol: sub.protocol,
    endpoint: sub.endpoint,
    type: 'Notification' as const,
    body,
    messageId,
    topicArn: topic.arn,
    subscriptionArn: sub.arn,
    subject: p.subject,
    messageAttributes: p.attributes,
    at: clock.date(),
  };
  if (sub.protocol === 'lambda') {
    // The function is invoked asynchronously (Event) with the SNS event, as SNS does.
    backend.deliveries.push(record);
    try {
      await invokeFunction(backend, sub.endpoint, lambdaEvent(sub, envelope(backend, topic, sub, p, messageId, sequenceNumber)));
    } catch (err) {
      backend.deliveries.push({ ...record, error: isAwsError(err) ? err.code : String(err) });
    }
    return;
  }
  if (sub.protocol !== 'sqs') {
    backend.deliveries.push(record);
    return;
  }
  try {
    await sendToQueue(backend, sub.endpoint, {
      MessageBody: body,
      MessageAttributes: raw ? p.attributes : undefined,
      MessageGroupId: p.groupId,
      // Only FIFO queues take a deduplication id; standard queues refuse one.
      MessageDeduplicationId: sub.endpoint.endsWith('.fifo') ? p.dedupId : undefined,
    });
  } catch (err) {
    // SNS does not fail the publish when a subscriber cannot take the message.
    backend.deliveries.push({ ...record, error: isAwsError(err) ? err.code : String(err) });
  }
}

export async function sendToQueue(
  backend: SnsBackend,
  queueArn: string,
  message: Parameters<SqsDeliveryApi['deliver']>[1],
): Promise<void> {
  const target = parseArn(queueArn);
  if (!target) throw invalidParameter('Endpoint');
  const sqs = await backend.backends.get<SqsDeliveryApi>('sqs', target.account, target.region);
  sqs.deliver(target.resource, message, backend.account);
}

/** The event a Lambda subscriber receives: one record holding the notification (Url, not URL, in its field names). */
function lambdaEvent(sub: Subscription, notification: string): string {
  const { SigningCertURL, UnsubscribeURL, ...rest } = JSON.parse(notification);
  return JSON.stringify({
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: sub.arn,
        Sns: { ...rest, MessageAttributes: rest.MessageAttributes ?? {}, SigningCertUrl: SigningCertURL, UnsubscribeUrl: UnsubscribeURL },
      },
    ],
  });
}

/** Invokes a subscribed function through the Lambda backend of its account and region. */
async function invokeFunction(backend: SnsBackend, functionArn: string, payload: string): Promise<void> {
  const target = parseArn(functionArn);
  if (!target) throw invalidParameter('Endpoint');
  const lambda = await backend.backends.get<{ invoke(name: string, payload: string, opts: { invocationType: 'Event' }): Promise<unknown> }>(
    'lambda',
    target.account,
    target.region,
  );
  await lambda.invoke(functionArn, payload, { invocationType: 'Event' });
}
