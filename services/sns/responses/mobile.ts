/**
 * Mobile push (platform applications and endpoints) and SMS settings. Pushes
 * and texts are recorded in the backend's `deliveries`, never sent.
 */
import { randomUUID } from 'node:crypto';
import { arn } from '../../../src/core/ids';
import { invalidParameter, notFound } from '../exceptions';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken, requireMembers } from './common';

const PLATFORMS = new Set(['ADM', 'APNS', 'APNS_SANDBOX', 'BAIDU', 'GCM', 'MPNS', 'WNS']);

function application(ctx: Ctx, appArn: string) {
  const app = ctx.backend.applications.get(appArn);
  if (!app) throw notFound('PlatformApplication does not exist');
  return app;
}

function endpoint(ctx: Ctx, endpointArn: string) {
  const e = ctx.backend.endpoints.get(endpointArn);
  if (!e) throw notFound('Endpoint does not exist');
  return e;
}

export function createPlatformApplication(input: T.CreatePlatformApplicationInput, ctx: Ctx) {
  requireMembers(input, 'Name', 'Platform', 'Attributes');
  if (!PLATFORMS.has(input.Platform)) throw invalidParameter('Platform');
  if (!/^[A-Za-z0-9_.-]{1,256}$/.test(input.Name)) throw invalidParameter('Name');
  const appArn = arn({ service: 'sns', region: ctx.region, account: ctx.account, resource: `app/${input.Platform}/${input.Name}` });
  const { PlatformCredential: _c, PlatformPrincipal: _p, ...visible } = input.Attributes;
  ctx.backend.putApplication({
    arn: appArn,
    name: input.Name,
    platform: input.Platform,
    attributes: { Enabled: 'true', ...visible },
    endpoints: ctx.backend.applications.get(appArn)?.endpoints ?? new SortedKeySet(),
  });
  return { PlatformApplicationArn: appArn };
}

export function getPlatformApplicationAttributes(input: T.GetPlatformApplicationAttributesInput, ctx: Ctx) {
  requireMembers(input, 'PlatformApplicationArn');
  return { Attributes: application(ctx, input.PlatformApplicationArn).attributes };
}

export function setPlatformApplicationAttributes(input: T.SetPlatformApplicationAttributesInput, ctx: Ctx) {
  requireMembers(input, 'PlatformApplicationArn', 'Attributes');
  const { PlatformCredential: _c, PlatformPrincipal: _p, ...visible } = input.Attributes;
  Object.assign(application(ctx, input.PlatformApplicationArn).attributes, visible);
  return {};
}

export function listPlatformApplications(input: T.ListPlatformApplicationsInput, ctx: Ctx) {
  const { keys, next } = ctx.backend.applicationArns.page(decodeToken(input.NextToken), 100);
  return {
    PlatformApplications: keys.map((k) => ({ PlatformApplicationArn: k, Attributes: application(ctx, k).attributes })),
    NextToken: encodeToken(next),
  };
}

export function deletePlatformApplication(input: T.DeletePlatformApplicationInput, ctx: Ctx) {
  requireMembers(input, 'PlatformApplicationArn');
  ctx.backend.deleteApplication(input.PlatformApplicationArn);
  return {};
}

/** `Enabled` as SNS keeps it: lower-case `true`/`false`. */
function withEnabledNormalized(attributes: Record<string, string> | undefined): Record<string, string> {
  const out = { ...attributes };
  if (out.Enabled !== undefined) out.Enabled = out.Enabled.toLowerCase();
  return out;
}

/**
 * The same token twice returns the existing endpoint when nothing else differs
 * (SNS is idempotent on token); the same token with other CustomUserData or
 * Enabled is refused, naming the endpoint that has it.
 */
export function createPlatformEndpoint(input: T.CreatePlatformEndpointInput, ctx: Ctx) {
  requireMembers(input, 'PlatformApplicationArn', 'Token');
  const app = application(ctx, input.PlatformApplicationArn);
  const attributes = {
    Enabled: 'true',
    Token: input.Token,
    ...(input.CustomUserData !== undefined ? { CustomUserData: input.CustomUserData } : {}),
    ...withEnabledNormalized(input.Attributes),
  };
  for (const e of app.endpoints) {
    const existing = ctx.backend.endpoints.get(e);
    if (existing?.attributes.Token !== input.Token) continue;
    const same =
      existing.attributes.CustomUserData === attributes.CustomUserData && existing.attributes.Enabled === attributes.Enabled;
    if (same) return { EndpointArn: existing.arn };
    throw invalidParameter('Token', `Endpoint ${existing.arn} already exists with the same Token, but different attributes.`);
  }
  const endpointArn = `${app.arn.replace(':app/', ':endpoint/')}/${randomUUID()}`;
  ctx.backend.endpoints.set(endpointArn, { arn: endpointArn, applicationArn: app.arn, attributes });
  app.endpoints.add(endpointArn);
  return { EndpointArn: endpointArn };
}

export function getEndpointAttributes(input: T.GetEndpointAttributesInput, ctx: Ctx) {
  requireMembers(input, 'EndpointArn');
  return { Attributes: endpoint(ctx, input.EndpointArn).attributes };
}

export function setEndpointAttributes(input: T.SetEndpointAttributesInput, ctx: Ctx) {
  requireMembers(input, 'EndpointArn', 'Attributes');
  Object.assign(endpoint(ctx, input.EndpointArn).attributes, withEnabledNormalized(input.Attributes));
  return {};
}

export function deleteEndpoint(input: T.DeleteEndpointInput, ctx: Ctx) {
  requireMembers(input, 'EndpointArn');
  const e = ctx.backend.endpoints.get(input.EndpointArn);
  if (e) ctx.backend.applications.get(e.applicationArn)?.endpoints.delete(e.arn);
  ctx.backend.endpoints.delete(input.EndpointArn);
  return {};
}

export function listEndpointsByPlatformApplication(input: T.ListEndpointsByPlatformApplicationInput, ctx: Ctx) {
  requireMembers(input, 'PlatformApplicationArn');
  const app = application(ctx, input.PlatformApplicationArn);
  const { keys, next } = app.endpoints.page(decodeToken(input.NextToken), 100);
  return { Endpoints: keys.map((k) => ({ EndpointArn: k, Attributes: endpoint(ctx, k).attributes })), NextToken: encodeToken(next) };
}

export function setSMSAttributes(input: T.SetSMSAttributesInput, ctx: Ctx) {
  requireMembers(input, 'attributes');
  Object.assign(ctx.backend.smsAttributes, input.attributes);
  return {};
}

export function getSMSAttributes(input: T.GetSMSAttributesInput, ctx: Ctx) {
  const all = ctx.backend.smsAttributes;
  const names = input.attributes?.length ? input.attributes : Object.keys(all);
  return { attributes: Object.fromEntries(names.filter((n) => all[n] !== undefined).map((n) => [n, all[n]])) };
}

export function checkIfPhoneNumberIsOptedOut(input: T.CheckIfPhoneNumberIsOptedOutInput, ctx: Ctx) {
  requireMembers(input, 'phoneNumber');
  return { isOptedOut: ctx.backend.optedOut.has(input.phoneNumber) };
}

export function listPhoneNumbersOptedOut(_input: T.ListPhoneNumbersOptedOutInput, ctx: Ctx) {
  return { phoneNumbers: [...ctx.backend.optedOut].sort() };
}

export function optInPhoneNumber(input: T.OptInPhoneNumberInput, ctx: Ctx) {
  requireMembers(input, 'phoneNumber');
  ctx.backend.optedOut.delete(input.phoneNumber);
  return {};
}
