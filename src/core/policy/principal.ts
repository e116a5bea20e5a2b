/**
 * Who is asking, and how a Principal / NotPrincipal element names them
 * (IAM User Guide, "AWS JSON policy elements: Principal" and "NotPrincipal").
 * Principal takes no partial wildcards: `*` (or `{"AWS": "*"}`) or whole ids.
 */
import type { PrincipalBlock } from './document';

export interface PrincipalInfo {
  /** arn:aws:iam::111122223333:user/bob, ...:role/r, ...:root, arn:aws:sts::...:assumed-role/r/s */
  arn: string;
  account: string;
  /** For a role session: the role's own ARN (with its path). */
  roleArn?: string;
  /** A service principal, `lambda.amazonaws.com`. */
  service?: string;
  /** A web identity or SAML provider a federated session came through. */
  federated?: string;
  canonicalUser?: string;
  /** An unsigned request: only `"Principal": "*"` names it. */
  anonymous?: boolean;
}

export type PrincipalKind = 'root' | 'user' | 'role' | 'assumed-role' | 'federated-user' | 'service' | 'anonymous';

export function principalKind(p: PrincipalInfo): PrincipalKind {
  if (p.anonymous) return 'anonymous';
  if (p.service) return 'service';
  const resource = p.arn.split(':').slice(5).join(':');
  if (resource === 'root') return 'root';
  if (resource.startsWith('user/')) return 'user';
  if (resource.startsWith('role/')) return 'role';
  if (resource.startsWith('assumed-role/')) return 'assumed-role';
  return 'federated-user';
}

/**
 * How a statement names the principal: `direct` (its own ARN, or a session
 * ARN), `role` (the role of a session: still bounded by boundary and session
 * policies), `account` (the account: identity policies must also allow),
 * `everyone` (`*`), or not at all.
 */
export type PrincipalMatch = 'direct' | 'role' | 'account' | 'everyone' | undefined;

const RANK: Record<Exclude<PrincipalMatch, undefined>, number> = { direct: 4, role: 3, everyone: 2, account: 1 };

function better(a: PrincipalMatch, b: PrincipalMatch): PrincipalMatch {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

function awsIdMatch(id: string, p: PrincipalInfo): PrincipalMatch {
  if (p.anonymous || p.service) return undefined;
  if (id === '*') return 'everyone';
  if (/^\d{12}$/.test(id)) return id === p.account ? 'account' : undefined;
  if (/^arn:[^:]+:iam::\d{12}:root$/.test(id)) return id.split(':')[4] === p.account ? 'account' : undefined;
  if (id === p.arn) return 'direct';
  if (p.roleArn && id === p.roleArn) return 'role';
  return undefined;
}

/** How a Principal element names this principal, if it does. */
export function matchPrincipal(block: PrincipalBlock, p: PrincipalInfo): PrincipalMatch {
  if (block === '*') return 'everyone';
  let best: PrincipalMatch;
  for (const [type, ids] of Object.entries(block)) {
    for (const id of ids) {
      let m: PrincipalMatch;
      if (type === 'AWS') m = awsIdMatch(id, p);
      else if (type === 'Service') m = p.service !== undefined && (id === p.service || id === '*') ? 'direct' : undefined;
      else if (type === 'Federated') m = p.federated !== undefined && id === p.federated ? 'direct' : undefined;
      else if (type === 'CanonicalUser') m = p.canonicalUser !== undefined && id === p.canonicalUser ? 'direct' : undefined;
      best = better(best, m);
    }
  }
  return best;
}

/**
 * Whether NotPrincipal excludes this principal. A request is made by the
 * principal and the entities that contain it (its account; a session's role),
 * so each must be listed for the principal to escape the statement: listing a
 * user without the account still denies the user through the account.
 */
export function excludedByNotPrincipal(block: PrincipalBlock, p: PrincipalInfo): boolean {
  if (block === '*') return true;
  const listed = (id: string): boolean => {
    for (const [type, ids] of Object.entries(block)) {
      for (const entry of ids) {
        if (type === 'AWS') {
          if (entry === id) return true;
          if (/^\d{12}$/.test(entry) && id === `account:${entry}`) return true;
          if (/^arn:[^:]+:iam::\d{12}:root$/.test(entry) && id === `account:${entry.split(':')[4]}`) return true;
        } else if (type === 'Service' && id === `service:${entry}`) return true;
        else if (type === 'Federated' && id === `federated:${entry}`) return true;
        else if (type === 'CanonicalUser' && id === `canonical:${entry}`) return true;
      }
    }
    return false;
  };
  if (p.service) return listed(`service:${p.service}`);
  if (p.anonymous) return false;
  const chain = [`account:${p.account}`];
  if (principalKind(p) !== 'root') chain.push(p.arn);
  if (p.roleArn) chain.push(p.roleArn);
  return chain.every(listed);
}

/** The session's role ARN (path unknown: `role/<name>`) when the caller did not give it. */
export function withDerivedRole(p: PrincipalInfo): PrincipalInfo {
  if (p.roleArn || principalKind(p) !== 'assumed-role') return p;
  const [head, resource] = [p.arn.split(':').slice(0, 5), p.arn.split(':').slice(5).join(':')];
  const roleName = resource.split('/')[1];
  return { ...p, roleArn: `${head[0]}:${head[1]}:iam::${head[4]}:role/${roleName}` };
}
