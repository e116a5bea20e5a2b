/** SES v1 receipt rule sets, rules (in order) and IP filters: stored, not applied to incoming mail. */
import { clock } from '../../../src/core/clock';
import { exists, MailError, notFound } from '../../sesv2/exceptions';
import type { ReceiptRuleSet, SesBackend } from '../../sesv2/models/backend';
import type * as T from '../types';

function ruleSet(b: SesBackend, name: string): ReceiptRuleSet {
  const set = b.receiptRuleSets.get(name);
  if (!set) throw notFound(`Rule set does not exist: ${name}`, 'RuleSetDoesNotExistException');
  return set;
}

function ruleIndex(set: ReceiptRuleSet, name: string): number {
  const i = set.rules.findIndex((r) => r.Name === name);
  if (i < 0) throw notFound(`Rule does not exist: ${name}`, 'RuleDoesNotExistException');
  return i;
}

export function createReceiptRuleSet(input: { RuleSetName: string }, b: SesBackend) {
  if (b.receiptRuleSets.has(input.RuleSetName)) throw exists(`Rule set already exists: ${input.RuleSetName}`, 'AlreadyExistsException');
  b.receiptRuleSets.set(input.RuleSetName, { name: input.RuleSetName, created: clock.date(), rules: [] });
  return {};
}

export function cloneReceiptRuleSet(input: { RuleSetName: string; OriginalRuleSetName: string }, b: SesBackend) {
  const original = ruleSet(b, input.OriginalRuleSetName);
  if (b.receiptRuleSets.has(input.RuleSetName)) throw exists(`Rule set already exists: ${input.RuleSetName}`, 'AlreadyExistsException');
  b.receiptRuleSets.set(input.RuleSetName, { name: input.RuleSetName, created: clock.date(), rules: structuredClone(original.rules) });
  return {};
}

export function deleteReceiptRuleSet(input: { RuleSetName: string }, b: SesBackend) {
  if (b.activeReceiptRuleSet === input.RuleSetName) throw new MailError('invalid', `Cannot delete active rule set: ${input.RuleSetName}`, 'CannotDeleteException');
  b.receiptRuleSets.delete(input.RuleSetName);
  return {};
}

export function describeReceiptRuleSet(input: { RuleSetName: string }, b: SesBackend): T.DescribeReceiptRuleSetResponse {
  const set = ruleSet(b, input.RuleSetName);
  return { Metadata: { Name: set.name, CreatedTimestamp: set.created }, Rules: set.rules as unknown as T.ReceiptRule[] };
}

export function listReceiptRuleSets(_input: unknown, b: SesBackend): T.ListReceiptRuleSetsResponse {
  return { RuleSets: [...b.receiptRuleSets.values()].map((s) => ({ Name: s.name, CreatedTimestamp: s.created })) };
}

export function setActiveReceiptRuleSet(input: { RuleSetName?: string }, b: SesBackend) {
  if (input.RuleSetName !== undefined) ruleSet(b, input.RuleSetName);
  b.activeReceiptRuleSet = input.RuleSetName;
  return {};
}

export function describeActiveReceiptRuleSet(_input: unknown, b: SesBackend): T.DescribeActiveReceiptRuleSetResponse {
  if (b.activeReceiptRuleSet === undefined) return {};
  const set = ruleSet(b, b.activeReceiptRuleSet);
  return { Metadata: { Name: set.name, CreatedTimestamp: set.created }, Rules: set.rules as unknown as T.ReceiptRule[] };
}

export function createReceiptRule(input: T.CreateReceiptRuleRequest, b: SesBackend) {
  const set = ruleSet(b, input.RuleSetName);
  if (set.rules.some((r) => r.Name === input.Rule.Name)) throw exists(`Rule already exists: ${input.Rule.Name}`, 'AlreadyExistsException');
  const at = input.After === undefined ? 0 : ruleIndex(set, input.After) + 1;
  set.rules.splice(at, 0, { ...input.Rule } as ReceiptRuleSet['rules'][number]);
  return {};
}

export function updateReceiptRule(input: { RuleSetName: string; Rule: T.ReceiptRule }, b: SesBackend) {
  const set = ruleSet(b, input.RuleSetName);
  set.rules[ruleIndex(set, input.Rule.Name)] = { ...input.Rule } as ReceiptRuleSet['rules'][number];
  return {};
}

export function deleteReceiptRule(input: { RuleSetName: string; RuleName: string }, b: SesBackend) {
  const set = ruleSet(b, input.RuleSetName);
  const i = set.rules.findIndex((r) => r.Name === input.RuleName);
  if (i >= 0) set.rules.splice(i, 1);
  return {};
}

export function describeReceiptRule(input: { RuleSetName: string; RuleName: string }, b: SesBackend): T.DescribeReceiptRuleResponse {
  const set = ruleSet(b, input.RuleSetName);
  return { Rule: set.rules[ruleIndex(set, input.RuleName)] as unknown as T.ReceiptRule };
}

export function setReceiptRulePosition(input: { RuleSetName: string; RuleName: string; After?: string }, b: SesBackend) {
  const set = ruleSet(b, input.RuleSetName);
  const from = ruleIndex(set, input.RuleName);
  if (input.After !== undefined) ruleIndex(set, input.After);
  const [rule] = set.rules.splice(from, 1);
  const at = input.After === undefined ? 0 : ruleIndex(set, input.After) + 1;
  set.rules.splice(at, 0, rule);
  return {};
}

export function createReceiptFilter(input: { Filter: T.ReceiptFilter }, b: SesBackend) {
  if (b.receiptFilters.has(input.Filter.Name)) throw exists(`Filter already exists: ${input.Filter.Name}`, 'AlreadyExistsException');
  b.receiptFilters.set(input.Filter.Name, { Name: input.Filter.Name, IpFilter: { ...input.Filter.IpFilter } });
  return {};
}

export function deleteReceiptFilter(input: { FilterName: string }, b: SesBackend) {
  b.receiptFilters.delete(input.FilterName);
  return {};
}

export function listReceiptFilters(_input: unknown, b: SesBackend): T.ListReceiptFiltersResponse {
  return { Filters: [...b.receiptFilters.values()] };
}

/** Reorders a rule set: RuleNames must name exactly its rules. */
export function reorderReceiptRuleSet(input: { RuleSetName: string; RuleNames: string[] }, b: SesBackend) {
  const set = ruleSet(b, input.RuleSetName);
  const rules = input.RuleNames.map((n) => set.rules[ruleIndex(set, n)]);
  if (new Set(input.RuleNames).size !== set.rules.length || rules.length !== set.rules.length) {
    throw new MailError('invalid', 'Rule names must list every rule of the rule set exactly once.', 'InvalidParameterValue');
  }
  set.rules = rules;
  return {};
}
