/** Rules: event patterns and schedules, enable/disable, listings, TestEventPattern. */
import { clock } from '../../../src/core/clock';
import { parseSchedule } from '../../../src/core/events/schedule';
import { managedRule, validation } from '../exceptions';
import { DEFAULT_BUS } from '../models/backend';
import { compileEventPattern, parsePatternText } from '../models/pattern';
import type { Rule } from '../models/resources';
import { applyTags, type Ctx, checkLimit, checkName, pageByName } from './common';

const RULE_NAME = /^[.\-_A-Za-z0-9]+$/;

export function describeRuleFields(rule: Rule) {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    ManagedBy: rule.managedBy,
    EventBusName: rule.busName,
  };
}

export function putRule(
  input: { Name: string; ScheduleExpression?: string; EventPattern?: string; State?: string; Description?: string; RoleArn?: string; Tags?: Array<{ Key?: string; Value?: string }>; EventBusName?: string },
  ctx: Ctx,
) {
  checkName(input.Name, 'name', RULE_NAME, '[\\.\\-_A-Za-z0-9]+', 64);
  if (input.EventPattern === undefined && input.ScheduleExpression === undefined) {
    throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  const bus = ctx.backend.bus(input.EventBusName);
  if (input.ScheduleExpression !== undefined && bus.name !== DEFAULT_BUS) {
    throw validation('ScheduleExpression is supported only on the default event bus.');
  }
  // Compiled and parsed here to refuse bad input; the backend derives them again from the stored text.
  if (input.EventPattern !== undefined) compileEventPattern(input.EventPattern);
  const anchor = clock.now();
  const schedule = input.ScheduleExpression !== undefined ? parseSchedule(input.ScheduleExpression, { anchor }) : undefined;
  if (input.ScheduleExpression !== undefined && !schedule) throw validation('Parameter ScheduleExpression is not valid.');
  const existing = bus.rules.get(input.Name);
  if (existing?.managedBy) throw managedRule(`Rule ${input.Name} is managed by ${existing.managedBy} and cannot be changed.`);
  const rule: Rule = existing ?? {
    name: input.Name,
    arn: ctx.backend.ruleArn(bus.name, input.Name),
    busName: bus.name,
    state: 'ENABLED',
    createdBy: ctx.account,
    targets: new Map(),
    tags: new Map(),
  };
  if (!existing) applyTags(rule.tags, input.Tags);
  Object.assign(rule, {
    eventPattern: input.EventPattern,
    scheduleExpression: input.ScheduleExpression,
    scheduleAnchor: schedule ? anchor : undefined,
    state: input.State ?? 'ENABLED',
    description: input.Description ?? existing?.description,
    roleArn: input.RoleArn ?? existing?.roleArn,
  });
  bus.rules.set(rule.name, rule);
  bus.ruleNames.add(rule.name);
  ctx.backend.definitionChanged(rule);
  ctx.backend.armSchedule(rule);
  return { RuleArn: rule.arn };
}

export function deleteRule(input: { Name: string; EventBusName?: string; Force?: boolean }, ctx: Ctx): void {
  const bus = ctx.backend.bus(input.EventBusName);
  const rule = bus.rules.get(input.Name);
  if (!rule) return; // deleting a rule that does not exist succeeds
  if (rule.managedBy && !input.Force) throw managedRule(`Rule ${input.Name} is managed by ${rule.managedBy}; use Force to delete it.`);
  if (rule.targets.size > 0) throw validation("Rule can't be deleted since it has targets.");
  ctx.backend.deleteRuleState(bus, rule);
}

export function describeRule(input: { Name: string; EventBusName?: string }, ctx: Ctx) {
  const bus = ctx.backend.bus(input.EventBusName);
  const rule = ctx.backend.rule(bus, input.Name);
  return { ...describeRuleFields(rule), CreatedBy: rule.createdBy };
}

function setState(input: { Name: string; EventBusName?: string }, ctx: Ctx, state: string): void {
  const bus = ctx.backend.bus(input.EventBusName);
  const rule = ctx.backend.rule(bus, input.Name);
  rule.state = state;
  ctx.backend.armSchedule(rule);
}

export const enableRule = (input: { Name: string; EventBusName?: string }, ctx: Ctx) => setState(input, ctx, 'ENABLED');
export const disableRule = (input: { Name: string; EventBusName?: string }, ctx: Ctx) => setState(input, ctx, 'DISABLED');

export function listRules(input: { NamePrefix?: string; EventBusName?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const bus = ctx.backend.bus(input.EventBusName);
  const rules = [...bus.rules.values()].filter((r) => r.name.startsWith(input.NamePrefix ?? ''));
  const { page, NextToken } = pageByName(rules, (r) => r.name, input.NextToken, limit);
  return { Rules: page.map(describeRuleFields), NextToken };
}

export function listRuleNamesByTarget(input: { TargetArn: string; EventBusName?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const bus = ctx.backend.bus(input.EventBusName);
  const rules = [...bus.rules.values()].filter((r) => [...r.targets.values()].some((t) => t.Arn === input.TargetArn));
  const { page, NextToken } = pageByName(rules, (r) => r.name, input.NextToken, limit);
  return { RuleNames: page.map((r) => r.name), NextToken };
}

const EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

export function testEventPattern(input: { EventPattern: string; Event: string }) {
  const compiled = compileEventPattern(input.EventPattern);
  let event: unknown;
  try {
    event = JSON.parse(input.Event);
  } catch {
    throw validation('Parameter Event is not valid.');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) throw validation('Parameter Event is not valid.');
  const missing = EVENT_FIELDS.filter((f) => !Object.hasOwn(event as object, f));
  if (missing.length) throw validation(`Parameter Event is not valid. Reason: Provided Event is missing required fields: ${missing.join(', ')}`);
  if (!Array.isArray((event as Record<string, unknown>).resources)) throw validation('Parameter Event is not valid. Reason: resources must be an array.');
  parsePatternText(input.EventPattern);
  return { Result: compiled.matches(event) };
}
