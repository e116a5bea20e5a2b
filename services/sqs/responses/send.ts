/**
 * SendMessage and SendMessageBatch, and the per-message checks they share
 * (also used by SNS when it delivers to a queue).
 */
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { batchErrors } from '../exceptions';
import type { AttributeValue } from '../models/md5';
import { checkQueueKey } from '../models/kms';
import { sealBody } from '../models/sse';
import { attributeSize, prepareMessage } from '../models/message-input';
import type { SendResult } from '../models/queue';
import type { SendMessageBatchRequest, SendMessageRequest } from '../types';
import { type Ctx, checkBatch, queueOf, requireMembers, runEntries } from './common';
import { MAX_MESSAGE_SIZE } from '../models/queue-attributes';

function resultFields(r: SendResult) {
  return {
    MessageId: r.messageId,
    MD5OfMessageBody: r.md5OfBody,
    MD5OfMessageAttributes: r.md5OfAttributes,
    MD5OfMessageSystemAttributes: r.md5OfSystemAttributes,
    SequenceNumber: r.sequenceNumber,
  };
}

export async function sendMessage(input: SendMessageRequest, ctx: Ctx) {
  requireMembers(input, 'MessageBody');
  const { queue, backend } = await queueOf(input, ctx);
  const params = prepareMessage(queue, input, ctx.account);
  // Only an SSE-KMS queue asks KMS: the rest send with no await.
  if (queue.attributes.KmsMasterKeyId) {
    await checkQueueKey(queue, ctx.backends, backend.account, backend.region);
    params.sealed = await sealBody(queue, ctx.backends, params.body, clock.now());
  }
  return resultFields(queue.send(params, clock.now()));
}

export async function sendMessageBatch(input: SendMessageBatchRequest, ctx: Ctx) {
  const { queue, backend } = await queueOf(input, ctx);
  checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
  let total = 0;
  for (const e of input.Entries) total += Buffer.byteLength(e.MessageBody ?? '') + sizeOfAttributes(e.MessageAttributes);
  if (total > MAX_MESSAGE_SIZE) throw batchErrors.tooLong(total, MAX_MESSAGE_SIZE);
  await checkQueueKey(queue, ctx.backends, backend.account, backend.region);
  const now = clock.now();
  // Every entry is checked before the first is enqueued: a failure is that entry's, and nothing is
  // half-sent if something unexpected breaks (a retry must not duplicate the entries before it).
  const prepared = input.Entries.map((entry) => {
    try {
      return { entry, params: prepareMessage(queue, entry, ctx.account) };
    } catch (err) {
      if (!isAwsError(err)) throw err;
      return { entry, error: err };
    }
  });
  for (const p of prepared) if (p.params) p.params.sealed = await sealBody(queue, ctx.backends, p.params.body, now);
  const byEntry = new Map(prepared.map((p) => [p.entry, p]));
  return runEntries(input.Entries, (entry) => {
    const p = byEntry.get(entry);
    if (!p?.params) throw p?.error;
    return { Id: entry.Id, ...resultFields(queue.send(p.params, now)) };
  });
}

function sizeOfAttributes(attrs: Record<string, AttributeValue> | undefined): number {
  let size = 0;
  for (const [name, value] of Object.entries(attrs ?? {})) size += attributeSize(name, value);
  return size;
}
