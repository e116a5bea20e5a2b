/** The policy simulator and context-key discovery, answered by the evaluator in src/core/policy. */
import {
  Context,
  type ContextInput,
  conditionKeys,
  type EvaluationResult,
  evaluate,
  type PolicyDocument,
  PolicyDocumentError,
  type PolicyRef,
  type PrincipalInfo,
  parsePolicy,
  statementApplies,
} from '../../../src/core/policy';
import type { HandlerTable } from '../../../src/core/service';
import { invalidInput, noSuchEntity } from '../exceptions';
import type { IamBackend } from '../models/backend';
import type { Group, PolicyHolder, Role, User } from '../models/entities';
import { statementSpans } from '../models/positions';
import { pageOf } from '../models/store';
import type { ContextEntry, IamOperations, SimulateCustomPolicyRequest } from '../types';
import { pageFields } from './common';

/** A policy as the simulator reports it: where it came from, and its text for positions. */
interface SimPolicy {
  ref: PolicyRef;
  text: string;
  type: string;
}

function parseInput(text: string, kind: 'identity' | 'resource', id: string): PolicyDocument {
  try {
    return parsePolicy(text, kind);
  } catch (e) {
    if (e instanceof PolicyDocumentError) throw invalidInput(`${id}: ${e.reason}`);
    throw e;
  }
}

function inputPolicies(list: string[] | undefined, prefix: string, type: string): SimPolicy[] {
  return (list ?? []).map((text, i) => {
    const id = `${prefix}.${i + 1}`;
    return { ref: { id, document: parseInput(text, 'identity', id) }, text, type };
  });
}

/** ContextEntries as the evaluator's context: lists stay lists, single values are scalars. */
function contextOf(entries: ContextEntry[] | undefined): ContextInput {
  const out: ContextInput = {};
  for (const e of entries ?? []) {
    if (!e.ContextKeyName) continue;
    const values = e.ContextKeyValues ?? [];
    out[e.ContextKeyName] = e.ContextKeyType?.endsWith('List') ? values : values[0];
  }
  return out;
}

/** Every policy of a principal (user: with its groups'), labelled as the simulator labels them. */
function principalPolicies(b: IamBackend, holder: User | Group | Role): SimPolicy[] {
  const out: SimPolicy[] = [];
  const add = (h: PolicyHolder & { kind: string }) => {
    for (const p of h.inline.values()) out.push({ ref: { id: p.name, document: parsePolicy(p.document) }, text: p.document, type: h.kind });
    for (const arn of h.attached) {
      const policy = b.findPolicy(arn);
      if (!policy) continue;
      const text = b.defaultDocument(policy);
      out.push({ ref: { id: policy.name, document: parsePolicy(text) }, text, type: policy.awsManaged ? 'aws-managed' : 'user-managed' });
    }
  };
  add(holder);
  if (holder.kind === 'user') for (const g of holder.groups) add(g);
  return out;
}

function holderByArn(b: IamBackend, arn: string): User | Group | Role {
  const m = /^arn:[^:]+:iam::(\d{12}):(user|group|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) throw invalidInput(`Invalid ARN: ${arn}`);
  const found = m[2] === 'user' ? b.getUserByArn(arn) : m[2] === 'role' ? b.getRoleByArn(arn) : [...b.groups.values()].find((g) => g.arn === arn);
  if (!found) throw noSuchEntity(`The ${m[2]} with name ${m[3]} cannot be found.`);
  return found;
}

interface SimulationInput {
  principal: PrincipalInfo;
  identity: SimPolicy[];
  boundary: SimPolicy[];
  resourcePolicy?: SimPolicy;
  actions: string[];
  resources: string[];
  resourceOwner?: string;
  context: ContextInput;
  marker?: string;
  maxItems?: number;
}

function simulate(input: SimulationInput) {
  const all = [...input.identity, ...input.boundary, ...(input.resourcePolicy ? [input.resourcePolicy] : [])];
  const byId = new Map(all.map((p) => [p.ref.id, p]));
  const spans = new Map(all.map((p) => [p.ref.id, statementSpans(p.text)]));
  const pairs = input.actions.flatMap((action) => input.resources.map((resource) => ({ action, resource })));
  const page = pageOf(pairs, input.marker, input.maxItems, (p) => `${p.action}\n${p.resource}`);
  const ctx = new Context(input.context);
  const results = page.items.map(({ action, resource }) => {
    const boundaryDoc = input.boundary[0]?.ref;
    const result: EvaluationResult = evaluate({
      principal: input.principal,
      action,
      resource,
      resourceAccount: input.resourceOwner ? (input.resourceOwner.split(':')[4] ?? input.resourceOwner) : undefined,
      context: input.context,
      identityPolicies: input.identity.map((p) => p.ref),
      permissionsBoundary: boundaryDoc,
      resourcePolicy: input.resourcePolicy?.ref,
    });
    // Boundary statements are reported through PermissionsBoundaryDecisionDetail, not here.
    const matched = result.matched
      .filter((m) => m.source !== 'boundary')
      .map((m) => {
        const span = spans.get(m.policyId)?.[m.index];
        return {
          SourcePolicyId: m.policyId,
          SourcePolicyType: m.source === 'resource' ? 'resource' : byId.get(m.policyId)?.type,
          StartPosition: span?.start,
          EndPosition: span?.end,
        };
      });
    const missing = new Set<string>();
    for (const p of all) {
      for (const st of p.ref.document.statements) {
        if (!st.condition) continue;
        if (!statementApplies({ ...st, condition: undefined }, action, resource, ctx)) continue;
        for (const key of conditionKeys(st.condition)) if (!ctx.has(key)) missing.add(key);
      }
    }
    const boundaryVerdict = boundaryDoc
      ? evaluate({ principal: input.principal, action, resource, identityPolicies: [boundaryDoc], context: input.context }).decision === 'allowed'
      : undefined;
    return {
      EvalActionName: action,
      EvalResourceName: resource,
      EvalDecision: result.decision,
      MatchedStatements: matched,
      MissingContextValues: [...missing],
      PermissionsBoundaryDecisionDetail: boundaryVerdict === undefined ? undefined : { AllowedByPermissionsBoundary: boundaryVerdict },
      EvalDecisionDetails: input.resourcePolicy ? resourceDetails(input, action, resource, result) : undefined,
    };
  });
  return { EvaluationResults: results, ...pageFields(page) };
}

/** With a resource policy, AWS reports each side's decision separately. */
function resourceDetails(input: SimulationInput, action: string, resource: string, result: EvaluationResult) {
  const identityOnly = evaluate({ principal: input.principal, action, resource, context: input.context, identityPolicies: input.identity.map((p) => p.ref) });
  return {
    'IAM Policy': identityOnly.decision,
    'Resource Policy': result.matched.some((m) => m.source === 'resource' && m.effect === 'Deny')
      ? 'explicitDeny'
      : result.matched.some((m) => m.source === 'resource')
        ? 'allowed'
        : 'implicitDeny',
  };
}

/** What both simulators take alike: the resource policy, actions, resources, context and paging. */
function requestFields(input: Omit<SimulateCustomPolicyRequest, 'PolicyInputList'>) {
  return {
    resourcePolicy: resourcePolicyInput(input.ResourcePolicy),
    actions: input.ActionNames,
    resources: input.ResourceArns ?? ['*'],
    resourceOwner: input.ResourceOwner,
    context: contextOf(input.ContextEntries),
    marker: input.Marker,
    maxItems: input.MaxItems,
  };
}

function resourcePolicyInput(text: string | undefined): SimPolicy | undefined {
  if (text === undefined) return undefined;
  return { ref: { id: 'ResourcePolicy', document: parseInput(text, 'resource', 'ResourcePolicy') }, text, type: 'resource' };
}

function principalOf(b: IamBackend, arn: string | undefined, fallbackAccount: string): PrincipalInfo {
  if (!arn) return { arn: `arn:aws:iam::${fallbackAccount}:user/simulated`, account: fallbackAccount };
  const account = arn.split(':')[4] || b.account;
  return { arn, account };
}

function contextKeys(policies: PolicyDocument[]): string[] {
  const seen = new Map<string, string>();
  for (const doc of policies) {
    for (const st of doc.statements) {
      for (const key of st.condition ? conditionKeys(st.condition) : []) {
        if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
      }
    }
  }
  return [...seen.values()];
}

export const simulateHandlers: HandlerTable<IamOperations, IamBackend> = {
  SimulatePrincipalPolicy(input, ctx) {
    const b = ctx.backend;
    const holder = holderByArn(b, input.PolicySourceArn);
    const boundaryPolicies = inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'permissions boundary');
    if (boundaryPolicies.length === 0 && holder.kind !== 'group' && holder.boundary) {
      const policy = b.findPolicy(holder.boundary);
      if (policy) {
        const text = b.defaultDocument(policy);
        boundaryPolicies.push({ ref: { id: policy.name, document: parsePolicy(text) }, text, type: 'permissions boundary' });
      }
    }
    return simulate({
      principal: principalOf(b, input.CallerArn ?? holder.arn, b.account),
      identity: [...principalPolicies(b, holder), ...inputPolicies(input.PolicyInputList, 'PolicyInputList', 'IAM Policy')],
      boundary: boundaryPolicies,
      ...requestFields(input),
    });
  },

  SimulateCustomPolicy(input, ctx) {
    const b = ctx.backend;
    if (input.ResourcePolicy && !input.CallerArn) {
      throw invalidInput('CallerArn must be specified when ResourcePolicy is provided.');
    }
    return simulate({
      principal: principalOf(b, input.CallerArn, b.account),
      identity: inputPolicies(input.PolicyInputList, 'PolicyInputList', 'IAM Policy'),
      boundary: inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'permissions boundary'),
      ...requestFields(input),
    });
  },

  GetContextKeysForCustomPolicy(input) {
    const docs = input.PolicyInputList.map((text, i) => parseInput(text, 'identity', `PolicyInputList.${i + 1}`));
    return { ContextKeyNames: contextKeys(docs) };
  },

  GetContextKeysForPrincipalPolicy(input, ctx) {
    const b = ctx.backend;
    const holder = holderByArn(b, input.PolicySourceArn);
    const docs = [
      ...principalPolicies(b, holder).map((p) => p.ref.document),
      ...(input.PolicyInputList ?? []).map((text, i) => parseInput(text, 'identity', `PolicyInputList.${i + 1}`)),
    ];
    return { ContextKeyNames: contextKeys(docs) };
  },
};
