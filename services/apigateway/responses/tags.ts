/**
 * TagResource, GetTags, UntagResource on REST APIs
 * (`arn:aws:apigateway:<region>::/restapis/<id>`) and their stages
 * (`.../restapis/<id>/stages/<name>`).
 */
import { badRequest, notFound } from '../exceptions';
import type * as T from '../types';
import { type Ctx, userMap } from './common';

const ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/restapis\/([^/]+)(?:\/stages\/([^/]+))?$/;

/** The tag map the ARN names (held by the API or stage itself). */
function tagsOf(arn: string, ctx: Ctx): { get(): Record<string, string>; set(tags: Record<string, string>): void } {
  const m = ARN.exec(arn);
  if (!m || m[1] !== ctx.region) throw badRequest(`Invalid resource ARN ${arn}`);
  const api = ctx.backend.restApi(m[2]);
  if (!api) throw notFound(`Invalid resource identifier specified ${arn}`);
  if (m[3] === undefined) {
    return { get: () => userMap(api.info.tags), set: (t) => (api.info.tags = t) };
  }
  const stage = api.stages.get(m[3]);
  if (!stage) throw notFound(`Invalid resource identifier specified ${arn}`);
  return { get: () => userMap(stage.tags), set: (t) => (stage.tags = t) };
}

export function tagResource(input: T.TagResourceRequest, ctx: Ctx): void {
  const target = tagsOf(input.resourceArn, ctx);
  target.set({ ...target.get(), ...userMap(input.tags) });
}

export function getTags(input: T.GetTagsRequest, ctx: Ctx): T.Tags {
  return { tags: tagsOf(input.resourceArn, ctx).get() };
}

export function untagResource(input: T.UntagResourceRequest, ctx: Ctx): void {
  const target = tagsOf(input.resourceArn, ctx);
  const tags = target.get();
  for (const k of input.tagKeys) delete tags[k];
  target.set(tags);
}
