/**
 * Documentation parts (properties attached to a location of a REST API),
 * documentation versions (snapshots of the parts, optionally tied to a
 * stage) and ImportDocumentationParts from an OpenAPI document's
 * `x-amazon-apigateway-documentation` extension.
 */
import { clock } from '../../../src/core/clock';
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { deepCopy } from '../models/copy';
import { patchInPlace, replaceable } from '../models/patch';
import type { DocumentationPartState, RestApiState } from '../models/resources';
import type * as T from '../types';
import { type Ctx, out } from './common';

/** Location members each type takes beyond `type` (AWS's DocumentationPartLocation). */
const TAKES: Record<string, { path: boolean; method: boolean; statusCode: boolean; name: boolean }> = {
  API: { path: false, method: false, statusCode: false, name: false },
  AUTHORIZER: { path: false, method: false, statusCode: false, name: true },
  MODEL: { path: false, method: false, statusCode: false, name: true },
  RESOURCE: { path: true, method: false, statusCode: false, name: false },
  METHOD: { path: true, method: true, statusCode: false, name: false },
  PATH_PARAMETER: { path: true, method: true, statusCode: false, name: true },
  QUERY_PARAMETER: { path: true, method: true, statusCode: false, name: true },
  REQUEST_HEADER: { path: true, method: true, statusCode: false, name: true },
  REQUEST_BODY: { path: true, method: true, statusCode: false, name: false },
  RESPONSE: { path: true, method: true, statusCode: true, name: false },
  RESPONSE_HEADER: { path: true, method: true, statusCode: true, name: true },
  RESPONSE_BODY: { path: true, method: true, statusCode: true, name: false },
};

/** The location with AWS's defaults (`/` path, `*` method and status) and the members its type does not take refused. */
function normalize(location: T.DocumentationPartLocation): T.DocumentationPartLocation {
  const takes = TAKES[location.type];
  if (!takes) throw badRequest(`Invalid documentation part location type: ${location.type}`);
  for (const member of ['path', 'method', 'statusCode', 'name'] as const) {
    if (location[member] !== undefined && !takes[member]) throw badRequest(`Invalid location: ${member} is not applicable to ${location.type}`);
  }
  if (takes.name && location.name === undefined) throw badRequest(`Invalid location: name is required for ${location.type}`);
  return {
    type: location.type,
    path: takes.path ? (location.path ?? '/') : undefined,
    method: takes.method ? (location.method ?? '*') : undefined,
    statusCode: takes.statusCode ? (location.statusCode ?? '*') : undefined,
    name: location.name,
  };
}

function sameLocation(a: T.DocumentationPartLocation, b: T.DocumentationPartLocation): boolean {
  return a.type === b.type && a.path === b.path && a.method === b.method && a.statusCode === b.statusCode && a.name === b.name;
}

function checkProperties(properties: string): void {
  try {
    const parsed = JSON.parse(properties);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
  } catch {
    throw badRequest('Invalid documentation content specified. The content must be a valid JSON object.');
  }
}

function addPart(api: RestApiState, location: T.DocumentationPartLocation, properties: string): DocumentationPartState {
  const id = gatewayId(6);
  const part = { id, location, properties };
  api.documentationParts.set(id, part);
  return part;
}

export function createDocumentationPart(input: T.CreateDocumentationPartRequest, ctx: Ctx): T.DocumentationPart {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const location = normalize(input.location);
  checkProperties(input.properties);
  for (const p of api.documentationParts.values()) if (sameLocation(p.location, location)) throw conflict('Documentation part already exists for the specified location');
  return out(addPart(api, location, input.properties));
}

function requirePart(api: RestApiState, id: string): DocumentationPartState {
  return api.documentationParts.require(id, () => notFound('Invalid Documentation part identifier specified'));
}

export function getDocumentationPart(input: T.GetDocumentationPartRequest, ctx: Ctx): T.DocumentationPart {
  return out(requirePart(ctx.backend.requireRestApi(input.restApiId), input.documentationPartId));
}

export function getDocumentationParts(input: T.GetDocumentationPartsRequest, ctx: Ctx): T.DocumentationParts {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const page = api.documentationParts.page(input.limit, input.position);
  const items = page.items.filter(
    (p) =>
      (input.type === undefined || p.location.type === input.type) &&
      (input.path === undefined || p.location.path === input.path) &&
      (input.nameQuery === undefined || (p.location.name ?? '').startsWith(input.nameQuery)),
  );
  return { items: items.map(out), position: page.position };
}

export function updateDocumentationPart(input: T.UpdateDocumentationPartRequest, ctx: Ctx): T.DocumentationPart {
  const part = requirePart(ctx.backend.requireRestApi(input.restApiId), input.documentationPartId);
  const patched = patchInPlace({ properties: part.properties }, input.patchOperations, replaceable('string', '/properties'));
  checkProperties(patched.properties);
  part.properties = patched.properties;
  return out(part);
}

export function deleteDocumentationPart(input: T.DeleteDocumentationPartRequest, ctx: Ctx): void {
  const api = ctx.backend.requireRestApi(input.restApiId);
  requirePart(api, input.documentationPartId);
  api.documentationParts.delete(input.documentationPartId);
}

/**
 * ImportDocumentationParts: the `documentationParts` of `x-amazon-apigateway-documentation` in an
 * OpenAPI / Swagger JSON body. `overwrite` replaces every part; `merge` (the default) replaces the
 * parts at the same locations and adds the rest. A part that cannot be read is a warning
 * (BadRequestException with failOnWarnings).
 */
export function importDocumentationParts(input: T.ImportDocumentationPartsRequest, ctx: Ctx): T.DocumentationPartIds {
  const api = ctx.backend.requireRestApi(input.restApiId);
  let doc: { 'x-amazon-apigateway-documentation'?: { documentationParts?: { location?: T.DocumentationPartLocation; properties?: unknown }[] } };
  try {
    doc = JSON.parse(Buffer.from(input.body).toString('utf8'));
  } catch {
    throw badRequest('Invalid OpenAPI input: the body is not JSON');
  }
  const entries = doc?.['x-amazon-apigateway-documentation']?.documentationParts ?? [];
  const warnings: string[] = [];
  const parts: { location: T.DocumentationPartLocation; properties: string }[] = [];
  entries.forEach((entry, i) => {
    try {
      const properties = JSON.stringify(entry.properties ?? {});
      checkProperties(properties);
      parts.push({ location: normalize(entry.location ?? ({} as T.DocumentationPartLocation)), properties });
    } catch (err) {
      warnings.push(`Documentation part ${i}: ${(err as Error).message}`);
    }
  });
  if (warnings.length && input.failOnWarnings) throw badRequest(`Warnings found during import:\n${warnings.join('\n')}`);
  if (input.mode === 'overwrite') for (const p of [...api.documentationParts.values()]) api.documentationParts.delete(p.id);
  const ids: string[] = [];
  for (const { location, properties } of parts) {
    const existing = [...api.documentationParts.values()].find((p) => sameLocation(p.location, location));
    if (existing) existing.properties = properties;
    ids.push((existing ?? addPart(api, location, properties)).id);
  }
  return { ids, warnings: warnings.length ? warnings : undefined };
}

// ---- Versions ----

export function createDocumentationVersion(input: T.CreateDocumentationVersionRequest, ctx: Ctx): T.DocumentationVersion {
  const api = ctx.backend.requireRestApi(input.restApiId);
  if (api.documentationVersions.get(input.documentationVersion)) throw conflict('Documentation version already exists');
  const stage = input.stageName === undefined ? undefined : api.stages.get(input.stageName);
  if (input.stageName !== undefined && !stage) throw badRequest('Invalid stage identifier specified');
  const version = {
    version: input.documentationVersion,
    description: input.description,
    createdDate: clock.date(),
    parts: [...api.documentationParts.values()].map(deepCopy),
  };
  api.documentationVersions.set(version.version, version);
  if (stage) stage.documentationVersion = version.version;
  return versionView(version);
}

function versionView(v: T.DocumentationVersion & { parts: unknown }): T.DocumentationVersion {
  const { parts: _p, ...rest } = v;
  return out(rest);
}

function requireVersion(api: RestApiState, version: string) {
  return api.documentationVersions.require(version, () => notFound('Invalid Documentation version identifier specified'));
}

export function getDocumentationVersion(input: T.GetDocumentationVersionRequest, ctx: Ctx): T.DocumentationVersion {
  return versionView(requireVersion(ctx.backend.requireRestApi(input.restApiId), input.documentationVersion));
}

export function getDocumentationVersions(input: T.GetDocumentationVersionsRequest, ctx: Ctx): T.DocumentationVersions {
  const page = ctx.backend.requireRestApi(input.restApiId).documentationVersions.page(input.limit, input.position);
  return { items: page.items.map(versionView), position: page.position };
}

export function updateDocumentationVersion(input: T.UpdateDocumentationVersionRequest, ctx: Ctx): T.DocumentationVersion {
  const version = requireVersion(ctx.backend.requireRestApi(input.restApiId), input.documentationVersion);
  return versionView(patchInPlace(version, input.patchOperations, replaceable('string', '/description')));
}

/** A version a stage is published with cannot be deleted. */
export function deleteDocumentationVersion(input: T.DeleteDocumentationVersionRequest, ctx: Ctx): void {
  const api = ctx.backend.requireRestApi(input.restApiId);
  requireVersion(api, input.documentationVersion);
  for (const stage of api.stages.values()) {
    if (stage.documentationVersion === input.documentationVersion) throw conflict(`Documentation version is in use by stage ${stage.stageName}`);
  }
  api.documentationVersions.delete(input.documentationVersion);
}
