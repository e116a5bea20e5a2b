/**
 * ReceiveMessage (short and long polling) and the shaping of received
 * messages: which system attributes and message attributes to return, and the
 * MD5 over the attributes actually returned.
 */
import { clock } from '../../../src/core/clock';
import { md5OfAttributes } from '../models/md5';
import { checkQueueKey } from '../models/kms';
import { openBody } from '../models/sse';
import type { Received } from '../models/queue';
import type { ReceiveMessageRequest } from '../types';
import { type Ctx, checkRange, queueOf } from './common';

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
];

function systemAttributes(r: Received, wanted: Set<string>): Record<string, string> | undefined {
  if (wanted.size === 0) return undefined;
  const all = wanted.has('All');
  const m = r.msg;
  const values: Record<string, string | undefined> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(r.receiveCount),
    ApproximateFirstReceiveTimestamp: String(r.firstReceiveAt),
    SequenceNumber: m.sequenceNumber,
    MessageDeduplicationId: m.dedupId,
    MessageGroupId: m.groupId,
    AWSTraceHeader: m.systemAttributes?.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: m.deadLetterSourceArn,
  };
  const out: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTES) {
    const v = values[name];
    if (v !== undefined && (all || wanted.has(name))) out[name] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Message attributes named by `All`, `.*`, exact names, or `prefix.*`. */
function messageAttributes(r: Received, names: string[] | undefined) {
  const attrs = r.msg.attributes;
  if (!attrs || !names?.length) return undefined;
  if (names.includes('All') || names.includes('.*')) return attrs;
  const out: typeof attrs = Object.create(null);
  for (const [name, value] of Object.entries(attrs)) {
    const hit = names.some((n) => (n.endsWith('.*') ? name.startsWith(n.slice(0, -1)) : n === name));
    if (hit) out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

export async function receiveMessage(input: ReceiveMessageRequest, ctx: Ctx) {
  checkRange(input.MaxNumberOfMessages, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.');
  checkRange(input.VisibilityTimeout, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
  checkRange(input.WaitTimeSeconds, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.');
  // Everything the answer needs from the input is read before a message is taken in flight.
  const wantedSystem = new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
  const wantedAttributes = input.MessageAttributeNames ? [...input.MessageAttributeNames].map(String) : undefined;
  const { queue, backend } = await queueOf(input, ctx);
  backend.moveTasks.advance();
  if (queue.attributes.KmsMasterKeyId) await checkQueueKey(queue, ctx.backends, backend.account, backend.region);
  const wait = input.WaitTimeSeconds ?? Number(queue.attributes.ReceiveMessageWaitTimeSeconds);
  const received = await queue.receiveWait(
    {
      max: input.MaxNumberOfMessages ?? 1,
      visibilityTimeout: input.VisibilityTimeout,
      attemptId: input.ReceiveRequestAttemptId,
    },
    wait,
    clock.now(),
  );
  const now = clock.now();
  const Messages = [];
  for (const r of received) {
    const attrs = messageAttributes(r, wantedAttributes);
    Messages.push({
      MessageId: r.msg.id,
      ReceiptHandle: r.receipt,
      MD5OfBody: r.msg.md5OfBody,
      Body: r.msg.sealed ? await openBody(queue, ctx.backends, r.msg.sealed, now) : r.msg.body,
      Attributes: systemAttributes(r, wantedSystem),
      MD5OfMessageAttributes: md5OfAttributes(attrs),
      MessageAttributes: attrs,
    });
  }
  return Messages.length ? { Messages } : {};
}
