/**
 * Queue lifecycle and configuration: create, find, list, delete, purge,
 * attributes, tags, permissions and dead-letter source listing.
 */
import { clock } from '../../../src/core/clock';
import { partitionOf } from '../../../src/core/ids';
import { invalidAttributeName, invalidParameterValue, invalidValue } from '../exceptions';
import { normalizeAttributes, READ_ONLY, SETTABLE } from '../models/queue-attributes';
import type * as T from '../types';
import { type Ctx, backendFor, checkRange, queueOf, queueUrl, requireMembers } from './common';

export function createQueue(input: T.CreateQueueRequest, ctx: Ctx) {
  requireMembers(input, 'QueueName');
  checkTags(input.tags);
  const queue = ctx.backend.createQueue(input.QueueName, input.Attributes, input.tags);
  return { QueueUrl: queueUrl(queue, ctx) };
}

export async function getQueueUrl(input: T.GetQueueUrlRequest, ctx: Ctx) {
  requireMembers(input, 'QueueName');
  const backend = await backendFor(ctx, input.QueueOwnerAWSAccountId ?? ctx.account);
  return { QueueUrl: queueUrl(backend.getQueue(input.QueueName), ctx) };
}

/** NextToken is the last name of the previous page, base64-encoded. */
function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const name = Buffer.from(token, 'base64').toString('utf8');
  if (!name || Buffer.from(name).toString('base64') !== token) throw invalidParameterValue('Invalid NextToken value.');
  return name;
}

function page(names: string[], more: boolean, maxResults: number | undefined) {
  return more && maxResults !== undefined ? Buffer.from(names[names.length - 1]).toString('base64') : undefined;
}

export function listQueues(input: T.ListQueuesRequest, ctx: Ctx) {
  checkRange(input.MaxResults, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
  const after = decodeToken(input.NextToken);
  const limit = input.MaxResults ?? 1000;
  const { names, more } = ctx.backend.listNames(input.QueueNamePrefix ?? '', after, limit);
  const urls = names.map((n) => queueUrl(ctx.backend.getQueue(n), ctx));
  return { QueueUrls: urls.length ? urls : undefined, NextToken: page(names, more, input.MaxResults) };
}

export async function deleteQueue(input: T.DeleteQueueRequest, ctx: Ctx) {
  const { queue, backend } = await queueOf(input, ctx);
  backend.deleteQueue(queue.name);
  return {};
}

export async function purgeQueue(input: T.PurgeQueueRequest, ctx: Ctx) {
  const { queue } = await queueOf(input, ctx);
  queue.purge(clock.now(), queueUrl(queue, ctx));
  return {};
}

export async function getQueueAttributes(input: T.GetQueueAttributesRequest, ctx: Ctx) {
  const { queue } = await queueOf(input, ctx);
  const names = input.AttributeNames ?? [];
  for (const n of names) {
    if (n !== 'All' && !SETTABLE.includes(n) && !READ_ONLY.includes(n)) throw invalidAttributeName(n);
  }
  if (names.length === 0) return {};
  const all = queue.allAttributes(clock.now());
  const want = names.includes('All') ? Object.keys(all) : names;
  const Attributes: Record<string, string> = {};
  for (const n of want) if (all[n] !== undefined) Attributes[n] = all[n];
  return Object.keys(Attributes).length ? { Attributes } : {};
}

export async function setQueueAttributes(input: T.SetQueueAttributesRequest, ctx: Ctx) {
  requireMembers(input, 'Attributes');
  const { queue, backend } = await queueOf(input, ctx);
  const attrs = normalizeAttributes(input.Attributes, queue.fifo, false);
  backend.checkRedrive(queue.name, attrs);
  queue.setAttributes(attrs, clock.now());
  return {};
}

function checkTags(tags: Record<string, string> | undefined): void {
  const keys = Object.keys(tags ?? {});
  if (keys.length > 50) throw invalidParameterValue('Too many tags added for queue.');
  for (const k of keys) {
    if (k.length === 0 || k.length > 128) throw invalidParameterValue(`Tag key must be between 1 and 128 characters: ${k}`);
    if ((tags as Record<string, string>)[k].length > 256) throw invalidParameterValue('Tag value must be at most 256 characters.');
  }
}

export async function tagQueue(input: T.TagQueueRequest, ctx: Ctx) {
  requireMembers(input, 'Tags');
  const { queue } = await queueOf(input, ctx);
  checkTags(input.Tags);
  const merged = new Set([...queue.tags.keys(), ...Object.keys(input.Tags)]);
  if (merged.size > 50) throw invalidParameterValue('Too many tags added for queue.');
  for (const [k, v] of Object.entries(input.Tags)) queue.tags.set(k, v);
  return {};
}

export async function untagQueue(input: T.UntagQueueRequest, ctx: Ctx) {
  requireMembers(input, 'TagKeys');
  const { queue } = await queueOf(input, ctx);
  for (const k of input.TagKeys) queue.tags.delete(k);
  return {};
}

export async function listQueueTags(input: T.ListQueueTagsRequest, ctx: Ctx) {
  const { queue } = await queueOf(input, ctx);
  return queue.tags.size ? { Tags: Object.fromEntries(queue.tags) } : {};
}

interface PolicyDoc {
  Version: string;
  Id?: string;
  Statement: Array<{ Sid?: string; [k: string]: unknown }>;
}

export async function addPermission(input: T.AddPermissionRequest, ctx: Ctx) {
  requireMembers(input, 'Label', 'AWSAccountIds', 'Actions');
  if (!input.AWSAccountIds.length) throw missingList('AWSAccountIds');
  if (!input.Actions.length) throw missingList('Actions');
  const { queue } = await queueOf(input, ctx);
  const policy: PolicyDoc = queue.attributes.Policy
    ? JSON.parse(queue.attributes.Policy)
    : { Version: '2012-10-17', Id: `${queue.arn}/SQSDefaultPolicy`, Statement: [] };
  if (policy.Statement.some((s) => s.Sid === input.Label)) {
    throw invalidValue(input.Label, 'Label', 'Already exists.');
  }
  const partition = partitionOf(ctx.region);
  policy.Statement.push({
    Sid: input.Label,
    Effect: 'Allow',
    Principal: { AWS: input.AWSAccountIds.map((a) => `arn:${partition}:iam::${a}:root`) },
    Action: input.Actions.map((a) => `SQS:${a}`),
    Resource: queue.arn,
  });
  queue.setAttributes({ Policy: JSON.stringify(policy) }, clock.now());
  return {};
}

function missingList(name: string) {
  return invalidParameterValue(`The request must contain the parameter ${name}.`);
}

export async function removePermission(input: T.RemovePermissionRequest, ctx: Ctx) {
  requireMembers(input, 'Label');
  const { queue } = await queueOf(input, ctx);
  const policy: PolicyDoc | undefined = queue.attributes.Policy ? JSON.parse(queue.attributes.Policy) : undefined;
  const kept = policy?.Statement.filter((s) => s.Sid !== input.Label);
  if (!policy || !kept || kept.length === policy.Statement.length) {
    throw invalidValue(input.Label, 'Label', "can't find label on existing policy.");
  }
  queue.setAttributes({ Policy: kept.length ? JSON.stringify({ ...policy, Statement: kept }) : '' }, clock.now());
  return {};
}

export async function listDeadLetterSourceQueues(input: T.ListDeadLetterSourceQueuesRequest, ctx: Ctx) {
  checkRange(input.MaxResults, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
  const { queue, backend } = await queueOf(input, ctx);
  const after = decodeToken(input.NextToken);
  const sources = backend.deadLetterSources(queue.arn).filter((q) => after === undefined || q.name > after);
  const limit = input.MaxResults ?? 1000;
  const pageQueues = sources.slice(0, limit);
  const names = pageQueues.map((q) => q.name);
  return {
    queueUrls: pageQueues.map((q) => queueUrl(q, ctx)),
    NextToken: page(names, sources.length > limit, input.MaxResults),
  };
}
