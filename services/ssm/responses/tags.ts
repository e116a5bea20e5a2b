/** Tags on parameters, documents and maintenance windows. */
import { invalidResourceId, ssmError } from '../exceptions';
import type * as T from '../types';
import type { Ctx } from './common';

function tagsOf(ctx: Ctx, resourceType: string, resourceId: string): Map<string, string> {
  switch (resourceType) {
    case 'Parameter': {
      const p = ctx.backend.parameters.get(resourceId);
      if (!p || p.public) throw invalidResourceId();
      return p.tags;
    }
    case 'Document': {
      const d = ctx.backend.documents.byName.get(resourceId);
      if (!d || d.owner === 'Amazon') throw invalidResourceId();
      return d.tags;
    }
    case 'MaintenanceWindow': {
      const w = ctx.backend.windows.byId.get(resourceId);
      if (!w) throw invalidResourceId();
      return w.tags;
    }
    default:
      throw ssmError('InvalidResourceType', '');
  }
}

export function addTagsToResource(input: T.AddTagsToResourceRequest, ctx: Ctx) {
  const tags = tagsOf(ctx, input.ResourceType, input.ResourceId);
  for (const t of input.Tags) {
    if (t.Key.toLowerCase().startsWith('aws:')) throw ssmError('InvalidTag', 'Tag keys beginning with aws: are reserved.');
  }
  const keys = new Set([...tags.keys(), ...input.Tags.map((t) => t.Key)]);
  if (keys.size > 50) throw ssmError('TooManyTagsError', 'The Targets parameter includes too many tags. Remove one or more tags and try the command again.');
  for (const t of input.Tags) tags.set(t.Key, t.Value);
  return {};
}

export function removeTagsFromResource(input: T.RemoveTagsFromResourceRequest, ctx: Ctx) {
  const tags = tagsOf(ctx, input.ResourceType, input.ResourceId);
  for (const k of input.TagKeys) tags.delete(k);
  return {};
}

export function listTagsForResource(input: T.ListTagsForResourceRequest, ctx: Ctx) {
  const tags = tagsOf(ctx, input.ResourceType, input.ResourceId);
  return { TagList: [...tags].map(([Key, Value]) => ({ Key, Value })) };
}
