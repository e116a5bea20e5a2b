/** Key policies: the default one KMS attaches, and the checks PutKeyPolicy/CreateKey make. */
import { malformedPolicy } from '../exceptions';

/** The default key policy (KMS developer guide, "Default key policy"): the account's root may do everything. */
export function defaultKeyPolicy(partition: string, account: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:${partition}:iam::${account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/**
 * Structural checks of a key policy document. KMS rejects a document that is
 * not JSON, has no statements, or whose statements lack Effect, Principal,
 * Action or Resource, with MalformedPolicyDocumentException.
 */
export function validateKeyPolicy(text: string, lockout?: { account: string; callerArn: string }): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformedPolicy('The new key policy is not valid JSON.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw malformedPolicy('The new key policy is not a JSON object.');
  const { Version, Statement } = doc as Record<string, unknown>;
  if (Version !== undefined && Version !== '2012-10-17' && Version !== '2008-10-17') {
    throw malformedPolicy(`The policy version ${String(Version)} is not supported.`);
  }
  const statements = Array.isArray(Statement) ? Statement : Statement ? [Statement] : [];
  if (statements.length === 0) throw malformedPolicy('The new key policy must contain at least one statement.');
  for (const st of statements) {
    if (!st || typeof st !== 'object') throw malformedPolicy('Policy statement must be a JSON object.');
    const s = st as Record<string, unknown>;
    for (const key of Object.keys(s)) {
      if (!STATEMENT_KEYS.has(key)) throw malformedPolicy(`Policy statement contains an unknown element: ${key}.`);
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformedPolicy('Policy statement has an invalid Effect.');
    if (s.Principal === undefined && s.NotPrincipal === undefined) {
      throw malformedPolicy('Policy statement must contain a Principal.');
    }
    if (s.Action === undefined && s.NotAction === undefined) throw malformedPolicy('Policy statement must contain actions.');
    if (s.Resource === undefined && s.NotResource === undefined) {
      throw malformedPolicy('Policy statement must contain resources.');
    }
  }
  if (lockout && !allowsPutKeyPolicy(statements as Record<string, unknown>[], lockout.account, lockout.callerArn)) {
    throw malformedPolicy('The new key policy will not allow you to update the key policy in the future.');
  }
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** IAM-style wildcard match (`*` and `?`), case-insensitive as IAM matches actions. */
function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(value);
}

/**
 * The policy lockout safety check (KMS developer guide, "Default key policy"):
 * the new policy must still let the caller call PutKeyPolicy, through an Allow
 * for the account (which delegates to IAM), for everyone, or for the caller.
 */
function allowsPutKeyPolicy(statements: Record<string, unknown>[], account: string, callerArn: string): boolean {
  const principals = new Set(['*', account, `arn:aws:iam::${account}:root`, callerArn]);
  return statements.some((st) => {
    if (st.Effect !== 'Allow' || st.Condition !== undefined) return false;
    const principal = st.Principal;
    const named = principal === '*' ? ['*'] : asList((principal as { AWS?: unknown } | undefined)?.AWS);
    if (!named.some((p) => principals.has(p))) return false;
    return asList(st.Action).some((a) => globMatch(a, 'kms:PutKeyPolicy'));
  });
}
