/**
 * TagResource, GetTags, UntagResource on APIs (`arn:aws:apigateway:<region>::/apis/<id>`),
 * their stages (`.../apis/<id>/stages/<name>`), custom domain names (`.../domainnames/<name>`,
 * the store v1 shares), VPC links (`.../vpclinks/<id>`), portals and portal products
 * (`arn:aws:apigateway:<region>:<account>:/portals/<id>`); the tags are the ones their Get* show.
 */
import { badRequest, notFound } from '../exceptions';
import type * as T from '../types';
import type { Ctx } from './common';
import { domainStore } from './domains';

const ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/;
const OTHER_ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/(domainnames|vpclinks)\/([^/]+)$/;
/** Portals and portal products: their ARNs carry the account (models/backend.ts portalArn). */
const PORTAL_ARN = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:\d{12}:\/(portals|portalproducts)\/([a-z0-9]+)$/;

async function holderOf(arn: string, ctx: Ctx): Promise<{ Tags?: Record<string, string> }> {
  const portal = PORTAL_ARN.exec(arn);
  if (portal) {
    const store = portal[1] === 'portals' ? ctx.backend.portals : ctx.backend.portalProducts;
    const holder = store.get(portal[2]);
    if (!holder || ctx.backend.portalArn(`${portal[1]}/${portal[2]}`) !== arn) throw notFound(`Unable to find resource ${arn}`);
    return holder;
  }
  const other = OTHER_ARN.exec(arn);
  if (other && other[1] === ctx.region) {
    if (other[2] === 'vpclinks') {
      const link = ctx.backend.vpcLinks.get(other[3]);
      if (!link) throw notFound(`Unable to find resource ${arn}`);
      return link;
    }
    const domain = (await domainStore(ctx)).domainNames.get(decodeURIComponent(other[3]));
    if (!domain || domain.endpointType === 'PRIVATE') throw notFound(`Unable to find resource ${arn}`);
    // v1 spells the member `tags`: the holder reads and writes it there.
    return {
      get Tags() {
        return domain.tags;
      },
      set Tags(tags) {
        domain.tags = tags;
      },
    };
  }
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
export function tagMap(tags: Record<string, string> | undefined): Record<string, string> {
  const copy: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(tags ?? {})) copy[k] = v;
  return copy;
}

export async function tagResource(input: T.TagResourceRequest, ctx: Ctx): Promise<void> {
  const holder = await holderOf(input.ResourceArn, ctx);
  holder.Tags = { ...tagMap(holder.Tags), ...tagMap(input.Tags) };
}

export async function getTags(input: T.GetTagsRequest, ctx: Ctx): Promise<T.GetTagsResponse> {
  return { Tags: { ...tagMap((await holderOf(input.ResourceArn, ctx)).Tags) } };
}

export async function untagResource(input: T.UntagResourceRequest, ctx: Ctx): Promise<void> {
  const holder = await holderOf(input.ResourceArn, ctx);
  const tags = tagMap(holder.Tags);
  for (const key of input.TagKeys) delete tags[key];
  holder.Tags = tags;
}
