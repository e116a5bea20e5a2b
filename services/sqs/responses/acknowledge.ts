/**
 * What a consumer does with a received message: DeleteMessage and
 * ChangeMessageVisibility, singly and in batches of up to ten.
 */
import { clock } from '../../../src/core/clock';
import type {
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityRequest,
  DeleteMessageBatchRequest,
  DeleteMessageRequest,
} from '../types';
import { type Ctx, checkBatch, queueOf, requireMembers, runEntries } from './common';

export async function deleteMessage(input: DeleteMessageRequest, ctx: Ctx) {
  requireMembers(input, 'ReceiptHandle');
  const { queue } = await queueOf(input, ctx);
  queue.deleteMessage(input.ReceiptHandle, clock.now());
  return {};
}

export async function deleteMessageBatch(input: DeleteMessageBatchRequest, ctx: Ctx) {
  const { queue } = await queueOf(input, ctx);
  checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry');
  const now = clock.now();
  return runEntries(input.Entries, (entry) => {
    requireMembers(entry, 'ReceiptHandle');
    queue.deleteMessage(entry.ReceiptHandle, now);
    return { Id: entry.Id };
  });
}

export async function changeMessageVisibility(input: ChangeMessageVisibilityRequest, ctx: Ctx) {
  requireMembers(input, 'ReceiptHandle', 'VisibilityTimeout');
  const { queue } = await queueOf(input, ctx);
  queue.changeVisibility(input.ReceiptHandle, input.VisibilityTimeout, clock.now());
  return {};
}

export async function changeMessageVisibilityBatch(input: ChangeMessageVisibilityBatchRequest, ctx: Ctx) {
  const { queue } = await queueOf(input, ctx);
  checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
  const now = clock.now();
  return runEntries(input.Entries, (entry) => {
    requireMembers(entry, 'ReceiptHandle', 'VisibilityTimeout');
    queue.changeVisibility(entry.ReceiptHandle, entry.VisibilityTimeout as number, now);
    return { Id: entry.Id };
  });
}
