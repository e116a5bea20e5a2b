/** CreateResource, GetResource, GetResources, DeleteResource: the path tree under the root `/`. */
import { badRequest, conflict } from '../exceptions';
import { gatewayId } from '../models/backend';
import { applyPatch, replaceable } from '../models/patch';
import type { ResourceState, RestApiState } from '../models/resources';
import type * as T from '../types';
import { type Ctx, out } from './common';

const PATH_PART = /^([a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/;

/** A resource as the API shows it: without `resourceMethods` when it has none. */
function view(r: ResourceState): T.Resource {
  const { resourceMethods, ...rest } = r;
  return Object.keys(resourceMethods).length ? out(r) : out(rest);
}

/** A path part valid under `parent` (syntax, no greedy parent, unique among the siblings). */
function checkPlacement(api: RestApiState, parent: ResourceState, pathPart: string, self?: string): void {
  if (!PATH_PART.test(pathPart)) {
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  }
  if (parent.pathPart?.endsWith('+}')) throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.path}`);
  const variable = pathPart.startsWith('{');
  for (const sibling of api.resources.values()) {
    if (sibling.parentId !== parent.id || sibling.id === self) continue;
    if (sibling.pathPart === pathPart) throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
    if (variable && sibling.pathPart?.startsWith('{')) {
      throw badRequest(`A sibling (${sibling.pathPart}) of this resource already has a variable path part -- only one is allowed`);
    }
  }
}

export function createResource(input: T.CreateResourceRequest, ctx: Ctx): T.Resource {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const parent = ctx.backend.requireResource(api, input.parentId);
  checkPlacement(api, parent, input.pathPart);
  const id = gatewayId(10);
  const resource: ResourceState = {
    id,
    parentId: parent.id,
    pathPart: input.pathPart,
    path: parent.path === '/' ? `/${input.pathPart}` : `${parent.path}/${input.pathPart}`,
    resourceMethods: Object.create(null),
  };
  api.resources.set(id, resource);
  return view(resource);
}

export function getResource(input: T.GetResourceRequest, ctx: Ctx): T.Resource {
  const api = ctx.backend.requireRestApi(input.restApiId);
  return view(ctx.backend.requireResource(api, input.resourceId));
}

export function getResources(input: T.GetResourcesRequest, ctx: Ctx): T.Resources {
  const page = ctx.backend.requireRestApi(input.restApiId).resources.page(input.limit, input.position);
  // resourceMethods come with `embed=methods`; without it each method shows as an empty object, as AWS does.
  const embed = input.embed?.includes('methods');
  const items = page.items.map((r) => {
    const v = view(r);
    if (!embed && v.resourceMethods) v.resourceMethods = Object.fromEntries(Object.keys(v.resourceMethods).map((m) => [m, {}]));
    return v;
  });
  return { items, position: page.position };
}

function descendants(api: RestApiState, id: string): string[] {
  const found = [id];
  for (let i = 0; i < found.length; i++) {
    for (const r of api.resources.values()) if (r.parentId === found[i]) found.push(r.id);
  }
  return found;
}

export function deleteResource(input: T.DeleteResourceRequest, ctx: Ctx): void {
  const api = ctx.backend.requireRestApi(input.restApiId);
  ctx.backend.requireResource(api, input.resourceId);
  if (input.resourceId === api.info.rootResourceId) throw badRequest('Cannot delete the root resource');
  for (const id of descendants(api, input.resourceId)) api.resources.delete(id);
}

/** UpdateResource: `replace` of `/pathPart` or `/parentId`; the paths of the subtree follow. */
export function updateResource(input: T.UpdateResourceRequest, ctx: Ctx): T.Resource {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const resource = ctx.backend.requireResource(api, input.resourceId);
  const patched = applyPatch(resource, input.patchOperations, replaceable('string', '/pathPart', '/parentId'));
  if (resource.id === api.info.rootResourceId && input.patchOperations?.length) throw badRequest('Cannot update the root resource');
  const parent = ctx.backend.requireResource(api, patched.parentId ?? '');
  if (descendants(api, resource.id).includes(parent.id)) throw badRequest('Cannot move a resource under itself');
  checkPlacement(api, parent, patched.pathPart ?? '', resource.id);
  resource.parentId = parent.id;
  resource.pathPart = patched.pathPart;
  for (const id of descendants(api, resource.id)) {
    const r = api.resources.get(id) as ResourceState;
    const above = api.resources.get(r.parentId ?? '') as ResourceState;
    r.path = above.path === '/' ? `/${r.pathPart}` : `${above.path}/${r.pathPart}`;
  }
  return view(resource);
}
