/** Tags of event buses and rules, by ARN. */
import { notFound } from '../exceptions';
import { applyTags, type Ctx, tagList } from './common';

function tagsOf(resourceArn: string, ctx: Ctx): Map<string, string> {
  const bus = /:event-bus\/(.+)$/.exec(resourceArn)?.[1];
  if (bus !== undefined) {
    const b = ctx.backend.buses.get(bus);
    if (b && b.arn === resourceArn) return b.tags;
    throw notFound(`Event bus ${bus} does not exist.`);
  }
  const rule = ctx.backend.ruleByArn(resourceArn);
  if (rule && rule.arn === resourceArn) return rule.tags;
  const name = /:rule\/(?:[^/]+\/)?([^/]+)$/.exec(resourceArn)?.[1];
  const busName = /:rule\/([^/]+)\/[^/]+$/.exec(resourceArn)?.[1] ?? 'default';
  throw notFound(name ? `Rule ${name} does not exist on EventBus ${busName}.` : `Resource ${resourceArn} does not exist.`);
}

export function tagResource(input: { ResourceARN: string; Tags: Array<{ Key?: string; Value?: string }> }, ctx: Ctx): void {
  applyTags(tagsOf(input.ResourceARN, ctx), input.Tags);
}

export function untagResource(input: { ResourceARN: string; TagKeys: string[] }, ctx: Ctx): void {
  const tags = tagsOf(input.ResourceARN, ctx);
  for (const k of input.TagKeys) tags.delete(k);
}

export function listTagsForResource(input: { ResourceARN: string }, ctx: Ctx) {
  return { Tags: tagList(tagsOf(input.ResourceARN, ctx)) };
}
