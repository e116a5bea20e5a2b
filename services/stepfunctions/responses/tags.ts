/** Tags on state machines and activities. */
import { invalidArn, notFound } from '../exceptions';
import type * as T from '../types';
import { type Ctx, setTags } from './common';

function tagsOf(ctx: Ctx, arn: string): Map<string, string> {
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|activity):[^:]+$/.test(arn)) throw invalidArn(arn);
  const found = ctx.backend.machines.get(arn) ?? ctx.backend.activities.get(arn);
  if (!found) throw notFound(`Resource not found: '${arn}'`);
  return found.tags;
}

export function tagResource(input: T.TagResourceInput, ctx: Ctx): T.TagResourceOutput {
  setTags(input.resourceArn, tagsOf(ctx, input.resourceArn), input.tags);
  return {};
}

export function untagResource(input: T.UntagResourceInput, ctx: Ctx): T.UntagResourceOutput {
  const tags = tagsOf(ctx, input.resourceArn);
  for (const k of input.tagKeys) tags.delete(k);
  return {};
}

export function listTagsForResource(input: T.ListTagsForResourceInput, ctx: Ctx): T.ListTagsForResourceOutput {
  return { tags: [...tagsOf(ctx, input.resourceArn)].map(([key, value]) => ({ key, value })) };
}
