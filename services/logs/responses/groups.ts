/** Log groups: create/delete/describe, retention, KMS keys, data protection, deletion protection, tags (both APIs). */
import { clock } from '../../../src/core/clock';
import { constraint, invalidParameter, notFound } from '../exceptions';
import { RETENTION_DAYS } from '../models/backend';
import type { LogGroup } from '../models/resources';
import { type Ctx, checkTags, decodeToken, encodeToken, groupOf, limitOf } from './common';

export function describeGroup(g: LogGroup) {
  return {
    logGroupName: g.name,
    creationTime: g.creationTime,
    retentionInDays: g.retentionInDays,
    metricFilterCount: g.metricFilters.size,
    arn: g.arn,
    logGroupArn: g.bareArn,
    storedBytes: g.storedBytes,
    kmsKeyId: g.kmsKeyId,
    dataProtectionStatus: g.dataProtectionPolicy ? 'ACTIVATED' : undefined,
    logGroupClass: g.logGroupClass,
    deletionProtectionEnabled: g.deletionProtectionEnabled,
  };
}

export function createLogGroup(
  input: { logGroupName: string; kmsKeyId?: string; tags?: Record<string, string>; logGroupClass?: string; deletionProtectionEnabled?: boolean },
  ctx: Ctx,
): void {
  checkTags(input.tags);
  ctx.backend.createGroup(input.logGroupName, input);
}

export function deleteLogGroup(input: { logGroupName: string }, ctx: Ctx): void {
  ctx.backend.deleteGroup(input.logGroupName);
}

export function describeLogGroups(
  input: { logGroupNamePrefix?: string; logGroupNamePattern?: string; nextToken?: string; limit?: number; logGroupClass?: string; logGroupIdentifiers?: string[] },
  ctx: Ctx,
) {
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const limit = limitOf(input.limit, 50);
  const after = decodeToken<string>(input.nextToken, (v) => typeof v === 'string');
  const prefix = input.logGroupNamePrefix ?? '';
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const ids = input.logGroupIdentifiers?.map((id) => (id.startsWith('arn:') ? (id.split(':log-group:')[1] ?? '').replace(/:\*$/, '') : id));
  const out: LogGroup[] = [];
  const start = after !== undefined && after >= prefix ? after : prefix || undefined;
  for (const name of ctx.backend.groupNames.from(start, after !== undefined && after >= prefix)) {
    if (!name.startsWith(prefix)) break;
    if (pattern !== undefined && !name.toLowerCase().includes(pattern)) continue;
    if (ids && !ids.includes(name)) continue;
    const g = ctx.backend.group(name);
    if (input.logGroupClass !== undefined && g.logGroupClass !== input.logGroupClass) continue;
    if (out.length === limit) return { logGroups: out.map(describeGroup), nextToken: encodeToken(out[out.length - 1].name) };
    out.push(g);
  }
  return { logGroups: out.map(describeGroup) };
}

export function putRetentionPolicy(input: { logGroupName: string; retentionInDays: number }, ctx: Ctx): void {
  if (!RETENTION_DAYS.includes(input.retentionInDays)) {
    throw constraint(input.retentionInDays, 'retentionInDays', `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
  }
  const g = ctx.backend.group(input.logGroupName);
  g.retentionInDays = input.retentionInDays;
  g.expire(clock.now());
}

export function deleteRetentionPolicy(input: { logGroupName: string }, ctx: Ctx): void {
  ctx.backend.group(input.logGroupName).retentionInDays = undefined;
}

export function associateKmsKey(input: { logGroupName?: string; kmsKeyId: string; resourceIdentifier?: string }, ctx: Ctx): void {
  if (input.resourceIdentifier !== undefined && input.logGroupName === undefined) {
    throw invalidParameter('Associating a KMS key with query results is not supported by mockaws.');
  }
  groupOf({ logGroupName: input.logGroupName }, ctx).kmsKeyId = input.kmsKeyId;
}

export function disassociateKmsKey(input: { logGroupName?: string }, ctx: Ctx): void {
  groupOf({ logGroupName: input.logGroupName }, ctx).kmsKeyId = undefined;
}

export function putLogGroupDeletionProtection(input: { logGroupIdentifier: string; deletionProtectionEnabled: boolean }, ctx: Ctx): void {
  ctx.backend.group(input.logGroupIdentifier).deletionProtectionEnabled = input.deletionProtectionEnabled;
}

export function putDataProtectionPolicy(input: { logGroupIdentifier: string; policyDocument: string }, ctx: Ctx) {
  const g = ctx.backend.group(input.logGroupIdentifier);
  try {
    JSON.parse(input.policyDocument);
  } catch {
    throw invalidParameter('The policy document is not valid JSON.');
  }
  g.dataProtectionPolicy = { policyDocument: input.policyDocument, lastUpdatedTime: clock.now() };
  return { logGroupIdentifier: input.logGroupIdentifier, ...g.dataProtectionPolicy };
}

export function getDataProtectionPolicy(input: { logGroupIdentifier: string }, ctx: Ctx) {
  const g = ctx.backend.group(input.logGroupIdentifier);
  return { logGroupIdentifier: input.logGroupIdentifier, ...g.dataProtectionPolicy };
}

export function deleteDataProtectionPolicy(input: { logGroupIdentifier: string }, ctx: Ctx): void {
  const g = ctx.backend.group(input.logGroupIdentifier);
  if (!g.dataProtectionPolicy) throw notFound('The specified data protection policy does not exist.');
  g.dataProtectionPolicy = undefined;
}

// ---- tags: the legacy per-group API and the ARN-based one ----

function setTags(g: LogGroup, tags: Record<string, string>): void {
  const added = Object.keys(tags).filter((k) => !g.tags.has(k)).length;
  checkTags(tags, g.tags.size + added - Object.keys(tags).length);
  for (const [k, v] of Object.entries(tags)) g.tags.set(k, v);
}

export function tagLogGroup(input: { logGroupName: string; tags: Record<string, string> }, ctx: Ctx): void {
  setTags(ctx.backend.group(input.logGroupName), input.tags);
}

export function untagLogGroup(input: { logGroupName: string; tags: string[] }, ctx: Ctx): void {
  const g = ctx.backend.group(input.logGroupName);
  for (const k of input.tags) g.tags.delete(k);
}

export function listTagsLogGroup(input: { logGroupName: string }, ctx: Ctx) {
  return { tags: Object.fromEntries(ctx.backend.group(input.logGroupName).tags) };
}

/** Taggable ARNs: log groups (with or without `:*`) and destinations. */
function taggable(resourceArn: string, ctx: Ctx): Map<string, string> {
  if (resourceArn.includes(':log-group:')) return ctx.backend.group(resourceArn).tags;
  for (const d of ctx.backend.destinations.values()) if (d.arn === resourceArn) return d.tags;
  throw notFound(`The specified resource does not exist.`);
}

export function tagResource(input: { resourceArn: string; tags: Record<string, string> }, ctx: Ctx): void {
  const tags = taggable(input.resourceArn, ctx);
  checkTags(input.tags, tags.size);
  for (const [k, v] of Object.entries(input.tags)) tags.set(k, v);
}

export function untagResource(input: { resourceArn: string; tagKeys: string[] }, ctx: Ctx): void {
  const tags = taggable(input.resourceArn, ctx);
  for (const k of input.tagKeys) tags.delete(k);
}

export function listTagsForResource(input: { resourceArn: string }, ctx: Ctx) {
  return { tags: Object.fromEntries(taggable(input.resourceArn, ctx)) };
}

function wildcardMatch(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(value);
}

/**
 * ListLogGroups: name-ordered pages (default 50, up to 1,000) of name, ARN and
 * class. The name pattern is up to five `|`-separated alternatives, each a
 * case-sensitive substring or, with `^`, a prefix. Tag filters are ANDed; a
 * filter's values are alternatives with `*` wildcards. The fake keeps no data
 * sources or field indexes, so filtering on them returns no group.
 */
export function listLogGroups(
  input: {
    logGroupNamePattern?: string;
    logGroupClass?: string;
    nextToken?: string;
    limit?: number;
    dataSources?: unknown[];
    fieldIndexNames?: string[];
    logGroupTags?: Array<{ key: string; values?: string[] }>;
  },
  ctx: Ctx,
) {
  const limit = limitOf(input.limit, 1000, 50);
  const after = decodeToken<string>(input.nextToken, (v) => typeof v === 'string');
  const alternatives = input.logGroupNamePattern?.split('|');
  const nameMatches = (name: string) =>
    alternatives === undefined || alternatives.some((a) => (a.startsWith('^') ? name.startsWith(a.slice(1)) : name.includes(a)));
  const tagsMatch = (g: LogGroup) =>
    (input.logGroupTags ?? []).every((f) => {
      const v = g.tags.get(f.key);
      return v !== undefined && (!f.values?.length || f.values.some((p) => wildcardMatch(p, v)));
    });
  const out: LogGroup[] = [];
  if (input.dataSources?.length || input.fieldIndexNames?.length) return { logGroups: [] };
  for (const name of ctx.backend.groupNames.from(after, after !== undefined)) {
    if (!nameMatches(name)) continue;
    const g = ctx.backend.group(name);
    if ((input.logGroupClass !== undefined && g.logGroupClass !== input.logGroupClass) || !tagsMatch(g)) continue;
    if (out.length === limit) return { logGroups: out.map(summary), nextToken: encodeToken(out[out.length - 1].name) };
    out.push(g);
  }
  return { logGroups: out.map(summary) };
}

function summary(g: LogGroup) {
  return { logGroupName: g.name, logGroupArn: g.bareArn, logGroupClass: g.logGroupClass };
}
