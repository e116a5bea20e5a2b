/**
 * AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic",
 * "Cross-account policy evaluation logic", "Permissions boundaries for IAM
 * entities"):
 *
 * 1. An explicit Deny in any applicable policy wins.
 * 2. Organizations SCPs, when given, must allow.
 * 3. Within one account, a resource-based policy that names the principal
 *    directly (user ARN, session ARN) allows on its own; one that names a
 *    session's role is still bounded by boundary and session policies.
 * 4. Otherwise an identity-based policy must allow, and so must the
 *    permissions boundary and the session policies when there are any.
 * 5. Across accounts, both the identity side (4) and the resource policy of
 *    the resource's account must allow.
 * Anything else is an implicit deny.
 */
import { conditionsHold } from './conditions';
import { Context, type ContextInput } from './context';
import type { Effect, PolicyDocument, Statement } from './document';
import { actionMatches, arnMatcher } from './pattern';
import {
  excludedByNotPrincipal,
  matchPrincipal,
  type PrincipalInfo,
  type PrincipalMatch,
  principalKind,
  withDerivedRole,
} from './principal';

export type PolicySource = 'identity' | 'resource' | 'boundary' | 'session' | 'scp';

export interface PolicyRef {
  /** Names the policy in matched statements (a policy ARN, `user/bob/inline`, ...). */
  id: string;
  document: PolicyDocument;
}

export interface EvaluationRequest {
  principal: PrincipalInfo;
  /** `service:Action`. */
  action: string;
  /** The resource ARN, or `*`. */
  resource: string;
  /** The account owning the resource; from the ARN when it has one, else the principal's. */
  resourceAccount?: string;
  context?: ContextInput | Context;
  identityPolicies?: PolicyRef[];
  resourcePolicy?: PolicyRef;
  permissionsBoundary?: PolicyRef;
  sessionPolicies?: PolicyRef[];
  scps?: PolicyRef[];
  /**
   * The resource policy is the primary control (KMS key policies, KMS developer
   * guide "KMS key access and permissions"): unless it allows the principal or
   * its account, identity policies allow nothing, even within the account.
   */
  resourcePolicyRequired?: boolean;
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface MatchedStatement {
  source: PolicySource;
  policyId: string;
  /** Position in the policy's statement list. */
  index: number;
  sid?: string;
  effect: Effect;
}

export interface EvaluationResult {
  decision: Decision;
  /** Every statement that applied to the request, Allow and Deny. */
  matched: MatchedStatement[];
  /** Which step decided an implicit deny, for AccessDenied messages. */
  reason:
    | 'allowed'
    | 'explicitDeny'
    | 'noIdentityAllow'
    | 'boundary'
    | 'sessionPolicy'
    | 'scp'
    | 'noResourceAllow';
  /** The source of the explicit Deny, when there is one. */
  deniedBy?: PolicySource;
}

/** Whether Action/NotAction, Resource/NotResource and Condition admit the request (principal aside). */
export function statementApplies(st: Statement, action: string, resource: string, ctx: Context): boolean {
  if (st.action && !st.action.some((a) => actionMatches(a, action))) return false;
  if (st.notAction?.some((a) => actionMatches(a, action))) return false;
  const resourceMatches = (patterns: string[]) => patterns.some((r) => arnMatcher(r, ctx)?.(resource) ?? false);
  if (st.resource && !(resource === '*' ? st.resource.includes('*') : resourceMatches(st.resource))) return false;
  if (st.notResource && resource !== '*' && resourceMatches(st.notResource)) return false;
  if (st.condition && !conditionsHold(st.condition, ctx)) return false;
  return true;
}

/** Whether a statement's Principal/NotPrincipal names the caller, and how. */
function principalOf(st: Statement, p: PrincipalInfo): PrincipalMatch {
  if (st.principal) return matchPrincipal(st.principal, p);
  if (st.notPrincipal) return excludedByNotPrincipal(st.notPrincipal, p) ? undefined : 'everyone';
  return undefined;
}

interface PolicyVerdict {
  allow: boolean;
  deny: boolean;
  /** For resource policies: the strongest way an Allow named the principal. */
  allowMatch?: PrincipalMatch;
}

function judge(
  source: PolicySource,
  ref: PolicyRef,
  req: EvaluationRequest,
  principal: PrincipalInfo,
  baseCtx: Context,
  matched: MatchedStatement[],
): PolicyVerdict {
  const verdict: PolicyVerdict = { allow: false, deny: false };
  // Version 2008-10-17 (or none) predates policy variables: `${...}` stays literal.
  const ctx = baseCtx.withVariables(ref.document.version === '2012-10-17');
  ref.document.statements.forEach((st, index) => {
    let how: PrincipalMatch;
    if (source === 'resource') {
      how = principalOf(st, principal);
      if (!how) return;
    }
    if (!statementApplies(st, req.action, req.resource, ctx)) return;
    matched.push({ source, policyId: ref.id, index, sid: st.sid, effect: st.effect });
    if (st.effect === 'Deny') verdict.deny = true;
    else {
      verdict.allow = true;
      if (how) verdict.allowMatch = strongest(verdict.allowMatch, how);
    }
  });
  return verdict;
}

const STRENGTH = { direct: 4, role: 3, everyone: 2, account: 1 } as const;
function strongest(a: PrincipalMatch, b: PrincipalMatch): PrincipalMatch {
  if (!a) return b;
  if (!b) return a;
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/** The context keys AWS adds for every request from a principal, unless the caller set them. */
function principalContext(p: PrincipalInfo): ContextInput {
  const out: ContextInput = {};
  if (p.anonymous || p.service) return out;
  out['aws:PrincipalArn'] = p.roleArn ?? p.arn;
  out['aws:PrincipalAccount'] = p.account;
  const kind = principalKind(p);
  out['aws:PrincipalType'] = { root: 'Account', user: 'User', role: 'AssumedRole', 'assumed-role': 'AssumedRole', 'federated-user': 'FederatedUser' }[
    kind as 'root'
  ];
  if (kind === 'user') out['aws:username'] = p.arn.split('/').pop();
  return out;
}

function contextFor(req: EvaluationRequest, p: PrincipalInfo): Context {
  if (req.context instanceof Context) return req.context;
  const given = req.context ?? {};
  const merged: ContextInput = { ...principalContext(p) };
  // A key the caller set wins over the default of the same name, whatever its case.
  for (const [k, v] of Object.entries(given)) {
    for (const d of Object.keys(merged)) if (d.toLowerCase() === k.toLowerCase()) delete merged[d];
    merged[k] = v;
  }
  return new Context(merged);
}

function accountOfResource(req: EvaluationRequest, p: PrincipalInfo): string {
  if (req.resourceAccount) return req.resourceAccount;
  const account = req.resource.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : p.account;
}

/** Evaluates one request against every policy that applies to it. */
export function evaluate(req: EvaluationRequest): EvaluationResult {
  const principal = withDerivedRole(req.principal);
  const ctx = contextFor(req, principal);
  const matched: MatchedStatement[] = [];
  const run = (source: PolicySource, refs: PolicyRef[] | undefined) =>
    (refs ?? []).map((ref) => judge(source, ref, req, principal, ctx, matched));
  const identity = run('identity', req.identityPolicies);
  const resource = run('resource', req.resourcePolicy ? [req.resourcePolicy] : undefined)[0];
  const boundary = run('boundary', req.permissionsBoundary ? [req.permissionsBoundary] : undefined)[0];
  const session = run('session', req.sessionPolicies);
  const scps = run('scp', req.scps);

  const denied: [PolicySource, PolicyVerdict[]][] = [
    ['scp', scps],
    ['resource', resource ? [resource] : []],
    ['identity', identity],
    ['boundary', boundary ? [boundary] : []],
    ['session', session],
  ];
  for (const [source, verdicts] of denied) {
    if (verdicts.some((v) => v.deny)) return { decision: 'explicitDeny', matched, reason: 'explicitDeny', deniedBy: source };
  }
  const implicit = (reason: EvaluationResult['reason']): EvaluationResult => ({ decision: 'implicitDeny', matched, reason });
  if (req.scps && req.scps.length > 0 && scps.some((v) => !v.allow)) return implicit('scp');

  const kind = principalKind(principal);
  const crossAccount = accountOfResource(req, principal) !== principal.account;
  const resourceAllow = resource?.allow ? resource.allowMatch : undefined;
  const boundaryOk = !boundary || boundary.allow;
  const sessionOk = session.length === 0 || session.some((v) => v.allow);

  // Service principals and anonymous callers have no identity side: the resource policy decides.
  if (kind === 'service' || kind === 'anonymous') {
    return resourceAllow ? { decision: 'allowed', matched, reason: 'allowed' } : implicit('noResourceAllow');
  }
  const identityAllows = kind === 'root' || identity.some((v) => v.allow);
  const identitySide = (): EvaluationResult['reason'] => {
    if (!identityAllows) return 'noIdentityAllow';
    if (!boundaryOk) return 'boundary';
    if (!sessionOk) return 'sessionPolicy';
    return 'allowed';
  };

  if (crossAccount) {
    const side = identitySide();
    if (side !== 'allowed') return implicit(side);
    return resourceAllow ? { decision: 'allowed', matched, reason: 'allowed' } : implicit('noResourceAllow');
  }
  if (req.resourcePolicyRequired && !resourceAllow) return implicit('noResourceAllow');
  // Same account: a resource policy naming the principal itself needs nothing else.
  if (resourceAllow === 'direct' && kind !== 'role') return { decision: 'allowed', matched, reason: 'allowed' };
  if (resourceAllow === 'role' || resourceAllow === 'everyone') {
    if (!boundaryOk) return implicit('boundary');
    if (!sessionOk) return implicit('sessionPolicy');
    return { decision: 'allowed', matched, reason: 'allowed' };
  }
  const side = identitySide();
  return side === 'allowed' ? { decision: 'allowed', matched, reason: 'allowed' } : implicit(side);
}
