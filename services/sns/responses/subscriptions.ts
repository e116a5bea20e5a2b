/** Subscription handlers: subscribe, confirm, unsubscribe, list, attributes. */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import { invalidParameter } from '../exceptions';
import { sendToQueue } from '../models/publish';
import type { Subscription, Topic } from '../models/resources';
import { subscriptionAttributeView } from '../models/topic-attributes';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken, requireMembers } from './common';

const PROTOCOLS = new Set(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);

function checkEndpoint(protocol: string, endpoint: string | undefined, topic: Topic, ctx: Ctx): string {
  if (!PROTOCOLS.has(protocol)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
  const e = endpoint ?? '';
  const arnOf = (service: string) => parseArn(e)?.service === service;
  const ok =
    protocol === 'http' ? /^http:\/\/.+/.test(e)
    : protocol === 'https' ? /^https:\/\/.+/.test(e)
    : protocol === 'email' || protocol === 'email-json' ? /^[^@\s]+@[^@\s]+$/.test(e)
    : protocol === 'sms' ? /^\+?[0-9]{5,15}$/.test(e.replace(/[\s()-]/g, ''))
    : protocol === 'sqs' ? arnOf('sqs')
    : protocol === 'lambda' ? arnOf('lambda')
    : protocol === 'firehose' ? arnOf('firehose')
    : arnOf('sns') && ctx.backend.endpoints.has(e);
  if (!ok) throw invalidParameter('Endpoint', protocol === 'sqs' ? 'Invalid SQS endpoint ARN' : undefined);
  if (protocol === 'sqs' && e.endsWith('.fifo') && !topic.fifo) {
    throw invalidParameter('Invalid parameter: Endpoint', 'FIFO SQS Queues can not be subscribed to standard SNS topics');
  }
  return e;
}

/** What a pending endpoint is sent so it can call ConfirmSubscription. */
async function sendConfirmation(sub: Subscription, topic: Topic, ctx: Ctx): Promise<void> {
  const host = `https://sns.${ctx.region}.amazonaws.com`;
  const body = JSON.stringify({
    Type: 'SubscriptionConfirmation',
    MessageId: randomUUID(),
    Token: sub.token,
    TopicArn: topic.arn,
    Message: `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: `${host}/?Action=ConfirmSubscription&TopicArn=${topic.arn}&Token=${sub.token}`,
    Timestamp: clock.date().toISOString(),
    SignatureVersion: '1',
  });
  const record = {
    protocol: sub.protocol,
    endpoint: sub.endpoint,
    type: 'SubscriptionConfirmation' as const,
    body,
    messageId: JSON.parse(body).MessageId as string,
    topicArn: topic.arn,
    subscriptionArn: sub.arn,
    at: clock.date(),
  };
  if (sub.protocol === 'sqs') {
    await sendToQueue(ctx.backend, sub.endpoint, { MessageBody: body }).catch(() => undefined);
  } else {
    ctx.backend.deliveries.push(record);
  }
}

export async function subscribe(input: T.SubscribeInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn', 'Protocol');
  const topic = ctx.backend.getTopic(input.TopicArn);
  const endpoint = checkEndpoint(input.Protocol, input.Endpoint, topic, ctx);
  const { sub, created } = ctx.backend.subscribe(topic, input.Protocol, endpoint, input.Attributes ?? {});
  if (created && sub.pending) await sendConfirmation(sub, topic, ctx);
  return { SubscriptionArn: sub.pending && !input.ReturnSubscriptionArn ? 'pending confirmation' : sub.arn };
}

export function confirmSubscription(input: T.ConfirmSubscriptionInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn', 'Token');
  const topic = ctx.backend.getTopic(input.TopicArn);
  return { SubscriptionArn: ctx.backend.confirm(topic, input.Token).arn };
}

export function unsubscribe(input: T.UnsubscribeInput, ctx: Ctx) {
  requireMembers(input, 'SubscriptionArn');
  if (!parseArn(input.SubscriptionArn)) throw invalidParameter('SubscriptionArn');
  ctx.backend.unsubscribe(input.SubscriptionArn);
  return {};
}

function listEntry(sub: Subscription) {
  return {
    SubscriptionArn: sub.pending ? 'PendingConfirmation' : sub.arn,
    Owner: sub.owner,
    Protocol: sub.protocol,
    Endpoint: sub.endpoint,
    TopicArn: sub.topicArn,
  };
}

export function listSubscriptions(input: T.ListSubscriptionsInput, ctx: Ctx) {
  const { keys, next } = ctx.backend.subscriptionArns.page(decodeToken(input.NextToken), 100);
  return { Subscriptions: keys.map((k) => listEntry(ctx.backend.getSubscription(k))), NextToken: encodeToken(next) };
}

export function listSubscriptionsByTopic(input: T.ListSubscriptionsByTopicInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn');
  const topic = ctx.backend.getTopic(input.TopicArn);
  const { keys, next } = topic.subscriptions.page(decodeToken(input.NextToken), 100);
  return { Subscriptions: keys.map((k) => listEntry(ctx.backend.getSubscription(k))), NextToken: encodeToken(next) };
}

export function getSubscriptionAttributes(input: T.GetSubscriptionAttributesInput, ctx: Ctx) {
  requireMembers(input, 'SubscriptionArn');
  return { Attributes: subscriptionAttributeView(ctx.backend.getSubscription(input.SubscriptionArn)) };
}

export function setSubscriptionAttributes(input: T.SetSubscriptionAttributesInput, ctx: Ctx) {
  requireMembers(input, 'SubscriptionArn', 'AttributeName');
  const sub = ctx.backend.getSubscription(input.SubscriptionArn);
  ctx.backend.setSubscriptionAttribute(sub, input.AttributeName, input.AttributeValue ?? '');
  return {};
}
