/**
 * TagResource, GetTags, UntagResource on APIs (`arn:aws:apigateway:<region>::/apis/<id>`)
 * and their stages (`.../apis/<id>/stages/<name>`); the tags are the ones GetApi / GetStage show.
 */
import { badRequest, notFound } from '../exceptions';
import type * as T from '../types';
import type { Ctx } from './common';

const ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/;

function holderOf(arn: string, ctx: Ctx): { Tags?: Record<string, string> } {
  const m = ARN.exec(arn);
  if (!m || m[1] !== ctx.region) throw badRequest(`Invalid resource ARN ${arn}`);
  const api = ctx.backend.api(m[2]);
  if (!api) throw notFound(`Unable to find resource ${arn}`);
  if (m[3] === undefined) return api.info;
  const stage = api.stages.get(decodeURIComponent(m[3]));
  if (!stage) throw notFound(`Unable to find resource ${arn}`);
  return stage;
}

/** A null-prototype copy: tag keys are user input. */
function tagMap(tags: Record<string, string> | undefined): Record<string, string> {
  const copy: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(tags ?? {})) copy[k] = v;
  return copy;
}

export function tagResource(input: T.TagResourceRequest, ctx: Ctx): void {
  const holder = holderOf(input.ResourceArn, ctx);
  holder.Tags = { ...tagMap(holder.Tags), ...tagMap(input.Tags) };
}

export function getTags(input: T.GetTagsRequest, ctx: Ctx): T.GetTagsResponse {
  return { Tags: { ...tagMap(holderOf(input.ResourceArn, ctx).Tags) } };
}

export function untagResource(input: T.UntagResourceRequest, ctx: Ctx): void {
  const holder = holderOf(input.ResourceArn, ctx);
  const tags = tagMap(holder.Tags);
  for (const key of input.TagKeys) delete tags[key];
  holder.Tags = tags;
}
