/** Account-level policies: PutAccountPolicy, DescribeAccountPolicies, DeleteAccountPolicy. */
import { clock } from '../../../src/core/clock';
import { invalidParameter, limitExceeded, notFound } from '../exceptions';
import { type AccountPolicy, parseDocument, parseSelection, policyKey, SINGLE_POLICY_TYPES, subscriptionOf } from '../models/account-policies';
import { checkDestination } from '../models/delivery';
import { indexedFields } from '../models/index-policies';
import { type Ctx, decodeToken, encodeToken } from './common';

const PAGE = 50;

function describe(p: AccountPolicy) {
  return {
    policyName: p.policyName,
    policyDocument: p.policyDocument,
    lastUpdatedTime: p.lastUpdatedTime,
    policyType: p.policyType,
    scope: p.scope,
    selectionCriteria: p.selectionCriteria,
    accountId: p.accountId,
  };
}

export async function putAccountPolicy(
  input: { policyName: string; policyDocument: string; policyType: string; scope?: string; selectionCriteria?: string },
  ctx: Ctx,
) {
  parseDocument(input.policyDocument);
  parseSelection(input.selectionCriteria);
  if (input.policyType === 'FIELD_INDEX_POLICY') indexedFields(input.policyDocument);
  const key = policyKey(input.policyType, input.policyName);
  if (SINGLE_POLICY_TYPES.has(input.policyType) && !ctx.backend.accountPolicies.has(key)) {
    for (const p of ctx.backend.accountPolicies.values()) {
      if (p.policyType === input.policyType) throw limitExceeded(`Only one account-level policy of type ${input.policyType} is allowed; ${p.policyName} exists.`);
    }
  }
  const policy: AccountPolicy = {
    policyName: input.policyName,
    policyDocument: input.policyDocument,
    policyType: input.policyType,
    scope: input.scope ?? 'ALL',
    selectionCriteria: input.selectionCriteria,
    lastUpdatedTime: clock.now(),
    accountId: ctx.account,
  };
  if (input.policyType === 'SUBSCRIPTION_FILTER_POLICY') {
    const filter = subscriptionOf(policy);
    const service = filter.destinationArn.split(':')[2];
    if ((service === 'kinesis' || service === 'firehose') && filter.roleArn === undefined) {
      throw invalidParameter('RoleArn is required for Kinesis and Firehose destinations.');
    }
    // The destination is checked as PutSubscriptionFilter checks it (CONTROL_MESSAGE to streams).
    await checkDestination(ctx.backend, filter.destinationArn);
  }
  ctx.backend.accountPolicies.set(key, policy);
  return { accountPolicy: describe(policy) };
}

export function describeAccountPolicies(input: { policyType: string; policyName?: string; accountIdentifiers?: string[]; nextToken?: string }, ctx: Ctx) {
  if (input.accountIdentifiers !== undefined && !input.accountIdentifiers.includes(ctx.account)) return { accountPolicies: [] };
  const after = decodeToken<string>(input.nextToken, (v) => typeof v === 'string');
  const all = [...ctx.backend.accountPolicies.values()]
    .filter((p) => p.policyType === input.policyType && (input.policyName === undefined || p.policyName === input.policyName))
    .filter((p) => after === undefined || p.policyName > after)
    .sort((a, b) => (a.policyName < b.policyName ? -1 : 1));
  const page = all.slice(0, PAGE);
  return { accountPolicies: page.map(describe), nextToken: all.length > PAGE ? encodeToken(page[page.length - 1].policyName) : undefined };
}

export function deleteAccountPolicy(input: { policyName: string; policyType: string }, ctx: Ctx): void {
  if (!ctx.backend.accountPolicies.delete(policyKey(input.policyType, input.policyName))) {
    throw notFound(`Policy with name [${input.policyName}] does not exist`);
  }
}
