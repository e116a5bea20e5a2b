/**
 * Managed login branding styles (CreateManagedLoginBranding, Describe,
 * DescribeManagedLoginBrandingByClient, Update, Delete): a settings document
 * and image assets for one app client. UseCognitoProvidedValues means
 * Cognito's defaults and excludes settings and assets; an update keeps what it
 * does not name (settings merge key by key, assets by category and color mode).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { Branding, UserPool } from '../models/pool';
import type { AssetType, CognitoidpOperations, ManagedLoginBrandingType } from '../types';

/** Categories whose file type is fixed by their name. */
const FIXED_EXTENSION: Record<string, string> = { FAVICON_ICO: 'ICO', FAVICON_SVG: 'SVG' };

const assetKey = (a: AssetType) => `${a.Category}|${a.ColorMode}`;

function checkAssets(assets: AssetType[] | undefined): AssetType[] {
  const seen = new Set<string>();
  for (const asset of assets ?? []) {
    const fixed = FIXED_EXTENSION[asset.Category];
    if (fixed && asset.Extension !== fixed) throw invalidParameter(`Asset category ${asset.Category} requires extension ${fixed}.`);
    if (!asset.Bytes?.length) throw invalidParameter(`Asset ${asset.Category} (${asset.ColorMode}) has no Bytes.`);
    if (seen.has(assetKey(asset))) throw invalidParameter(`Asset category ${asset.Category} appears more than once for color mode ${asset.ColorMode}.`);
    seen.add(assetKey(asset));
  }
  return (assets ?? []).map((a) => ({ ...a, Bytes: Buffer.from(a.Bytes as Uint8Array) }));
}

function checkSettings(settings: unknown): Record<string, unknown> | undefined {
  if (settings === undefined || settings === null) return undefined;
  if (typeof settings !== 'object' || Array.isArray(settings)) throw invalidParameter('Settings must be a JSON object.');
  return settings as Record<string, unknown>;
}

function checkDefaults(input: { UseCognitoProvidedValues?: boolean; Settings?: unknown; Assets?: AssetType[] }): void {
  if (input.UseCognitoProvidedValues && (input.Settings !== undefined || input.Assets?.length)) {
    throw invalidParameter('Settings and Assets cannot be provided when UseCognitoProvidedValues is true.');
  }
}

/** Update's merge: objects key by key, anything else replaced. */
function merge(base: unknown, patch: unknown): unknown {
  if (!base || !patch || typeof base !== 'object' || typeof patch !== 'object' || Array.isArray(base) || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = Object.assign(Object.create(null), base);
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return { ...out };
}

function shape(pool: UserPool, b: Branding): ManagedLoginBrandingType {
  return {
    ManagedLoginBrandingId: b.id,
    UserPoolId: pool.id,
    UseCognitoProvidedValues: b.useCognitoProvidedValues,
    ...(b.settings ? { Settings: b.settings } : {}),
    Assets: b.assets,
    CreationDate: new Date(b.created),
    LastModifiedDate: new Date(b.modified),
  };
}

function brandingOf(pool: UserPool, id: string | undefined): Branding {
  const branding = id ? pool.brandings.get(id) : undefined;
  if (!branding) throw resourceNotFound(`Managed login branding ${id} does not exist.`);
  return branding;
}

export const brandingOfClient = (pool: UserPool, clientId: string) => [...pool.brandings.values()].find((b) => b.clientId === clientId);

export const branding: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateManagedLoginBranding(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    ctx.backend.client(input.ClientId, input.UserPoolId);
    checkDefaults(input);
    const settings = checkSettings(input.Settings);
    const assets = checkAssets(input.Assets);
    if (brandingOfClient(pool, input.ClientId)) {
      throw new AwsError('ManagedLoginBrandingExistsException', `App client ${input.ClientId} already has a managed login branding style.`, { status: 400 });
    }
    const now = clock.now();
    const created: Branding = { id: randomUUID(), clientId: input.ClientId, useCognitoProvidedValues: input.UseCognitoProvidedValues ?? false, settings, assets, created: now, modified: now };
    pool.brandings.set(created.id, created);
    return { ManagedLoginBranding: shape(pool, created) };
  },

  DescribeManagedLoginBranding(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    return { ManagedLoginBranding: shape(pool, brandingOf(pool, input.ManagedLoginBrandingId)) };
  },

  DescribeManagedLoginBrandingByClient(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    ctx.backend.client(input.ClientId, input.UserPoolId);
    const found = brandingOfClient(pool, input.ClientId);
    if (!found) throw resourceNotFound(`App client ${input.ClientId} has no managed login branding style.`);
    return { ManagedLoginBranding: shape(pool, found) };
  },

  UpdateManagedLoginBranding(input, ctx) {
    // Both members are optional in the model; Cognito needs them to find the style.
    if (!input.UserPoolId) throw invalidParameter('UserPoolId is required.');
    const pool = ctx.backend.pool(input.UserPoolId);
    const current = brandingOf(pool, input.ManagedLoginBrandingId);
    checkDefaults(input);
    const settings = checkSettings(input.Settings);
    const assets = checkAssets(input.Assets);
    if (input.UseCognitoProvidedValues) {
      Object.assign(current, { useCognitoProvidedValues: true, settings: undefined, assets: [] });
    } else {
      const byKey = new Map(current.assets.map((a) => [assetKey(a), a]));
      for (const a of assets) byKey.set(assetKey(a), a);
      current.useCognitoProvidedValues = settings || assets.length ? false : current.useCognitoProvidedValues;
      current.settings = settings ? (merge(current.settings ?? {}, settings) as Record<string, unknown>) : current.settings;
      current.assets = [...byKey.values()];
    }
    current.modified = clock.now();
    return { ManagedLoginBranding: shape(pool, current) };
  },

  DeleteManagedLoginBranding(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    brandingOf(pool, input.ManagedLoginBrandingId);
    pool.brandings.delete(input.ManagedLoginBrandingId);
    return {};
  },
};
