/**
 * How enforcement (`mockAws({ iam: 'enforce' })`, src/core/policy/enforce.ts)
 * authorizes KMS calls (KMS developer guide, "KMS key access and permissions"):
 *
 * - the key policy is the primary control: IAM policies allow a key only when
 *   the key policy allows the key's account (the default policy does), so a
 *   principal of another account, or one of the same account that the key
 *   policy leaves out, is refused unless the key policy names it or its account;
 * - a grant allows its grantee its operations, within its encryption-context
 *   constraints, without any policy; an explicit Deny anywhere still wins;
 * - the resource is the key: an alias or alias ARN names the key it points to,
 *   and Decrypt without KeyId acts on the key its ciphertext blob names.
 */
import { parseArn } from '../../../src/core/ids';
import type { KmsBackend } from './backend';
import { contextAllowed, type Grant } from './grants';
import { parseBlob } from './material';

/** The grant operation that covers an API operation, when it is not the same name. */
const GRANT_OPERATION: Record<string, string> = { ReEncrypt: 'ReEncryptFrom' };

/** Where the key of a ciphertext blob or a key id lives; undefined when the input names none we can resolve. */
export async function resolveKeyResource(backend: KmsBackend, input: Record<string, unknown>): Promise<string | undefined> {
  const keyId = typeof input.KeyId === 'string' ? input.KeyId : typeof input.SourceKeyId === 'string' ? input.SourceKeyId : undefined;
  if (keyId) return (await backend.findKey(keyId, { crossAccount: true })).arn;
  const blob = input.CiphertextBlob;
  if (blob instanceof Uint8Array) return parseBlob(Buffer.from(blob))?.keyArn;
  return undefined;
}

/** The encryption context a call presents to a grant's constraints. */
function contextOf(input: Record<string, unknown>): Record<string, string> | undefined {
  const ctx = input.EncryptionContext ?? input.SourceEncryptionContext;
  return ctx && typeof ctx === 'object' ? (ctx as Record<string, string>) : undefined;
}

/** Whether a grant names this principal: its ARN, or the role a session was assumed from. */
function isGrantee(grant: Grant, principal: { arn: string; roleArn?: string }): boolean {
  return grant.granteePrincipal === principal.arn || (principal.roleArn !== undefined && grant.granteePrincipal === principal.roleArn);
}

export function grantAllows(
  backend: KmsBackend,
  keyArn: string,
  principal: { arn: string; roleArn?: string },
  operation: string,
  input: Record<string, unknown>,
): boolean {
  const parsed = parseArn(keyArn);
  if (!parsed?.resource.startsWith('key/')) return false;
  const wanted = GRANT_OPERATION[operation] ?? operation;
  return backend.grants
    .forKey(parsed.resource.slice(4))
    .some((g) => isGrantee(g, principal) && g.operations.includes(wanted) && contextAllowed(g.constraints, contextOf(input)));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * KMS condition keys of a call (KMS developer guide, "AWS KMS condition keys"), for key policies and IAM
 * policies: the caller's account, the encryption context, the key's spec, usage, origin and tags, the alias
 * the request named, the algorithms and message type asked for, and a grant's operations and grantee.
 */
export function kmsConditionContext(
  backend: KmsBackend,
  keyArn: string,
  input: Record<string, unknown>,
  principal: { account: string },
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { 'kms:CallerAccount': principal.account, 'kms:GrantIsForAWSResource': 'false' };
  const context = contextOf(input);
  if (context) {
    out['kms:EncryptionContextKeys'] = Object.keys(context);
    for (const [k, v] of Object.entries(context)) out[`kms:EncryptionContext:${k}`] = v;
  }
  const requested = str(input.KeyId) ?? str(input.SourceKeyId);
  if (requested?.startsWith('alias/')) out['kms:RequestAlias'] = requested;
  else if (requested?.startsWith('arn:') && requested.includes(':alias/')) out['kms:RequestAlias'] = requested.slice(requested.indexOf('alias/'));
  const optional: [string, unknown][] = [
    ['kms:EncryptionAlgorithm', input.EncryptionAlgorithm],
    ['kms:SigningAlgorithm', input.SigningAlgorithm],
    ['kms:MacAlgorithm', input.MacAlgorithm],
    ['kms:MessageType', input.MessageType],
    ['kms:GranteePrincipal', input.GranteePrincipal],
    ['kms:RetiringPrincipal', input.RetiringPrincipal],
    ['kms:DataKeyPairSpec', input.KeyPairSpec],
  ];
  for (const [name, value] of optional) if (typeof value === 'string') out[name] = value;
  if (Array.isArray(input.Operations)) out['kms:GrantOperations'] = input.Operations.filter((o): o is string => typeof o === 'string');
  const id = parseArn(keyArn)?.resource.replace(/^key\//, '');
  const key = id ? backend.keys.get(id) : undefined;
  if (key) {
    out['kms:KeySpec'] = key.keySpec;
    out['kms:KeyUsage'] = key.keyUsage;
    out['kms:KeyOrigin'] = key.origin;
    out['kms:MultiRegion'] = String(Boolean(key.multiRegion));
    for (const [k, v] of key.tags) out[`aws:ResourceTag/${k}`] = v;
  }
  return out;
}
