/** SES v2 resource tags by ARN: identities, configuration sets, templates, contact lists, pools, test reports, endpoints, tenants. */
import { MailError, notFound } from '../exceptions';
import { type Ctx, type Tag, setTags, tagList } from './common';

function tagsOf(resourceArn: string, ctx: Ctx): Map<string, string> {
  const b = ctx.backend;
  const m = /^arn:[^:]+:ses:([^:]*):(\d{12}):([a-z-]+)\/(.+)$/.exec(resourceArn);
  if (!m || m[1] !== b.region || m[2] !== b.account) throw new MailError('invalid', `Invalid ARN: ${resourceArn}`);
  const [, , , kind, name] = m;
  const byKind: Record<string, () => { tags: Map<string, string> } | undefined> = {
    identity: () => b.identity(name),
    'configuration-set': () => b.configurationSets.get(name),
    template: () => b.templates.get(name),
    'contact-list': () => b.contactLists.get(name),
    'dedicated-ip-pool': () => b.dedicatedIpPools.get(name),
    'deliverability-test-report': () => b.testReports.get(name),
    'multi-region-endpoint': () => b.multiRegionEndpoints.get(name),
    // Tenant ARNs end in <name>/<id>.
    tenant: () => [...b.tenants.values()].find((t) => t.arn === resourceArn),
  };
  const found = byKind[kind]?.();
  if (!found) throw notFound(`Resource not found: ${resourceArn}`);
  return found.tags;
}

export function tagResource(input: { ResourceArn: string; Tags: Tag[] }, ctx: Ctx) {
  const tags = tagsOf(input.ResourceArn, ctx);
  const keys = new Set([...tags.keys(), ...input.Tags.map((t) => t.Key)]);
  if (keys.size > 50) throw new MailError('invalid', 'Too many tags: a resource can have at most 50.');
  setTags(tags, input.Tags);
  return {};
}

export function untagResource(input: { ResourceArn: string; TagKeys: string[] }, ctx: Ctx) {
  const tags = tagsOf(input.ResourceArn, ctx);
  for (const k of input.TagKeys) tags.delete(k);
  return {};
}

export function listTagsForResource(input: { ResourceArn: string }, ctx: Ctx) {
  return { Tags: tagList(tagsOf(input.ResourceArn, ctx)) };
}
