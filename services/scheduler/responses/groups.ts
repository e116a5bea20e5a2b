/** Schedule groups and their tags (groups are the taggable Scheduler resource). */
import { clock } from '../../../src/core/clock';
import { conflict, notFound, validation } from '../exceptions';
import type { ScheduleGroup } from '../models/backend';
import { type Ctx, checkMax, checkName, page } from './common';

const summary = (g: ScheduleGroup) => ({ Arn: g.arn, Name: g.name, State: 'ACTIVE', CreationDate: g.creationDate, LastModificationDate: g.lastModificationDate });

function checkTags(tags: Array<{ Key: string; Value: string }>, existing: number): void {
  if (tags.length + existing > 200) throw validation('A schedule group can have at most 200 tags.');
  for (const t of tags) {
    if (t.Key.length < 1 || t.Key.length > 128 || t.Value.length > 256) throw validation(`Invalid tag ${t.Key}.`);
  }
}

export function createScheduleGroup(input: { Name: string; Tags?: Array<{ Key: string; Value: string }> }, ctx: Ctx) {
  checkName(input.Name, 'name');
  if (ctx.backend.groups.has(input.Name)) throw conflict(`Schedule group ${input.Name} already exists.`);
  checkTags(input.Tags ?? [], 0);
  const g = ctx.backend.addGroup(input.Name);
  for (const t of input.Tags ?? []) g.tags.set(t.Key, t.Value);
  return { ScheduleGroupArn: g.arn };
}

export function getScheduleGroup(input: { Name: string }, ctx: Ctx) {
  return summary(ctx.backend.group(input.Name));
}

export function deleteScheduleGroup(input: { Name: string }, ctx: Ctx) {
  if (input.Name === 'default') throw validation('Cannot delete the default schedule group.');
  const g = ctx.backend.group(input.Name);
  // Deleting a group deletes its schedules.
  for (const s of [...g.schedules.values()]) ctx.backend.remove(s);
  ctx.backend.groups.delete(g.name);
  return {};
}

export function listScheduleGroups(input: { NamePrefix?: string; NextToken?: string; MaxResults?: number }, ctx: Ctx) {
  const max = checkMax(input.MaxResults);
  const all = [...ctx.backend.groups.values()].filter((g) => g.name.startsWith(input.NamePrefix ?? ''));
  const { out, NextToken } = page(all, (g) => g.name, input.NextToken, max);
  return { ScheduleGroups: out.map(summary), NextToken };
}

function groupByArn(resourceArn: string, ctx: Ctx): ScheduleGroup {
  const name = /:schedule-group\/([^/]+)$/.exec(resourceArn)?.[1];
  const g = name === undefined ? undefined : ctx.backend.groups.get(name);
  if (!g || g.arn !== resourceArn) throw notFound(`Resource ${resourceArn} does not exist.`);
  return g;
}

export function tagResource(input: { ResourceArn: string; Tags: Array<{ Key: string; Value: string }> }, ctx: Ctx) {
  const g = groupByArn(input.ResourceArn, ctx);
  checkTags(input.Tags, g.tags.size);
  for (const t of input.Tags) g.tags.set(t.Key, t.Value);
  g.lastModificationDate = clock.date();
  return {};
}

export function untagResource(input: { ResourceArn: string; TagKeys: string[] }, ctx: Ctx) {
  const g = groupByArn(input.ResourceArn, ctx);
  for (const k of input.TagKeys) g.tags.delete(k);
  return {};
}

export function listTagsForResource(input: { ResourceArn: string }, ctx: Ctx) {
  return { Tags: [...groupByArn(input.ResourceArn, ctx).tags].map(([Key, Value]) => ({ Key, Value })) };
}
