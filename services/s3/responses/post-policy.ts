/**
 * The policy of a browser POST upload: a base64 JSON document with an
 * `expiration` and `conditions` that every form must meet. Conditions are
 * exact matches (`{"acl": "public-read"}`, `["eq", "$key", "a.txt"]`),
 * prefixes (`["starts-with", "$key", "uploads/"]`, `""` accepts anything)
 * and `["content-length-range", min, max]` on the file's size. Every field of
 * the form must be named by a condition, except the policy, the signature,
 * the access key, the file and `x-ignore-*` fields.
 *
 * The signature covers the base64 policy: SigV4 forms sign it with the
 * credential's derived key (hex HMAC-SHA256), SigV2 forms with the secret
 * itself (base64 HMAC-SHA1). It is verified when the fake knows the key's
 * secret (issued keys and the default test keys, src/core/credentials.ts);
 * a key it cannot know (any in-process test key) is taken on trust.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { signingKey } from '../../../src/core/sigv4-verify';
import {
  accessDenied,
  entityTooLarge,
  invalidArgument,
  invalidPolicyDocument,
  policyViolation,
  postEntityTooSmall,
} from '../exceptions';

/** What the policy is checked against: the form's fields before the file, by lower-cased name. */
export interface PostForm {
  fields: Map<string, string>;
  bucket: string;
  /** The key after `${filename}` was replaced (conditions see this one). */
  key: string;
  size: number;
}

type Condition =
  | { kind: 'eq' | 'starts-with'; field: string; value: string; source: unknown }
  | { kind: 'range'; min: number; max: number; source: unknown };

/** Signature fields of SigV4 and of the older SigV2 forms, with the names S3's errors use. */
const SIGNATURE_SETS: Array<Array<[string, string]>> = [
  [
    ['x-amz-algorithm', 'X-Amz-Algorithm'],
    ['x-amz-credential', 'X-Amz-Credential'],
    ['x-amz-date', 'X-Amz-Date'],
    ['x-amz-signature', 'X-Amz-Signature'],
  ],
  [
    ['awsaccesskeyid', 'AWSAccessKeyId'],
    ['signature', 'Signature'],
  ],
];

/** Fields no condition has to name. */
const EXEMPT = new Set(['policy', 'x-amz-signature', 'signature', 'awsaccesskeyid', 'file']);

export function missingField(name: string) {
  return invalidArgument(
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    name,
    '',
  );
}

/** A form with a policy is signed: all fields of one signature version, else Access Denied. */
export function checkSignatureFields(fields: Map<string, string>): void {
  for (const set of SIGNATURE_SETS) {
    if (!set.some(([field]) => fields.has(field))) continue;
    const missing = set.find(([field]) => !fields.has(field));
    if (missing) throw missingField(missing[1]);
    return;
  }
  throw accessDenied();
}

/**
 * SignatureDoesNotMatch (403) when the form's signature is not the policy's
 * under the key's secret; `secretOf` answers undefined for a key the fake
 * cannot know. Call after checkSignatureFields.
 */
export function checkPolicySignature(fields: Map<string, string>, policy: string, secretOf: (accessKeyId: string) => string | undefined): void {
  const credential = fields.get('x-amz-credential');
  let accessKeyId: string;
  let expected: string;
  let provided: string;
  if (credential !== undefined) {
    // AKID/yyyymmdd/region/service/aws4_request
    const [key, date, region, service] = credential.split('/');
    accessKeyId = key;
    provided = fields.get('x-amz-signature') ?? '';
    const secret = secretOf(accessKeyId);
    if (secret === undefined) return;
    // A credential scope missing parts signs nothing this key could have signed.
    expected = date && region && service ? createHmac('sha256', signingKey(secret, date, region, service)).update(policy, 'utf8').digest('hex') : '';
  } else {
    accessKeyId = fields.get('awsaccesskeyid') ?? '';
    provided = fields.get('signature') ?? '';
    const secret = secretOf(accessKeyId);
    if (secret === undefined) return;
    expected = createHmac('sha1', secret).update(policy, 'utf8').digest('base64');
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  if (a.length === b.length && timingSafeEqual(a, b)) return;
  throw new AwsError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      status: 403,
      fields: {
        AWSAccessKeyId: accessKeyId,
        StringToSign: policy,
        SignatureProvided: provided,
        StringToSignBytes: [...Buffer.from(policy, 'utf8')].map((x) => x.toString(16).padStart(2, '0')).join(' '),
      },
    },
  );
}

export function checkPolicy(policyText: string, form: PostForm, now: number): void {
  const policy = decodePolicy(policyText);
  const expiration = policy.expiration;
  if (expiration === undefined) throw invalidPolicyDocument('Policy missing expiration.');
  const expiresAt = typeof expiration === 'string' ? Date.parse(expiration) : Number.NaN;
  if (Number.isNaN(expiresAt)) throw invalidPolicyDocument(`Invalid 'expiration' value: '${String(expiration)}'`);
  if (!Array.isArray(policy.conditions)) throw invalidPolicyDocument('Policy missing conditions.');
  const conditions = policy.conditions.map(parseCondition);
  if (now > expiresAt) throw policyViolation('Policy expired.');
  const named = new Set<string>();
  for (const condition of conditions) {
    checkCondition(condition, form);
    if (condition.kind !== 'range') named.add(condition.field);
  }
  for (const name of form.fields.keys()) {
    if (!EXEMPT.has(name) && !name.startsWith('x-ignore-') && !named.has(name)) {
      throw policyViolation(`Extra input fields: ${name}`);
    }
  }
}

function decodePolicy(text: string): Record<string, unknown> {
  try {
    const json = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (json && typeof json === 'object' && !Array.isArray(json)) return json;
  } catch {
    // answered below
  }
  throw invalidPolicyDocument('Invalid JSON.');
}

function parseCondition(source: unknown): Condition {
  if (source && typeof source === 'object' && !Array.isArray(source)) {
    const entries = Object.entries(source);
    if (entries.length !== 1) {
      throw invalidPolicyDocument('Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.');
    }
    const [field, value] = entries[0];
    return { kind: 'eq', field: field.toLowerCase(), value: String(value), source };
  }
  if (!Array.isArray(source) || source.length !== 3) throw invalidCondition(source);
  const [op, a, b] = source;
  const operation = String(op).toLowerCase();
  if (operation === 'content-length-range') {
    const min = Number(a);
    const max = Number(b);
    if (!Number.isInteger(min) || !Number.isInteger(max)) throw invalidCondition(source);
    return { kind: 'range', min, max, source };
  }
  if ((operation === 'eq' || operation === 'starts-with') && typeof a === 'string' && a.startsWith('$')) {
    return { kind: operation, field: a.slice(1).toLowerCase(), value: String(b ?? ''), source };
  }
  throw invalidCondition(source);
}

function invalidCondition(source: unknown) {
  return invalidPolicyDocument(`Invalid Condition: ${describe(source)}`);
}

function fieldValue(form: PostForm, field: string): string | undefined {
  if (field === 'bucket') return form.bucket;
  if (field === 'key') return form.key;
  return form.fields.get(field);
}

function checkCondition(condition: Condition, form: PostForm): void {
  if (condition.kind === 'range') {
    if (form.size < condition.min) throw postEntityTooSmall(form.size, condition.min);
    if (form.size > condition.max) throw entityTooLarge(form.size, condition.max);
    return;
  }
  const actual = fieldValue(form, condition.field);
  let ok: boolean;
  if (condition.kind === 'eq') ok = actual === condition.value;
  else if (condition.value === '') ok = true;
  else if (actual === undefined) ok = false;
  // Content-Type may list several types; each must start with the prefix.
  else if (condition.field === 'content-type') ok = actual.split(',').every((t) => t.trim().startsWith(condition.value));
  else ok = actual.startsWith(condition.value);
  if (!ok) throw policyViolation(`Policy Condition failed: ${describe(condition.source)}`);
}

/** A condition as S3 quotes it: `["starts-with", "$key", "uploads/"]`; an exact-match object as `["eq", "$bucket", "b"]`. */
function describe(source: unknown): string {
  if (Array.isArray(source)) return `[${source.map((v) => JSON.stringify(v)).join(', ')}]`;
  if (source && typeof source === 'object') {
    const [field, value] = Object.entries(source)[0] ?? [];
    return `["eq", ${JSON.stringify(`$${field}`)}, ${JSON.stringify(value)}]`;
  }
  return JSON.stringify(source);
}
