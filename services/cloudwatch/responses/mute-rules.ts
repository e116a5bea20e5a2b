/** Alarm mute rules: Put (create or replace), Get, List (filtered, paged), Delete (idempotent, unmutes). */
import { clock } from '../../../src/core/clock';
import { invalidParameterValue, resourceNotFoundException } from '../exceptions';
import { type MuteRule, checkTimezone, muteStatus, muteType, parseDuration, parseSchedule, targets } from '../models/mute-rules';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';

/** ListAlarmMuteRules: "The default is 50." */
const DEFAULT_PAGE = 50;

export function putAlarmMuteRule(input: T.PutAlarmMuteRuleInput, ctx: Ctx) {
  const schedule = parseSchedule(input.Rule.Schedule.Expression);
  const durationMs = parseDuration(input.Rule.Schedule.Duration);
  if (input.Rule.Schedule.Timezone !== undefined) checkTimezone(input.Rule.Schedule.Timezone);
  if (input.StartDate && input.ExpireDate && input.ExpireDate.getTime() <= input.StartDate.getTime()) {
    throw invalidParameterValue('ExpireDate must be after StartDate.');
  }
  const backend = ctx.backend;
  const rule: MuteRule = { name: input.Name, arn: backend.muteRuleArn(input.Name), input, schedule, durationMs, updated: clock.now() };
  if (!backend.muteRules.has(input.Name)) backend.muteRuleNames.add(input.Name);
  backend.muteRules.set(input.Name, rule);
  if (input.Tags?.length) {
    let tags = backend.resourceTags.get(rule.arn);
    if (!tags) backend.resourceTags.set(rule.arn, (tags = new Map()));
    for (const t of input.Tags) tags.set(t.Key, t.Value);
  }
}

function found(name: string, ctx: Ctx): MuteRule {
  const rule = ctx.backend.muteRules.get(name);
  if (!rule) throw resourceNotFoundException(`Alarm mute rule ${name} does not exist.`);
  return rule;
}

export function getAlarmMuteRule(input: T.GetAlarmMuteRuleInput, ctx: Ctx): T.GetAlarmMuteRuleOutput {
  const rule = found(input.AlarmMuteRuleName, ctx);
  return {
    Name: rule.name,
    AlarmMuteRuleArn: rule.arn,
    Description: rule.input.Description,
    Rule: rule.input.Rule,
    MuteTargets: rule.input.MuteTargets,
    StartDate: rule.input.StartDate,
    ExpireDate: rule.input.ExpireDate,
    Status: muteStatus(rule, clock.now()),
    LastUpdatedTimestamp: new Date(rule.updated),
    MuteType: muteType(rule),
  };
}

export function listAlarmMuteRules(input: T.ListAlarmMuteRulesInput, ctx: Ctx) {
  const now = clock.now();
  const limit = input.MaxRecords ?? DEFAULT_PAGE;
  const after = decodeToken(input.NextToken);
  const statuses = input.Statuses?.length ? new Set(input.Statuses) : undefined;
  const summaries: T.AlarmMuteRuleSummary[] = [];
  let last: string | undefined;
  let more = false;
  for (const name of ctx.backend.muteRuleNames.from(after, true)) {
    const rule = ctx.backend.muteRules.get(name) as MuteRule;
    if (input.AlarmName !== undefined && !targets(rule, input.AlarmName)) continue;
    const status = muteStatus(rule, now);
    if (statuses && !statuses.has(status)) continue;
    if (summaries.length === limit) {
      more = true;
      break;
    }
    last = name;
    summaries.push({
      AlarmMuteRuleArn: rule.arn,
      ExpireDate: rule.input.ExpireDate,
      Status: status,
      MuteType: muteType(rule),
      LastUpdatedTimestamp: new Date(rule.updated),
    });
  }
  return { AlarmMuteRuleSummaries: summaries, NextToken: more && last !== undefined ? encodeToken(last) : undefined };
}

export async function deleteAlarmMuteRule(input: T.DeleteAlarmMuteRuleInput, ctx: Ctx) {
  await ctx.backend.deleteMuteRule(input.AlarmMuteRuleName);
}
