/** Layers and their versions. */
import { resourceMissing, validation } from '../exceptions';
import { lambdaTime, layerArn } from '../models/arns';
import { loadCode } from '../models/code';
import { Layer, type LayerVersion } from '../models/layers';
import type {
  DeleteLayerVersionRequest,
  GetLayerVersionByArnRequest,
  GetLayerVersionRequest,
  ListLayersRequest,
  ListLayerVersionsRequest,
  PublishLayerVersionRequest,
} from '../types';
import { type Ctx, page } from './common';

const LAYER_NAME = /^[a-zA-Z0-9-_]{1,64}$/;

/** A layer name or layer ARN parameter → the name. */
function nameOf(value: string): string {
  const m = /^arn:[a-zA-Z0-9-]+:lambda:[a-z0-9-]+:\d{12}:layer:([a-zA-Z0-9-_]+)$/.exec(value);
  const name = m ? m[1] : value;
  if (!LAYER_NAME.test(name)) {
    throw validation(`1 validation error detected: Value '${value}' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+`);
  }
  return name;
}

export function layerVersionOf(ctx: Ctx, layerName: string, version: number): { layer: Layer; version: LayerVersion } {
  const layer = ctx.backend.layer(nameOf(layerName));
  const v = layer?.versions.get(version);
  if (!layer || !v) throw resourceMissing();
  return { layer, version: v };
}

function view(ctx: Ctx, layer: Layer, v: LayerVersion) {
  return {
    Content: {
      Location: `https://awslambda-${ctx.backend.region}-layers.s3.${ctx.backend.region}.amazonaws.com/snapshots/${ctx.backend.account}/${layer.name}-${v.version}`,
      CodeSha256: v.code.sha256,
      CodeSize: v.code.size,
    },
    LayerArn: layerArn(ctx.backend.region, ctx.backend.account, layer.name),
    LayerVersionArn: layerArn(ctx.backend.region, ctx.backend.account, layer.name, v.version),
    Description: v.description,
    CreatedDate: lambdaTime(v.createdAt),
    Version: v.version,
    CompatibleArchitectures: v.compatibleArchitectures,
    CompatibleRuntimes: v.compatibleRuntimes,
    LicenseInfo: v.license,
  };
}

function listItem(ctx: Ctx, layer: Layer, v: LayerVersion) {
  const { Content: _content, LayerArn: _arn, ...rest } = view(ctx, layer, v);
  return rest;
}

function compatible(v: LayerVersion, runtime?: string, arch?: string): boolean {
  return (!runtime || (v.compatibleRuntimes ?? []).includes(runtime)) && (!arch || (v.compatibleArchitectures ?? []).includes(arch));
}

export async function publishLayerVersion(input: PublishLayerVersionRequest, ctx: Ctx) {
  const name = nameOf(input.LayerName);
  if ((input.CompatibleRuntimes?.length ?? 0) > 15) throw validation(`1 validation error detected: Value at 'compatibleRuntimes' failed to satisfy constraint: Member must have length less than or equal to 15`);
  const code = await loadCode(input.Content, ctx.backends, ctx.backend.account, ctx.backend.region);
  let layer = ctx.backend.layers.get(name);
  if (!layer) {
    layer = new Layer(name);
    ctx.backend.layers.set(name, layer);
    ctx.backend.layerNames.add(name);
  }
  const v = layer.publish({
    description: input.Description ?? '',
    code,
    compatibleRuntimes: input.CompatibleRuntimes,
    compatibleArchitectures: input.CompatibleArchitectures,
    license: input.LicenseInfo,
  });
  return view(ctx, layer, v);
}

export function getLayerVersion(input: GetLayerVersionRequest, ctx: Ctx) {
  const { layer, version } = layerVersionOf(ctx, input.LayerName, input.VersionNumber);
  return view(ctx, layer, version);
}

export function getLayerVersionByArn(input: GetLayerVersionByArnRequest, ctx: Ctx) {
  const found = ctx.backend.layerVersionByArn(input.Arn);
  if (!found) {
    if (!/^arn:[a-zA-Z0-9-]+:lambda:[a-z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+$/.test(input.Arn)) {
      throw validation(`1 validation error detected: Value '${input.Arn}' at 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)`);
    }
    throw resourceMissing();
  }
  return view(ctx, found.layer, found.version);
}

export function deleteLayerVersion(input: DeleteLayerVersionRequest, ctx: Ctx) {
  const layer = ctx.backend.layer(nameOf(input.LayerName));
  // Deleting a version that is not there succeeds, as in Lambda.
  layer?.versions.delete(input.VersionNumber);
  if (layer && layer.versions.size === 0) {
    ctx.backend.layers.delete(layer.name);
    ctx.backend.layerNames.delete(layer.name);
  }
}

export function listLayers(input: ListLayersRequest, ctx: Ctx) {
  const rows: Array<{ layer: Layer; v: LayerVersion }> = [];
  for (const name of ctx.backend.layerNames) {
    const layer = ctx.backend.layers.get(name) as Layer;
    const v = layer.newestFirst().find((x) => compatible(x, input.CompatibleRuntime, input.CompatibleArchitecture));
    if (v) rows.push({ layer, v });
  }
  const { items, next } = page(rows, (r) => r.layer.name, input.Marker, input.MaxItems, 50);
  return {
    Layers: items.map((r) => ({ LayerName: r.layer.name, LayerArn: layerArn(ctx.backend.region, ctx.backend.account, r.layer.name), LatestMatchingVersion: listItem(ctx, r.layer, r.v) })),
    NextMarker: next,
  };
}

export function listLayerVersions(input: ListLayerVersionsRequest, ctx: Ctx) {
  const layer = ctx.backend.layer(nameOf(input.LayerName));
  const all = layer ? layer.newestFirst().filter((v) => compatible(v, input.CompatibleRuntime, input.CompatibleArchitecture)) : [];
  const { items, next } = page(all, (v) => String(v.version).padStart(12, '0'), input.Marker, input.MaxItems, 50);
  return { LayerVersions: items.map((v) => listItem(ctx, layer as Layer, v)), NextMarker: next };
}
