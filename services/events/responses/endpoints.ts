/** Global endpoints: stored with their routing and replication configuration; PutEvents does not route through them. */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { alreadyExists, constraint, notFound, validation } from '../exceptions';
import type { Endpoint } from '../models/resources';
import type { ReplicationConfig, RoutingConfig } from '../types';
import { type Ctx, checkLimit, checkName, pageByName } from './common';

const NAME = /^[.\-_A-Za-z0-9]+$/;

function endpointOf(name: string, ctx: Ctx): Endpoint {
  const e = ctx.backend.endpoints.get(name);
  if (!e) throw notFound(`Endpoint ${name} does not exist.`);
  return e;
}

function checkBuses(buses: Array<{ EventBusArn: string }>): void {
  if (buses.length !== 2) throw constraint('[...]', 'eventBuses', 'Member must have length between 2 and 2');
  const regions = buses.map((b) => /^arn:[^:]+:events:([^:]+):\d{12}:event-bus\/.+$/.exec(b.EventBusArn)?.[1]);
  if (regions.some((r) => r === undefined)) throw validation('Parameter EventBuses is not valid. Reason: Provided Arn is not in correct format.');
  if (regions[0] === regions[1]) throw validation('Parameter EventBuses is not valid. Reason: The event buses must be in different regions.');
}

const fields = (e: Endpoint) => ({
  Name: e.name,
  Description: e.description,
  Arn: e.arn,
  RoutingConfig: e.routingConfig,
  ReplicationConfig: e.replicationConfig,
  EventBuses: e.eventBuses,
  RoleArn: e.roleArn,
  EndpointId: e.endpointId,
  EndpointUrl: e.endpointUrl,
  State: e.state,
  CreationTime: e.creationTime,
  LastModifiedTime: e.lastModifiedTime,
});

export function createEndpoint(
  input: { Name: string; Description?: string; RoutingConfig: RoutingConfig; ReplicationConfig?: ReplicationConfig; EventBuses: Array<{ EventBusArn: string }>; RoleArn?: string },
  ctx: Ctx,
) {
  checkName(input.Name, 'name', NAME, '[\\.\\-_A-Za-z0-9]+', 64);
  if (ctx.backend.endpoints.has(input.Name)) throw alreadyExists(`Endpoint ${input.Name} already exists.`);
  checkBuses(input.EventBuses);
  const id = `${randomBytes(5).toString('hex').slice(0, 5)}.${randomBytes(2).toString('hex').slice(0, 3)}`;
  const now = clock.date();
  const e: Endpoint = {
    name: input.Name,
    arn: ctx.backend.arn(`endpoint/${input.Name}`),
    description: input.Description,
    routingConfig: input.RoutingConfig,
    replicationConfig: input.ReplicationConfig ?? { State: 'ENABLED' as const },
    eventBuses: input.EventBuses,
    roleArn: input.RoleArn,
    endpointId: id,
    endpointUrl: `https://${id}.endpoint.events.amazonaws.com`,
    state: 'ACTIVE',
    creationTime: now,
    lastModifiedTime: now,
  };
  ctx.backend.endpoints.set(e.name, e);
  return { Name: e.name, Arn: e.arn, RoutingConfig: e.routingConfig, ReplicationConfig: e.replicationConfig, EventBuses: e.eventBuses, RoleArn: e.roleArn, State: 'CREATING' };
}

export function describeEndpoint(input: { Name: string; HomeRegion?: string }, ctx: Ctx) {
  return fields(endpointOf(input.Name, ctx));
}

export function updateEndpoint(
  input: { Name: string; Description?: string; RoutingConfig?: RoutingConfig; ReplicationConfig?: ReplicationConfig; EventBuses?: Array<{ EventBusArn: string }>; RoleArn?: string },
  ctx: Ctx,
) {
  const e = endpointOf(input.Name, ctx);
  if (input.EventBuses) checkBuses(input.EventBuses);
  Object.assign(e, {
    description: input.Description ?? e.description,
    routingConfig: input.RoutingConfig ?? e.routingConfig,
    replicationConfig: input.ReplicationConfig ?? e.replicationConfig,
    eventBuses: input.EventBuses ?? e.eventBuses,
    roleArn: input.RoleArn ?? e.roleArn,
    lastModifiedTime: clock.date(),
  });
  const { Description: _d, CreationTime: _c, LastModifiedTime: _l, ...out } = fields(e);
  return { ...out, State: 'UPDATING' };
}

export function deleteEndpoint(input: { Name: string }, ctx: Ctx): void {
  endpointOf(input.Name, ctx);
  ctx.backend.endpoints.delete(input.Name);
}

export function listEndpoints(input: { NamePrefix?: string; HomeRegion?: string; NextToken?: string; MaxResults?: number }, ctx: Ctx) {
  const limit = checkLimit(input.MaxResults, 100, 'maxResults');
  const all = [...ctx.backend.endpoints.values()].filter((e) => e.name.startsWith(input.NamePrefix ?? ''));
  const { page, NextToken } = pageByName(all, (e) => e.name, input.NextToken, limit);
  return { Endpoints: page.map(fields), NextToken };
}
