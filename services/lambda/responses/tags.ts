/** Tags of functions, code signing configs, capacity providers and event source mappings, by ARN. */
import { parseArn } from '../../../src/core/ids';
import { invalidParameter, validation } from '../exceptions';
import { parseFunctionName } from '../models/arns';
import type { ListTagsRequest, TagResourceRequest, UntagResourceRequest } from '../types';
import type { Ctx } from './common';

/** Tags live on functions (and code signing configs, event source mappings): found by ARN. */
function taggable(ctx: Ctx, arn: string): Map<string, string> {
  const parsed = parseArn(arn);
  if (parsed?.service === 'lambda' && parsed.resource.startsWith('function:')) {
    const ref = parseFunctionName(arn, 'resource');
    if (ref.qualifier) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
    return ctx.backend.fn(arn).tags;
  }
  if (parsed?.resource.startsWith('code-signing-config:')) {
    const c = ctx.backend.codeSigningConfigs.get(arn);
    if (c) return c.tags;
  }
  if (parsed?.resource.startsWith('capacity-provider:')) {
    const p = ctx.backend.capacityProviders.find(arn);
    if (p) return p.tags;
  }
  if (parsed?.resource.startsWith('event-source-mapping:')) {
    const m = ctx.backend.mappings.all.get(parsed.resource.slice('event-source-mapping:'.length));
    if (m) return (m.extra.tags as Map<string, string>) ?? (m.extra.tags = new Map<string, string>());
  }
  throw validation(`1 validation error detected: Value '${arn}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`);
}

export function tagResource(input: TagResourceRequest, ctx: Ctx) {
  const tags = taggable(ctx, input.Resource);
  if (tags.size + Object.keys(input.Tags).filter((k) => !tags.has(k)).length > 50) throw invalidParameter('Number of tags exceeds resource tag limit.');
  for (const [k, v] of Object.entries(input.Tags)) tags.set(k, v);
}

export function untagResource(input: UntagResourceRequest, ctx: Ctx) {
  const tags = taggable(ctx, input.Resource);
  for (const k of input.TagKeys) tags.delete(k);
}

export function listTags(input: ListTagsRequest, ctx: Ctx) {
  return { Tags: Object.fromEntries(taggable(ctx, input.Resource)) };
}
