/**
 * Tags of streams (AddTagsToStream / ListTagsForStream / RemoveTagsFromStream)
 * and of any Kinesis resource by ARN (TagResource / ListTagsForResource /
 * UntagResource), plus resource policies on streams and consumers.
 */
import { invalidArgument, limitExceeded, resourceNotFound } from '../exceptions';
import type * as T from '../types';
import type { Ctx } from './common';
import { consumerByArn } from './consumers';

const MAX_TAGS = 50;

/** A stream ARN or a consumer ARN, resolved to its tag map (and policy holder). */
function resource(arn: string, ctx: Ctx): { tags: Map<string, string>; holder: { policy?: string } } {
  if (/:stream\/[^/]+\/consumer\//.test(arn)) {
    const { consumer } = consumerByArn(arn, ctx);
    return { tags: consumer.tags, holder: consumer };
  }
  const stream = ctx.backend.stream({ StreamARN: arn });
  return { tags: stream.tags, holder: stream };
}

function addTags(tags: Map<string, string>, add: Record<string, string>, what: string): void {
  const keys = new Set([...tags.keys(), ...Object.keys(add)]);
  if (keys.size > MAX_TAGS) throw limitExceeded(`Failed to add tags to ${what} because a given stream cannot have more than ${MAX_TAGS} tags.`);
  for (const [k, v] of Object.entries(add)) tags.set(k, v);
}

export function addTagsToStream(input: T.AddTagsToStreamInput, ctx: Ctx) {
  const stream = ctx.backend.stream(input);
  addTags(stream.tags, input.Tags, `stream ${stream.name} under account ${ctx.account}`);
}

export function removeTagsFromStream(input: T.RemoveTagsFromStreamInput, ctx: Ctx) {
  const stream = ctx.backend.stream(input);
  for (const key of input.TagKeys) stream.tags.delete(key);
}

function sortedTags(tags: Map<string, string>) {
  return [...tags.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([Key, Value]) => ({ Key, Value }));
}

export function listTagsForStream(input: T.ListTagsForStreamInput, ctx: Ctx) {
  const stream = ctx.backend.stream(input);
  const all = sortedTags(stream.tags).filter((t) => input.ExclusiveStartTagKey === undefined || t.Key > input.ExclusiveStartTagKey);
  const limit = input.Limit ?? MAX_TAGS;
  const page = all.slice(0, limit);
  return { Tags: page, HasMoreTags: all.length > page.length };
}

export function tagResource(input: T.TagResourceInput, ctx: Ctx) {
  addTags(resource(input.ResourceARN, ctx).tags, input.Tags, `resource ${input.ResourceARN}`);
}

export function untagResource(input: T.UntagResourceInput, ctx: Ctx) {
  const { tags } = resource(input.ResourceARN, ctx);
  for (const key of input.TagKeys) tags.delete(key);
}

export function listTagsForResource(input: T.ListTagsForResourceInput, ctx: Ctx) {
  return { Tags: sortedTags(resource(input.ResourceARN, ctx).tags) };
}

export function putResourcePolicy(input: T.PutResourcePolicyInput, ctx: Ctx) {
  const { holder } = resource(input.ResourceARN, ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.Policy);
  } catch {
    throw invalidArgument('Policy is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidArgument('Policy is not a JSON object.');
  holder.policy = input.Policy;
}

export function getResourcePolicy(input: T.GetResourcePolicyInput, ctx: Ctx) {
  return { Policy: resource(input.ResourceARN, ctx).holder.policy ?? '{}' };
}

export function deleteResourcePolicy(input: T.DeleteResourcePolicyInput, ctx: Ctx) {
  const { holder } = resource(input.ResourceARN, ctx);
  if (holder.policy === undefined) throw resourceNotFound(`No resource policy found for resource ARN ${input.ResourceARN}.`);
  holder.policy = undefined;
}
