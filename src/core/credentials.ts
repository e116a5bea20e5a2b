/**
 * Credentials the fake issued (STS AssumeRole, IAM CreateAccessKey) and the
 * account each belongs to, so a call signed with them lands in that account.
 */

export interface IssuedCredential {
  accessKeyId: string;
  account: string;
  /** ARN of the principal, for GetCallerIdentity. */
  arn?: string;
  userId?: string;
  /** The secret, when the fake issued one (signature checks in server mode use it). */
  secretAccessKey?: string;
  /** Epoch ms after which the key is no longer valid (temporary credentials). */
  expires?: number;
  /**
   * An IAM access key made Inactive or deleted: kept, so services that check
   * the caller (STS, IAM) refuse it with InvalidClientTokenId as AWS does.
   */
  disabled?: boolean;
}

export class CredentialStore {
  private readonly byKey = new Map<string, IssuedCredential>();

  register(credential: IssuedCredential): void {
    this.byKey.set(credential.accessKeyId, credential);
  }

  lookup(accessKeyId: string): IssuedCredential | undefined {
    return this.byKey.get(accessKeyId);
  }

  accountOf(accessKeyId: string): string | undefined {
    return this.byKey.get(accessKeyId)?.account;
  }

  reset(): void {
    this.byKey.clear();
  }

  /** The issued credentials as they are now (each a copy). */
  snapshot(): IssuedCredential[] {
    return [...this.byKey.values()].map((c) => ({ ...c }));
  }

  /** Back to a snapshot's credentials: keys issued since are forgotten. */
  restore(snapshot: IssuedCredential[]): void {
    this.byKey.clear();
    for (const c of snapshot) this.byKey.set(c.accessKeyId, { ...c });
  }
}

/** The documentation example secret: the default key's, and what a 12-digit account key signs with. */
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * The secrets of the default test credentials: what mockAws() puts in the
 * environment (AWS's documentation example pair), and LocalStack's and Moto's
 * customary `test`/`testing`.
 */
const DEFAULT_SECRETS: ReadonlyMap<string, string> = new Map([
  ['AKIAIOSFODNN7EXAMPLE', EXAMPLE_SECRET],
  ['test', 'test'],
  ['testing', 'testing'],
]);

/**
 * The secret the fake knows for an access key, for signature checks: a key it
 * issued (STS, IAM) while unexpired and enabled, a default test key, or a
 * 12-digit account id (the key that lands a call in that account, which the
 * Lambda runtime gives functions) with the example secret.
 */
export function knownSecret(store: CredentialStore, accessKeyId: string, now: number): string | undefined {
  const issued = store.lookup(accessKeyId);
  if (issued?.secretAccessKey !== undefined && !issued.disabled && (issued.expires === undefined || issued.expires > now)) {
    return issued.secretAccessKey;
  }
  return DEFAULT_SECRETS.get(accessKeyId) ?? (/^\d{12}$/.test(accessKeyId) ? EXAMPLE_SECRET : undefined);
}
