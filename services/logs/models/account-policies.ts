/**
 * Account-level policies (PutAccountPolicy): data protection, subscription
 * filter, field index, transformer and metric extraction policies, stored by
 * type and name. A subscription filter policy also delivers: its document
 * (`{"DestinationArn", "RoleArn", "FilterPattern", "Distribution"}`) acts as
 * one more subscription filter on every log group its selection criteria
 * (`LogGroupName NOT IN ["a", "b"]`) do not exclude.
 */
import { invalidParameter } from '../exceptions';
import { compilePattern } from './filter-pattern';
import type { SubscriptionFilter } from './resources';

export interface AccountPolicy {
  policyName: string;
  policyDocument: string;
  policyType: string;
  scope: string;
  selectionCriteria?: string;
  lastUpdatedTime: number;
  accountId: string;
}

/** The types AWS allows once per account (and Region): a second name is refused. */
export const SINGLE_POLICY_TYPES = new Set(['DATA_PROTECTION_POLICY', 'SUBSCRIPTION_FILTER_POLICY']);

const MAX_DOCUMENT_CHARS = 30_720;

export function policyKey(type: string, name: string): string {
  return `${type}\n${name}`;
}

/** The `"name"` strings of `LogGroupName NOT IN [...]` / `LogGroupNamePrefix IN [...]`. */
function quotedList(text: string): string[] {
  const body = /\[(.*)\]\s*$/s.exec(text)?.[1];
  if (body === undefined) throw invalidParameter(`Invalid selection criteria: ${text}`);
  return [...body.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

export interface Selection {
  matches(groupName: string): boolean;
}

export function parseSelection(criteria: string | undefined): Selection {
  const text = criteria?.trim() ?? '';
  if (text === '') return { matches: () => true };
  if (/^LogGroupName\s+NOT\s+IN\s*\[/.test(text)) {
    const excluded = new Set(quotedList(text));
    return { matches: (name) => !excluded.has(name) };
  }
  if (/^LogGroupNamePrefix\s+IN\s*\[/.test(text)) {
    const prefixes = quotedList(text);
    return { matches: (name) => prefixes.some((p) => name.startsWith(p)) };
  }
  throw invalidParameter(`Invalid selection criteria: ${text}`);
}

/** The subscription filter a subscription filter policy document describes (checked as PutSubscriptionFilter checks). */
export function subscriptionOf(policy: { policyName: string; policyDocument: string; lastUpdatedTime: number }): SubscriptionFilter {
  const doc = parseDocument(policy.policyDocument) as { DestinationArn?: unknown; RoleArn?: unknown; FilterPattern?: unknown; Distribution?: unknown };
  if (typeof doc.DestinationArn !== 'string') throw invalidParameter('The policy document must specify a DestinationArn.');
  const filterPattern = typeof doc.FilterPattern === 'string' ? doc.FilterPattern : '';
  compilePattern(filterPattern);
  const distribution = doc.Distribution === undefined ? 'ByLogStream' : doc.Distribution;
  if (distribution !== 'ByLogStream' && distribution !== 'Random') throw invalidParameter(`Invalid Distribution: ${String(distribution)}`);
  return {
    filterName: policy.policyName,
    filterPattern,
    destinationArn: doc.DestinationArn,
    roleArn: typeof doc.RoleArn === 'string' ? doc.RoleArn : undefined,
    distribution,
    creationTime: policy.lastUpdatedTime,
  };
}

export function parseDocument(text: string): Record<string, unknown> {
  if (text.length > MAX_DOCUMENT_CHARS) throw invalidParameter(`The policy document can be at most ${MAX_DOCUMENT_CHARS} characters.`);
  try {
    const doc = JSON.parse(text);
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) return doc;
  } catch {
    // refused below
  }
  throw invalidParameter('The policy document is not valid JSON.');
}
