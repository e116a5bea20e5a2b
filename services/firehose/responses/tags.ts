/** Tags of a delivery stream: at most 50 (docs: TagDeliveryStream), listed in key order. */
import { compareUtf8 } from '../../../src/core/sorted-keys';
import { limitExceeded } from '../exceptions';
import type { ListTagsForDeliveryStreamInput, TagDeliveryStreamInput, UntagDeliveryStreamInput } from '../types';
import type { Ctx } from './common';

export const TAG_LIMIT = 50;

export function tagDeliveryStream(input: TagDeliveryStreamInput, ctx: Ctx) {
  const s = ctx.backend.stream(input.DeliveryStreamName);
  const after = new Set([...s.tags.keys(), ...input.Tags.map((t) => t.Key)]);
  if (after.size > TAG_LIMIT) throw limitExceeded(`A Firehose stream can have at most ${TAG_LIMIT} tags; this request would give ${s.name} ${after.size}.`);
  for (const t of input.Tags) s.tags.set(t.Key, t.Value ?? '');
  return {};
}

export function untagDeliveryStream(input: UntagDeliveryStreamInput, ctx: Ctx) {
  const s = ctx.backend.stream(input.DeliveryStreamName);
  for (const key of input.TagKeys) s.tags.delete(key);
  return {};
}

export function listTagsForDeliveryStream(input: ListTagsForDeliveryStreamInput, ctx: Ctx) {
  const s = ctx.backend.stream(input.DeliveryStreamName);
  const limit = input.Limit ?? TAG_LIMIT;
  const start = input.ExclusiveStartTagKey;
  const keys = [...s.tags.keys()].filter((k) => start === undefined || compareUtf8(k, start) > 0).sort(compareUtf8);
  return { Tags: keys.slice(0, limit).map((Key) => ({ Key, Value: s.tags.get(Key) })), HasMoreTags: keys.length > limit };
}
