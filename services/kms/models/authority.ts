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
