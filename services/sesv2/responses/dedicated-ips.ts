/**
 * Dedicated IPs and their pools. A new account leases no dedicated IPs, so
 * GetDedicatedIps answers an empty list until a test leases one
 * (`backend.leaseDedicatedIp(ip)`, standing for the lease AWS makes);
 * pools are stored with their scaling mode and tags.
 */
import { exists, invalid, notFound } from '../exceptions';
import type { DedicatedIp, DedicatedIpPool } from '../models/resources';
import type * as T from '../types';
import { type Ctx, page, setTags } from './common';

function pool(name: string, ctx: Ctx): DedicatedIpPool {
  const p = ctx.backend.dedicatedIpPools.get(name);
  if (!p) throw notFound(`Pool ${name} does not exist.`);
  return p;
}

function ip(address: string, ctx: Ctx): DedicatedIp {
  const found = ctx.backend.dedicatedIps.get(address);
  if (!found) throw notFound(`${address} does not exist.`);
  return found;
}

const view = (d: DedicatedIp): T.DedicatedIp => ({
  Ip: d.ip,
  WarmupStatus: d.warmupPercentage >= 100 ? 'DONE' : 'IN_PROGRESS',
  WarmupPercentage: d.warmupPercentage,
  PoolName: d.pool,
});

export function createDedicatedIpPool(input: T.CreateDedicatedIpPoolRequest, ctx: Ctx) {
  const b = ctx.backend;
  if (b.dedicatedIpPools.has(input.PoolName)) throw exists(`Pool ${input.PoolName} already exists.`);
  const p: DedicatedIpPool = { name: input.PoolName, scalingMode: input.ScalingMode === 'MANAGED' ? 'MANAGED' : 'STANDARD', tags: new Map() };
  setTags(p.tags, input.Tags);
  b.dedicatedIpPools.set(p.name, p);
  return {};
}

export function getDedicatedIpPool(input: { PoolName: string }, ctx: Ctx): T.GetDedicatedIpPoolResponse {
  const p = pool(input.PoolName, ctx);
  return { DedicatedIpPool: { PoolName: p.name, ScalingMode: p.scalingMode } };
}

/** Deleting a pool leaves its IPs leased, in no pool. */
export function deleteDedicatedIpPool(input: { PoolName: string }, ctx: Ctx) {
  const p = pool(input.PoolName, ctx);
  for (const d of ctx.backend.dedicatedIps.values()) if (d.pool === p.name) d.pool = undefined;
  ctx.backend.dedicatedIpPools.delete(p.name);
  return {};
}

export function listDedicatedIpPools(input: { NextToken?: string; PageSize?: number }, ctx: Ctx): T.ListDedicatedIpPoolsResponse {
  const { out, NextToken } = page(ctx.backend.dedicatedIpPools.keys(), (n) => n, input.NextToken, input.PageSize ?? 100);
  return { DedicatedIpPools: out, NextToken };
}

export function putDedicatedIpPoolScalingAttributes(input: T.PutDedicatedIpPoolScalingAttributesRequest, ctx: Ctx) {
  const p = pool(input.PoolName, ctx);
  if (p.scalingMode === 'MANAGED' && input.ScalingMode === 'STANDARD') throw invalid('MANAGED pools cannot be converted to STANDARD scaling mode.');
  p.scalingMode = input.ScalingMode as DedicatedIpPool['scalingMode'];
  return {};
}

export function getDedicatedIp(input: { Ip: string }, ctx: Ctx): T.GetDedicatedIpResponse {
  return { DedicatedIp: view(ip(input.Ip, ctx)) };
}

export function getDedicatedIps(input: T.GetDedicatedIpsRequest, ctx: Ctx): T.GetDedicatedIpsResponse {
  if (input.PoolName !== undefined) pool(input.PoolName, ctx);
  const all = [...ctx.backend.dedicatedIps.values()].filter((d) => input.PoolName === undefined || d.pool === input.PoolName);
  const { out, NextToken } = page(all, (d) => d.ip, input.NextToken, input.PageSize ?? 100);
  return { DedicatedIps: out.map(view), NextToken };
}

export function putDedicatedIpInPool(input: T.PutDedicatedIpInPoolRequest, ctx: Ctx) {
  const d = ip(input.Ip, ctx);
  d.pool = pool(input.DestinationPoolName, ctx).name;
  return {};
}

export function putDedicatedIpWarmupAttributes(input: T.PutDedicatedIpWarmupAttributesRequest, ctx: Ctx) {
  const d = ip(input.Ip, ctx);
  if (input.WarmupPercentage < 0 || input.WarmupPercentage > 100) throw invalid('WarmupPercentage must be between 0 and 100.');
  d.warmupPercentage = input.WarmupPercentage;
  return {};
}

export function putAccountDedicatedIpWarmupAttributes(input: T.PutAccountDedicatedIpWarmupAttributesRequest, ctx: Ctx) {
  ctx.backend.dedicatedIpAutoWarmup = Boolean(input.AutoWarmupEnabled);
  return {};
}
