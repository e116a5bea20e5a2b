/**
 * Encryption at rest with a KMS key (SSESpecification Enabled: true): the
 * table keeps the key's ARN (the AWS managed `alias/aws/dynamodb` key when
 * none is named) and watches the key's state. While the key cannot be used
 * (disabled, pending deletion) the table is INACCESSIBLE_ENCRYPTION_CREDENTIALS
 * and item operations are refused, as DynamoDB does once it loses the key.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError, isAwsError } from '../../../src/core/errors';
import type { BackendAccess } from '../../../src/core/service';
import type { SSESpecification } from '../types';
import type { KmsBackend } from '../../kms/models/backend';

export interface TableSse {
  enabled: boolean;
  type?: string;
  kmsKey?: string;
  /** Asks KMS whether the key can be used now: DynamoDB's refusal, or undefined when it can. */
  keyCheck?: () => AwsError | undefined;
  /** When the table was first seen without its key (InaccessibleEncryptionDateTime). */
  inaccessibleAt?: number;
}

/**
 * DynamoDB relays a KMS refusal as AccessDeniedException, quoting the KMS
 * exception inside its own message (observed wording).
 */
export function kmsAccessDenied(kmsCode: string, kmsMessage: string): AwsError {
  return new AwsError(
    'AccessDeniedException',
    `KMS key access denied error: com.amazonaws.services.kms.model.${kmsCode}: ${kmsMessage} ` +
      `(Service: AWSKMS; Status Code: 400; Error Code: ${kmsCode}; Request ID: ${randomUUID()}; Proxy: null)`,
    { status: 400 },
  );
}

/** The table's encryption settings for an SSESpecification, asking KMS for the key; undefined = AWS owned key. */
export async function resolveSse(
  spec: SSESpecification | undefined,
  backends: BackendAccess,
  account: string,
  region: string,
): Promise<TableSse | undefined> {
  if (!spec?.Enabled) return undefined;
  const kms = await backends.get<KmsBackend>('kms', account, region);
  let key: Awaited<ReturnType<KmsBackend['usableKey']>>;
  try {
    key = spec.KMSMasterKeyId ? await kms.usableKey(spec.KMSMasterKeyId) : kms.ensureAwsManagedKey('dynamodb');
  } catch (err) {
    if (!isAwsError(err)) throw err;
    throw kmsAccessDenied(err.code, err.message);
  }
  const keyCheck = () => {
    try {
      kms.checkUsable(key, 'encrypt', 'Decrypt');
      return undefined;
    } catch (err) {
      if (!isAwsError(err)) throw err;
      return kmsAccessDenied(err.code, err.message);
    }
  };
  return { enabled: true, type: 'KMS', kmsKey: key.arn, keyCheck };
}

/**
 * DynamoDB's refusal while the table's KMS key cannot be used (undefined when
 * it can); records, or clears, when the loss was first seen.
 */
export function sseRefusal(sse: TableSse | undefined): AwsError | undefined {
  if (!sse?.enabled || !sse.keyCheck) return undefined;
  const refusal = sse.keyCheck();
  if (refusal) sse.inaccessibleAt ??= clock.now();
  else sse.inaccessibleAt = undefined;
  return refusal;
}
