/** Publish and PublishBatch: to a topic, a mobile endpoint (TargetArn) or a phone number. */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError, isAwsError } from '../../../src/core/errors';
import { batchErrors, invalidParameter, notFound } from '../exceptions';
import { checkTopicKey } from '../models/kms';
import { checkPublish, messageFor, type PublishParams, publishToTopic } from '../models/publish';
import type * as T from '../types';
import { type Ctx, requireMembers } from './common';

function paramsOf(e: T.PublishInput | T.PublishBatchRequestEntry): PublishParams {
  return {
    message: e.Message,
    subject: e.Subject,
    structure: e.MessageStructure,
    attributes: e.MessageAttributes,
    groupId: e.MessageGroupId,
    dedupId: e.MessageDeduplicationId,
  };
}

/** Direct publishes (SMS, mobile push) are recorded, not sent. */
function publishDirect(ctx: Ctx, protocol: string, endpoint: string, p: PublishParams) {
  const messageId = randomUUID();
  ctx.backend.deliveries.push({
    protocol,
    endpoint,
    type: 'Notification',
    body: messageFor(p, protocol === 'sms' ? 'sms' : ctx.backend.applications.get(ctx.backend.endpoints.get(endpoint)?.applicationArn ?? '')?.platform ?? 'default'),
    messageId,
    subject: p.subject,
    messageAttributes: p.attributes,
    at: clock.date(),
  });
  return { MessageId: messageId };
}

export async function publish(input: T.PublishInput, ctx: Ctx) {
  requireMembers(input, 'Message');
  const targets = [input.TopicArn, input.TargetArn, input.PhoneNumber].filter((t) => t !== undefined);
  if (targets.length === 0) throw invalidParameter('TopicArn or TargetArn', 'no value for required parameter');
  if (targets.length > 1) throw invalidParameter('TopicArn or TargetArn or PhoneNumber', 'Only one of these may be set');
  const p = paramsOf(input);
  if (input.PhoneNumber !== undefined) {
    if (!/^\+?[1-9][0-9]{4,14}$/.test(input.PhoneNumber)) throw invalidParameter('PhoneNumber', 'Invalid phone number');
    checkPublish(undefined, p);
    return publishDirect(ctx, 'sms', input.PhoneNumber, p);
  }
  const arn = (input.TopicArn ?? input.TargetArn) as string;
  const topic = ctx.backend.topics.get(arn);
  if (!topic) {
    const endpoint = ctx.backend.endpoints.get(arn);
    if (!endpoint) throw notFound(input.TopicArn ? 'Topic does not exist' : 'Endpoint does not exist');
    if (endpoint.attributes.Enabled === 'false') throw new AwsError('EndpointDisabledException', 'Endpoint is disabled');
    checkPublish(undefined, p);
    return publishDirect(ctx, 'application', arn, p);
  }
  checkPublish(topic, p);
  await checkTopicKey(topic.attributes.KmsMasterKeyId, ctx.backends, ctx.account, ctx.region);
  const out = await publishToTopic(ctx.backend, topic, p);
  return { MessageId: out.messageId, SequenceNumber: out.sequenceNumber };
}

const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;

export async function publishBatch(input: T.PublishBatchInput, ctx: Ctx) {
  requireMembers(input, 'TopicArn', 'PublishBatchRequestEntries');
  const topic = ctx.backend.getTopic(input.TopicArn);
  const entries = input.PublishBatchRequestEntries;
  if (entries.length === 0) throw batchErrors.empty();
  if (entries.length > 10) throw batchErrors.tooMany();
  const ids = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (!BATCH_ID.test(e.Id ?? '')) throw batchErrors.invalidId();
    if (ids.has(e.Id)) throw batchErrors.notDistinct();
    ids.add(e.Id);
    total += Buffer.byteLength(e.Message ?? '');
  }
  if (total > 262_144) throw batchErrors.tooLong();
  await checkTopicKey(topic.attributes.KmsMasterKeyId, ctx.backends, ctx.account, ctx.region);
  const Successful: Array<{ Id: string; MessageId: string; SequenceNumber?: string }> = [];
  const Failed: Array<{ Id: string; Code: string; Message: string; SenderFault: boolean }> = [];
  for (const e of entries) {
    try {
      const p = paramsOf(e);
      checkPublish(topic, p);
      const out = await publishToTopic(ctx.backend, topic, p);
      Successful.push({ Id: e.Id, MessageId: out.messageId, SequenceNumber: out.sequenceNumber });
    } catch (err) {
      if (!isAwsError(err)) throw err;
      Failed.push({ Id: e.Id, Code: err.code.replace(/Exception$/, ''), Message: err.message, SenderFault: err.fault === 'client' });
    }
  }
  return { Successful, Failed };
}
