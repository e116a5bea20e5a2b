/**
 * IAM policy documents: the grammar, parsed into a normal form the evaluator
 * walks, and validated the way IAM validates them. A violation carries the
 * reason text AWS puts in MalformedPolicyDocument (IAM) or MalformedPolicy
 * (S3); the caller chooses the error code.
 */

export type Effect = 'Allow' | 'Deny';

/** Principal block in normal form: each type maps to its list of identifiers. */
export type PrincipalBlock = '*' | Record<string, string[]>;

export interface Statement {
  sid?: string;
  effect: Effect;
  /** Exactly one of action / notAction is set (a trust policy may set neither). */
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  /** operator -> condition key -> values, as written. */
  condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  version: '2012-10-17' | '2008-10-17' | undefined;
  id?: string;
  statements: Statement[];
}

/**
 * What the document is for, which decides the required and forbidden elements:
 * identity policies (managed, inline, boundaries, session policies) never name a
 * principal; resource policies must; trust policies must and never name a resource.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust';

export class PolicyDocumentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PolicyDocumentError';
  }
}

const SYNTAX = 'Syntax errors in policy.';
const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

function fail(reason: string): never {
  throw new PolicyDocumentError(reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or a non-empty list of strings, as Action, Resource and principal ids are written. */
function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return fail(SYNTAX);
}

function principalBlock(value: unknown): PrincipalBlock {
  if (value === '*') return '*';
  if (!isObject(value)) return fail(SYNTAX);
  const out: Record<string, string[]> = Object.create(null);
  for (const [type, ids] of Object.entries(value)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) fail(SYNTAX);
    out[type] = stringList(ids);
  }
  return out;
}

function conditionBlock(value: unknown): Record<string, Record<string, string[]>> {
  if (!isObject(value)) return fail(SYNTAX);
  const out: Record<string, Record<string, string[]>> = Object.create(null);
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys)) fail(SYNTAX);
    const block: Record<string, string[]> = Object.create(null);
    for (const [key, raw] of Object.entries(keys)) {
      const values = Array.isArray(raw) ? raw : [raw];
      block[key] = values.map((v) => {
        if (typeof v === 'string') return v;
        if (typeof v === 'number' || typeof v === 'boolean') return String(v);
        return fail(SYNTAX);
      });
    }
    out[operator] = block;
  }
  return out;
}

function checkAction(action: string): void {
  if (action === '*') return;
  const colons = action.split(':').length - 1;
  if (colons === 0) fail('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  if (colons > 1) fail('Actions/Condition can contain only one colon.');
  const [vendor] = action.split(':');
  if (!/^[a-zA-Z0-9*?-]+$/.test(vendor)) fail(`Vendor ${vendor} is not valid`);
}

function checkResource(resource: string): void {
  if (resource === '*' || /^arn:[^:]*:/.test(resource) || resource.startsWith('${')) return;
  fail(`Resource ${resource} must be in ARN format or "*".`);
}

function parseStatement(raw: unknown, kind: PolicyKind): Statement {
  if (!isObject(raw)) return fail(SYNTAX);
  for (const key of Object.keys(raw)) if (!STATEMENT_KEYS.has(key)) fail(SYNTAX);
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') fail(SYNTAX);
  if ('Action' in raw && 'NotAction' in raw) fail(SYNTAX);
  if ('Resource' in raw && 'NotResource' in raw) fail(SYNTAX);
  if ('Principal' in raw && 'NotPrincipal' in raw) fail(SYNTAX);
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') fail(SYNTAX);
  const hasPrincipal = 'Principal' in raw || 'NotPrincipal' in raw;
  if (kind === 'identity' && hasPrincipal) fail('Policy document should not specify a principal.');
  if (kind !== 'identity' && !hasPrincipal) fail('Missing required field Principal');
  if (!('Action' in raw) && !('NotAction' in raw)) fail('Policy statement must contain actions.');
  if (kind === 'trust' && ('Resource' in raw || 'NotResource' in raw)) {
    fail(`Has prohibited field ${'Resource' in raw ? 'Resource' : 'NotResource'}`);
  }
  if (kind !== 'trust' && !('Resource' in raw) && !('NotResource' in raw)) {
    fail('Policy statement must contain resources.');
  }
  const statement: Statement = { effect: raw.Effect };
  if (raw.Sid !== undefined) statement.sid = raw.Sid as string;
  if ('Action' in raw) statement.action = stringList(raw.Action);
  if ('NotAction' in raw) statement.notAction = stringList(raw.NotAction);
  for (const a of statement.action ?? statement.notAction ?? []) checkAction(a);
  if ('Resource' in raw) statement.resource = stringList(raw.Resource);
  if ('NotResource' in raw) statement.notResource = stringList(raw.NotResource);
  for (const r of statement.resource ?? statement.notResource ?? []) checkResource(r);
  if ('Principal' in raw) statement.principal = principalBlock(raw.Principal);
  if ('NotPrincipal' in raw) statement.notPrincipal = principalBlock(raw.NotPrincipal);
  if ('Condition' in raw) statement.condition = conditionBlock(raw.Condition);
  return statement;
}

/**
 * Parses and validates a policy document as IAM does; throws PolicyDocumentError
 * with AWS's reason. `Statement` may be one object or a list.
 */
export function parsePolicy(text: string | object, kind: PolicyKind = 'identity'): PolicyDocument {
  let raw: unknown = text;
  if (typeof text === 'string') {
    try {
      raw = JSON.parse(text);
    } catch {
      fail(SYNTAX);
    }
  }
  if (!isObject(raw)) return fail(SYNTAX);
  for (const key of Object.keys(raw)) if (!TOP_LEVEL.has(key)) fail(SYNTAX);
  const version = raw.Version;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    fail('The policy failed legacy parsing');
  }
  if (raw.Id !== undefined && typeof raw.Id !== 'string') fail(SYNTAX);
  if (!('Statement' in raw)) fail(SYNTAX);
  const list = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  const statements = list.map((s) => parseStatement(s, kind));
  const sids = new Set<string>();
  for (const s of statements) {
    if (s.sid === undefined || s.sid === '') continue;
    if (sids.has(s.sid)) fail('Statement IDs (SID) in a single policy must be unique.');
    sids.add(s.sid);
  }
  return { version: version as PolicyDocument['version'], id: raw.Id as string | undefined, statements };
}

/** The policy's size as IAM counts it against quotas: characters, whitespace excluded. */
export function policySize(text: string): number {
  return text.replace(/\s+/g, '').length;
}
