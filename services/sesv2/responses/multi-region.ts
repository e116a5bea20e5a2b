/**
 * Multi-region endpoints (global endpoints): the region the call is made in
 * is the primary, the request names the one secondary region. An endpoint
 * is CREATING until ENDPOINT_SETUP_MS have passed on the clock, then READY.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { exists, invalid, notFound } from '../exceptions';
import { ENDPOINT_SETUP_MS, type MultiRegionEndpoint } from '../models/resources';
import type * as T from '../types';
import { type Ctx, page, setTags } from './common';

const status = (e: MultiRegionEndpoint) => (clock.now() >= e.readyAt ? 'READY' : 'CREATING');

function endpoint(name: string, ctx: Ctx): MultiRegionEndpoint {
  const e = ctx.backend.multiRegionEndpoints.get(name);
  if (!e) throw notFound(`Multi-region endpoint ${name} does not exist.`);
  return e;
}

export function createMultiRegionEndpoint(input: T.CreateMultiRegionEndpointRequest, ctx: Ctx): T.CreateMultiRegionEndpointResponse {
  const b = ctx.backend;
  const routes = input.Details.RoutesDetails;
  if (routes.length !== 1) throw invalid('RoutesDetails must contain exactly one route configuration.');
  const secondary = routes[0].Region;
  if (secondary === b.region) throw invalid(`The secondary region must differ from the primary region ${b.region}.`);
  if (b.multiRegionEndpoints.has(input.EndpointName)) throw exists(`Multi-region endpoint ${input.EndpointName} already exists.`);
  const now = clock.date();
  const e: MultiRegionEndpoint = {
    name: input.EndpointName,
    id: `${randomBytes(4).toString('hex')}.${randomBytes(2).toString('hex')}`,
    regions: [b.region, secondary],
    created: now,
    readyAt: now.getTime() + ENDPOINT_SETUP_MS,
    tags: new Map(),
  };
  setTags(e.tags, input.Tags);
  b.multiRegionEndpoints.set(e.name, e);
  return { Status: status(e), EndpointId: e.id };
}

export function getMultiRegionEndpoint(input: { EndpointName: string }, ctx: Ctx): T.GetMultiRegionEndpointResponse {
  const e = endpoint(input.EndpointName, ctx);
  const ready = new Date(Math.min(e.readyAt, clock.now()));
  return {
    EndpointName: e.name,
    EndpointId: e.id,
    Routes: e.regions.map((Region) => ({ Region })),
    Status: status(e),
    CreatedTimestamp: e.created,
    LastUpdatedTimestamp: status(e) === 'READY' ? ready : e.created,
  };
}

/** The endpoint goes at once; the answer says DELETING as AWS's does while it tears down. */
export function deleteMultiRegionEndpoint(input: { EndpointName: string }, ctx: Ctx): T.DeleteMultiRegionEndpointResponse {
  const e = endpoint(input.EndpointName, ctx);
  ctx.backend.multiRegionEndpoints.delete(e.name);
  return { Status: 'DELETING' };
}

export function listMultiRegionEndpoints(input: { NextToken?: string; PageSize?: number }, ctx: Ctx): T.ListMultiRegionEndpointsResponse {
  const { out, NextToken } = page(ctx.backend.multiRegionEndpoints.values(), (e) => e.name, input.NextToken, input.PageSize ?? 100);
  return {
    MultiRegionEndpoints: out.map((e) => ({
      EndpointName: e.name,
      Status: status(e),
      EndpointId: e.id,
      Regions: [...e.regions],
      CreatedTimestamp: e.created,
      LastUpdatedTimestamp: status(e) === 'READY' ? new Date(e.readyAt) : e.created,
    })),
    NextToken,
  };
}
