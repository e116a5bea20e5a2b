/**
 * Delivery sources, delivery destinations (and their policies) and the
 * deliveries linking them. These APIs answer ValidationException,
 * ResourceNotFoundException and ConflictException (a resource in use, a
 * pair already linked). Stored only: see models/deliveries.ts.
 */
import { randomBytes } from 'node:crypto';
import { arn } from '../../../src/core/ids';
import { conflict, notFound, validation } from '../exceptions';
import { type DeliveryDestination, type DeliverySource, destinationTypeOf, type LogDelivery } from '../models/deliveries';
import { checkTags, type Ctx, decodeToken, encodeToken, limitOf } from './common';

type Tagged = { tags: Map<string, string> };

function tagsOut(r: Tagged): Record<string, string> | undefined {
  return r.tags.size ? Object.fromEntries(r.tags) : undefined;
}

/** One page of a name- (or id-) ordered map, limit 1–50 (default 50). */
function page<T>(items: Map<string, T>, input: { nextToken?: string; limit?: number }): { out: T[]; nextToken?: string } {
  const limit = limitOf(input.limit, 50);
  const after = decodeToken<string>(input.nextToken, (v) => typeof v === 'string');
  const keys = [...items.keys()].filter((k) => after === undefined || k > after).sort();
  const chosen = keys.slice(0, limit);
  return { out: chosen.map((k) => items.get(k) as T), nextToken: keys.length > limit ? encodeToken(chosen[chosen.length - 1]) : undefined };
}

// ---- delivery sources ----

function sourceOut(s: DeliverySource) {
  return {
    name: s.name,
    arn: s.arn,
    resourceArns: s.resourceArns,
    service: s.service,
    logType: s.logType,
    tags: tagsOut(s),
    deliverySourceConfiguration: s.deliverySourceConfiguration,
  };
}

function sourceOf(name: string, ctx: Ctx): DeliverySource {
  const s = ctx.backend.deliverySources.get(name);
  if (!s) throw notFound(`Delivery source ${name} does not exist.`);
  return s;
}

export function putDeliverySource(
  input: { name: string; resourceArn: string; logType: string; tags?: Record<string, string>; deliverySourceConfiguration?: Record<string, string> },
  ctx: Ctx,
) {
  const service = input.resourceArn.split(':')[2];
  if (!input.resourceArn.startsWith('arn:') || !service) throw validation(`Invalid resource ARN: ${input.resourceArn}`);
  checkTags(input.tags);
  const existing = ctx.backend.deliverySources.get(input.name);
  // An existing source keeps its resource and log type: an update changes only its configuration and tags.
  if (existing && (existing.resourceArns[0] !== input.resourceArn || existing.logType !== input.logType)) {
    throw conflict(`Delivery source ${input.name} already exists for a different resource or log type.`);
  }
  const source: DeliverySource = {
    name: input.name,
    arn: arn({ service: 'logs', region: ctx.region, account: ctx.account, resource: `delivery-source:${input.name}` }),
    resourceArns: [input.resourceArn],
    service,
    logType: input.logType,
    tags: new Map(Object.entries(input.tags ?? existing?.tags ?? {})),
    deliverySourceConfiguration: input.deliverySourceConfiguration,
  };
  ctx.backend.deliverySources.set(input.name, source);
  return { deliverySource: sourceOut(source) };
}

export function getDeliverySource(input: { name: string }, ctx: Ctx) {
  return { deliverySource: sourceOut(sourceOf(input.name, ctx)) };
}

export function describeDeliverySources(input: { nextToken?: string; limit?: number }, ctx: Ctx) {
  const { out, nextToken } = page(ctx.backend.deliverySources, input);
  return { deliverySources: out.map(sourceOut), nextToken };
}

export function deleteDeliverySource(input: { name: string }, ctx: Ctx): void {
  sourceOf(input.name, ctx);
  if ([...ctx.backend.logDeliveries.values()].some((d) => d.deliverySourceName === input.name)) {
    throw conflict(`Delivery source ${input.name} is used by a delivery; delete the delivery first.`);
  }
  ctx.backend.deliverySources.delete(input.name);
}

// ---- delivery destinations ----

function destinationOut(d: DeliveryDestination) {
  return {
    name: d.name,
    arn: d.arn,
    deliveryDestinationType: d.deliveryDestinationType,
    outputFormat: d.outputFormat,
    deliveryDestinationConfiguration: d.deliveryDestinationConfiguration,
    tags: tagsOut(d),
  };
}

function destinationOf(name: string, ctx: Ctx): DeliveryDestination {
  const d = ctx.backend.deliveryDestinations.get(name);
  if (!d) throw notFound(`Delivery destination ${name} does not exist.`);
  return d;
}

export function putDeliveryDestination(
  input: {
    name: string;
    outputFormat?: string;
    deliveryDestinationConfiguration?: { destinationResourceArn: string };
    deliveryDestinationType?: string;
    tags?: Record<string, string>;
  },
  ctx: Ctx,
) {
  const resourceArn = input.deliveryDestinationConfiguration?.destinationResourceArn;
  const implied = resourceArn === undefined ? undefined : destinationTypeOf(resourceArn);
  if (resourceArn !== undefined && implied === undefined) throw validation(`Invalid destination resource ARN: ${resourceArn}`);
  const type = input.deliveryDestinationType ?? implied;
  if (type === undefined) throw validation('deliveryDestinationConfiguration is required unless deliveryDestinationType is XRAY.');
  if (type === 'XRAY' ? resourceArn !== undefined : implied !== type) {
    throw validation(`The destination resource ARN does not match the delivery destination type ${type}.`);
  }
  checkTags(input.tags);
  const existing = ctx.backend.deliveryDestinations.get(input.name);
  if (existing && existing.deliveryDestinationType !== type) {
    throw conflict(`Delivery destination ${input.name} already exists with type ${existing.deliveryDestinationType}.`);
  }
  const destination: DeliveryDestination = {
    name: input.name,
    arn: arn({ service: 'logs', region: ctx.region, account: ctx.account, resource: `delivery-destination:${input.name}` }),
    deliveryDestinationType: type,
    outputFormat: input.outputFormat,
    deliveryDestinationConfiguration: input.deliveryDestinationConfiguration,
    tags: new Map(Object.entries(input.tags ?? existing?.tags ?? {})),
    policy: existing?.policy,
  };
  ctx.backend.deliveryDestinations.set(input.name, destination);
  return { deliveryDestination: destinationOut(destination) };
}

export function getDeliveryDestination(input: { name: string }, ctx: Ctx) {
  return { deliveryDestination: destinationOut(destinationOf(input.name, ctx)) };
}

export function describeDeliveryDestinations(input: { nextToken?: string; limit?: number }, ctx: Ctx) {
  const { out, nextToken } = page(ctx.backend.deliveryDestinations, input);
  return { deliveryDestinations: out.map(destinationOut), nextToken };
}

export function deleteDeliveryDestination(input: { name: string }, ctx: Ctx): void {
  const d = destinationOf(input.name, ctx);
  if ([...ctx.backend.logDeliveries.values()].some((x) => x.deliveryDestinationArn === d.arn)) {
    throw conflict(`Delivery destination ${input.name} is used by a delivery; delete the delivery first.`);
  }
  ctx.backend.deliveryDestinations.delete(input.name);
}

export function putDeliveryDestinationPolicy(input: { deliveryDestinationName: string; deliveryDestinationPolicy: string }, ctx: Ctx) {
  const d = destinationOf(input.deliveryDestinationName, ctx);
  try {
    JSON.parse(input.deliveryDestinationPolicy);
  } catch {
    throw validation('The delivery destination policy is not valid JSON.');
  }
  d.policy = input.deliveryDestinationPolicy;
  return { policy: { deliveryDestinationPolicy: d.policy } };
}

export function getDeliveryDestinationPolicy(input: { deliveryDestinationName: string }, ctx: Ctx) {
  const d = destinationOf(input.deliveryDestinationName, ctx);
  return { policy: d.policy === undefined ? {} : { deliveryDestinationPolicy: d.policy } };
}

export function deleteDeliveryDestinationPolicy(input: { deliveryDestinationName: string }, ctx: Ctx): void {
  const d = destinationOf(input.deliveryDestinationName, ctx);
  if (d.policy === undefined) throw notFound(`Delivery destination ${d.name} has no policy.`);
  d.policy = undefined;
}

// ---- deliveries ----

function deliveryOut(d: LogDelivery) {
  return {
    id: d.id,
    arn: d.arn,
    deliverySourceName: d.deliverySourceName,
    deliveryDestinationArn: d.deliveryDestinationArn,
    deliveryDestinationType: d.deliveryDestinationType,
    recordFields: d.recordFields,
    fieldDelimiter: d.fieldDelimiter,
    s3DeliveryConfiguration: d.s3DeliveryConfiguration,
    tags: tagsOut(d),
  };
}

function deliveryOf(id: string, ctx: Ctx): LogDelivery {
  const d = ctx.backend.logDeliveries.get(id);
  if (!d) throw notFound(`Delivery ${id} does not exist.`);
  return d;
}

function checkS3Configuration(type: string, s3?: LogDelivery['s3DeliveryConfiguration']): void {
  if (s3 !== undefined && type !== 'S3') throw validation('s3DeliveryConfiguration applies only to S3 delivery destinations.');
}

export function createDelivery(
  input: {
    deliverySourceName: string;
    deliveryDestinationArn: string;
    recordFields?: string[];
    fieldDelimiter?: string;
    s3DeliveryConfiguration?: LogDelivery['s3DeliveryConfiguration'];
    tags?: Record<string, string>;
  },
  ctx: Ctx,
) {
  sourceOf(input.deliverySourceName, ctx);
  const destination = [...ctx.backend.deliveryDestinations.values()].find((d) => d.arn === input.deliveryDestinationArn);
  if (!destination) throw notFound(`Delivery destination ${input.deliveryDestinationArn} does not exist.`);
  checkS3Configuration(destination.deliveryDestinationType, input.s3DeliveryConfiguration);
  checkTags(input.tags);
  for (const d of ctx.backend.logDeliveries.values()) {
    if (d.deliverySourceName === input.deliverySourceName && d.deliveryDestinationArn === destination.arn) {
      throw conflict(`A delivery from ${input.deliverySourceName} to ${destination.name} already exists.`);
    }
  }
  const id = randomBytes(8).toString('hex');
  const delivery: LogDelivery = {
    id,
    arn: arn({ service: 'logs', region: ctx.region, account: ctx.account, resource: `delivery:${id}` }),
    deliverySourceName: input.deliverySourceName,
    deliveryDestinationArn: destination.arn,
    deliveryDestinationType: destination.deliveryDestinationType,
    recordFields: input.recordFields,
    fieldDelimiter: input.fieldDelimiter,
    s3DeliveryConfiguration: input.s3DeliveryConfiguration,
    tags: new Map(Object.entries(input.tags ?? {})),
  };
  ctx.backend.logDeliveries.set(id, delivery);
  return { delivery: deliveryOut(delivery) };
}

export function getDelivery(input: { id: string }, ctx: Ctx) {
  return { delivery: deliveryOut(deliveryOf(input.id, ctx)) };
}

export function describeDeliveries(input: { nextToken?: string; limit?: number }, ctx: Ctx) {
  const { out, nextToken } = page(ctx.backend.logDeliveries, input);
  return { deliveries: out.map(deliveryOut), nextToken };
}

export function deleteDelivery(input: { id: string }, ctx: Ctx): void {
  deliveryOf(input.id, ctx);
  ctx.backend.logDeliveries.delete(input.id);
}

export function updateDeliveryConfiguration(
  input: { id: string; recordFields?: string[]; fieldDelimiter?: string; s3DeliveryConfiguration?: LogDelivery['s3DeliveryConfiguration'] },
  ctx: Ctx,
): void {
  const d = deliveryOf(input.id, ctx);
  checkS3Configuration(d.deliveryDestinationType, input.s3DeliveryConfiguration);
  if (input.recordFields !== undefined) d.recordFields = input.recordFields;
  if (input.fieldDelimiter !== undefined) d.fieldDelimiter = input.fieldDelimiter;
  if (input.s3DeliveryConfiguration !== undefined) d.s3DeliveryConfiguration = input.s3DeliveryConfiguration;
}
