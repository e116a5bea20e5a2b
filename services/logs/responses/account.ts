/** Account-level resources: resource policies, destinations, export tasks. */

import { clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import { constraint, invalidParameter, limitExceeded, notFound } from '../exceptions';
import { type ExportTask, runExport } from '../models/export';
import { type Ctx, decodeToken, encodeToken, limitOf } from './common';

function parseJson(text: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw invalidParameter('The policy document is not valid JSON.');
  }
}

export function putResourcePolicy(input: { policyName?: string; policyDocument?: string }, ctx: Ctx) {
  if (input.policyName === undefined || input.policyDocument === undefined) {
    throw invalidParameter('policyName and policyDocument are required.');
  }
  parseJson(input.policyDocument);
  const policies = ctx.backend.resourcePolicies;
  // Ten resource policies per account and region.
  if (!policies.has(input.policyName) && policies.size >= 10) throw limitExceeded('Resource limit exceeded.');
  const policy = { policyName: input.policyName, policyDocument: input.policyDocument, lastUpdatedTime: clock.now() };
  policies.set(input.policyName, policy);
  return { resourcePolicy: { ...policy, policyScope: 'ACCOUNT' }, revisionId: String(policy.lastUpdatedTime) };
}

export function describeResourcePolicies(input: { nextToken?: string; limit?: number }, ctx: Ctx) {
  const limit = limitOf(input.limit, 50);
  const after = decodeToken<number>(input.nextToken, (v) => typeof v === 'number') ?? 0;
  const all = [...ctx.backend.resourcePolicies.values()];
  return {
    resourcePolicies: all.slice(after, after + limit).map((p) => ({ ...p, policyScope: 'ACCOUNT' })),
    nextToken: after + limit < all.length ? encodeToken(after + limit) : undefined,
  };
}

export function deleteResourcePolicy(input: { policyName?: string }, ctx: Ctx): void {
  if (input.policyName === undefined || !ctx.backend.resourcePolicies.delete(input.policyName)) {
    throw notFound(`Policy with name [${String(input.policyName)}] does not exist`);
  }
}

export function putDestination(input: { destinationName: string; targetArn: string; roleArn: string; tags?: Record<string, string> }, ctx: Ctx) {
  if (!/^[^:*]{1,512}$/.test(input.destinationName)) {
    throw constraint(input.destinationName, 'destinationName', 'Member must satisfy regular expression pattern: [^:*]*');
  }
  const existing = ctx.backend.destinations.get(input.destinationName);
  const destination = {
    destinationName: input.destinationName,
    targetArn: input.targetArn,
    roleArn: input.roleArn,
    accessPolicy: existing?.accessPolicy,
    arn: arn({ service: 'logs', region: ctx.region, account: ctx.account, resource: `destination:${input.destinationName}` }),
    creationTime: existing?.creationTime ?? clock.now(),
    tags: existing?.tags ?? new Map(Object.entries(input.tags ?? {})),
  };
  ctx.backend.destinations.set(input.destinationName, destination);
  return { destination: describeDestination(destination) };
}

function describeDestination(d: { destinationName: string; targetArn: string; roleArn: string; accessPolicy?: string; arn: string; creationTime: number }) {
  return { destinationName: d.destinationName, targetArn: d.targetArn, roleArn: d.roleArn, accessPolicy: d.accessPolicy, arn: d.arn, creationTime: d.creationTime };
}

export function putDestinationPolicy(input: { destinationName: string; accessPolicy: string }, ctx: Ctx): void {
  const d = ctx.backend.destinations.get(input.destinationName);
  if (!d) throw notFound('The specified destination does not exist.');
  parseJson(input.accessPolicy);
  d.accessPolicy = input.accessPolicy;
}

export function describeDestinations(input: { DestinationNamePrefix?: string; nextToken?: string; limit?: number }, ctx: Ctx) {
  const limit = limitOf(input.limit, 50);
  const after = decodeToken<string>(input.nextToken, (v) => typeof v === 'string');
  const all = [...ctx.backend.destinations.values()]
    .filter((d) => d.destinationName.startsWith(input.DestinationNamePrefix ?? '') && (after === undefined || d.destinationName > after))
    .sort((a, b) => (a.destinationName < b.destinationName ? -1 : 1));
  const page = all.slice(0, limit);
  return {
    destinations: page.map(describeDestination),
    nextToken: all.length > limit ? encodeToken(page[page.length - 1].destinationName) : undefined,
  };
}

export function deleteDestination(input: { destinationName: string }, ctx: Ctx): void {
  if (!ctx.backend.destinations.delete(input.destinationName)) throw notFound('The specified destination does not exist.');
}

export async function createExportTask(
  input: { taskName?: string; logGroupName: string; logStreamNamePrefix?: string; from: number; to: number; destination: string; destinationPrefix?: string },
  ctx: Ctx,
) {
  const task = await runExport(ctx.backend, input);
  return { taskId: task.taskId };
}

function describeTask(t: ExportTask) {
  return { ...t };
}

export function describeExportTasks(input: { taskId?: string; statusCode?: string; nextToken?: string; limit?: number }, ctx: Ctx) {
  const limit = limitOf(input.limit, 50);
  const after = decodeToken<number>(input.nextToken, (v) => typeof v === 'number') ?? 0;
  if (input.taskId !== undefined && !ctx.backend.exportTasks.has(input.taskId)) throw notFound('The specified export task does not exist.');
  const all = [...ctx.backend.exportTasks.values()].filter(
    (t) => (input.taskId === undefined || t.taskId === input.taskId) && (input.statusCode === undefined || t.status.code === input.statusCode),
  );
  return {
    exportTasks: all.slice(after, after + limit).map(describeTask),
    nextToken: after + limit < all.length ? encodeToken(after + limit) : undefined,
  };
}

export function cancelExportTask(input: { taskId: string }, ctx: Ctx): void {
  const t = ctx.backend.exportTasks.get(input.taskId);
  if (!t) throw notFound('The specified export task does not exist.');
  if (t.status.code !== 'PENDING' && t.status.code !== 'RUNNING') {
    throw invalidParameter(`Export Task with status ${t.status.code} cannot be canceled`);
  }
  t.status = { code: 'CANCELLED', message: 'Cancelled by user' };
}

