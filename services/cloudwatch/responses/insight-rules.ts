/** Contributor Insights rules: Put / Describe / Delete / Enable / Disable, and GetInsightRuleReport from the Logs backend's events. */
import { arn } from '../../../src/core/ids';
import { invalidParameterValue, limitExceeded, resourceNotFoundException } from '../exceptions';
import { type InsightRuleRecord, parseDefinition, report } from '../models/insight-rules';
import { managedDefinition, managedRuleName, templatesFor } from '../models/managed-rules';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';

/** Rules per account and region (Contributor Insights quota). */
const RULE_LIMIT = 100;
const REPORT_METRICS = new Set(['UniqueContributors', 'MaxContributorValue', 'SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum']);

/** The Logs backend's groups (services/logs/models/backend.ts), duck-typed: only their events are read. */
interface LogGroups {
  groups: Map<string, { streams: Map<string, { events: Array<{ timestamp: number; message: string }> }> }>;
}

/** Managed rules: ListManagedInsightRules / PutManagedInsightRules (models/managed-rules.ts). */
export function listManagedInsightRules(input: T.ListManagedInsightRulesInput, ctx: Ctx) {
  const found = templatesFor(input.ResourceARN);
  if (!found) throw invalidParameterValue(`The parameter ResourceARN is not a valid ARN: ${input.ResourceARN}`);
  const after = decodeToken(input.NextToken);
  const all = found.templates.filter((t) => after === undefined || t.name > after);
  const page = all.slice(0, input.MaxResults ?? 100);
  return {
    ManagedRules: page.map((t) => {
      const rule = ctx.backend.insightRules.get(managedRuleName(t.name, found.id));
      const enabled = rule?.managed?.resourceArn === input.ResourceARN ? rule : undefined;
      return {
        TemplateName: t.name,
        ResourceARN: enabled ? input.ResourceARN : undefined,
        RuleState: enabled ? { RuleName: enabled.name, State: enabled.state } : undefined,
      };
    }),
    NextToken: all.length > page.length ? encodeToken(page[page.length - 1].name) : undefined,
  };
}

/** Creates (or re-enables) each managed rule; an unknown template for the resource is a failure of that rule alone. */
export function putManagedInsightRules(input: T.PutManagedInsightRulesInput, ctx: Ctx) {
  const failures: T.PartialFailure[] = [];
  const rules = ctx.backend.insightRules;
  for (const m of input.ManagedRules) {
    const found = templatesFor(m.ResourceARN);
    const template = found?.templates.find((t) => t.name === m.TemplateName);
    if (!found || !template) {
      failures.push({
        FailureResource: m.TemplateName,
        ExceptionType: 'InvalidParameterValueException',
        FailureCode: '400',
        FailureDescription: `Template ${m.TemplateName} is not available for resource ${m.ResourceARN}.`,
      });
      continue;
    }
    const name = managedRuleName(template.name, found.id);
    const existing = rules.get(name);
    if (existing) {
      existing.state = 'ENABLED';
      continue;
    }
    if (rules.size >= RULE_LIMIT) {
      failures.push({ FailureResource: m.TemplateName, ExceptionType: 'LimitExceededException', FailureCode: '400', FailureDescription: `The maximum number of rules (${RULE_LIMIT}) has been reached.` });
      continue;
    }
    const parsed = managedDefinition(template);
    const rule: InsightRuleRecord = {
      name,
      arn: insightRuleArn(ctx, name),
      state: 'ENABLED',
      definition: JSON.stringify({ Schema: { Name: 'CloudWatchLogRule', Version: 1 }, ...parsed, Contribution: { Keys: parsed.Keys, ValueOf: parsed.ValueOf, Filters: [] } }),
      parsed,
      applyOnTransformedLogs: false,
      managed: { templateName: template.name, resourceArn: m.ResourceARN },
    };
    rules.set(name, rule);
    ctx.backend.insightRuleNames.add(name);
    // "If you are using this operation to update an existing Contributor Insights rule, any tags that you specify in this parameter are ignored."
    if (m.Tags?.length) ctx.backend.resourceTags.set(rule.arn, new Map(m.Tags.map((t) => [t.Key, t.Value])));
  }
  return { Failures: failures };
}

export function insightRuleArn(ctx: Ctx, name: string): string {
  return arn({ service: 'cloudwatch', region: ctx.region, account: ctx.account, resource: `insight-rule/${name}` });
}

export function putInsightRule(input: T.PutInsightRuleInput, ctx: Ctx) {
  const rules = ctx.backend.insightRules;
  const parsed = parseDefinition(input.RuleDefinition);
  const state = input.RuleState ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') throw invalidParameterValue(`RuleState must be ENABLED or DISABLED, not ${state}.`);
  const existing = rules.get(input.RuleName);
  if (existing?.managed) throw invalidParameterValue(`Rule ${input.RuleName} is a managed rule; managed rules cannot be edited with PutInsightRule.`);
  if (!existing && rules.size >= RULE_LIMIT) throw limitExceeded(`The maximum number of rules (${RULE_LIMIT}) has been reached.`);
  const rule: InsightRuleRecord = {
    name: input.RuleName,
    arn: insightRuleArn(ctx, input.RuleName),
    state,
    definition: input.RuleDefinition,
    parsed,
    applyOnTransformedLogs: input.ApplyOnTransformedLogs ?? false,
  };
  rules.set(rule.name, rule);
  ctx.backend.insightRuleNames.add(rule.name);
  if (!existing && input.Tags?.length) ctx.backend.resourceTags.set(rule.arn, new Map(input.Tags.map((t) => [t.Key, t.Value])));
  return {};
}

export function describeInsightRules(input: T.DescribeInsightRulesInput, ctx: Ctx) {
  const b = ctx.backend;
  const page = b.insightRuleNames.page(decodeToken(input.NextToken), input.MaxResults ?? 500);
  return {
    InsightRules: page.keys.map((name) => {
      const r = b.insightRules.get(name) as InsightRuleRecord;
      return { Name: r.name, State: r.state, Schema: 'CloudWatchLogRule/1', Definition: r.definition, ManagedRule: r.managed !== undefined, ApplyOnTransformedLogs: r.applyOnTransformedLogs };
    }),
    NextToken: page.next !== undefined ? encodeToken(page.next) : undefined,
  };
}

/** Applies `f` to each named rule; names that are not rules come back as failures. */
function each(names: string[], ctx: Ctx, f: (rule: InsightRuleRecord) => void) {
  const failures: T.PartialFailure[] = [];
  for (const name of names) {
    const rule = ctx.backend.insightRules.get(name);
    if (!rule) {
      failures.push({ FailureResource: name, ExceptionType: 'ResourceNotFoundException', FailureCode: '404', FailureDescription: `Rule ${name} does not exist.` });
      continue;
    }
    f(rule);
  }
  return { Failures: failures };
}

export function deleteInsightRules(input: T.DeleteInsightRulesInput, ctx: Ctx) {
  return each(input.RuleNames, ctx, (rule) => {
    ctx.backend.insightRules.delete(rule.name);
    ctx.backend.insightRuleNames.delete(rule.name);
    ctx.backend.resourceTags.delete(rule.arn);
  });
}

export function enableInsightRules(input: T.EnableInsightRulesInput, ctx: Ctx) {
  return each(input.RuleNames, ctx, (rule) => {
    rule.state = 'ENABLED';
  });
}

export function disableInsightRules(input: T.DisableInsightRulesInput, ctx: Ctx) {
  return each(input.RuleNames, ctx, (rule) => {
    rule.state = 'DISABLED';
  });
}

/** Log group names match exactly, or by prefix when the pattern ends in `*`. */
const groupMatches = (patterns: string[], name: string) => patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));

export async function getInsightRuleReport(input: T.GetInsightRuleReportInput, ctx: Ctx) {
  const rule = ctx.backend.insightRules.get(input.RuleName);
  if (!rule) throw resourceNotFoundException(`Rule ${input.RuleName} does not exist.`);
  const start = input.StartTime.getTime();
  const end = input.EndTime.getTime();
  if (end <= start) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  if (input.Period < 60 || input.Period % 60 !== 0) throw invalidParameterValue('The parameter Period must be a multiple of 60.');
  for (const m of input.Metrics ?? []) if (!REPORT_METRICS.has(m)) throw invalidParameterValue(`The metric ${m} is not valid.`);
  if (input.OrderBy !== undefined && input.OrderBy !== 'Sum' && input.OrderBy !== 'Maximum') throw invalidParameterValue('OrderBy must be Sum or Maximum.');
  const logs = await ctx.backends.get<LogGroups>('logs', ctx.account, ctx.region);
  const events: Array<{ timestamp: number; message: string }> = [];
  for (const [name, group] of rule.managed ? [] : logs.groups) {
    if (!groupMatches(rule.parsed.LogGroupNames, name)) continue;
    for (const stream of group.streams.values()) for (const e of stream.events) if (e.timestamp >= start && e.timestamp < end) events.push(e);
  }
  return report(rule.parsed, input, events);
}
