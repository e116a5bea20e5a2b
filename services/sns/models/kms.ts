/**
 * SSE topics: Publish asks KMS for the topic's key (SNS needs a data key for
 * every message it stores), so a disabled, missing or deleted key refuses the
 * publish under SNS's KMS* errors (the model lists them on Publish and
 * PublishBatch only; CreateTopic and SetTopicAttributes store the key id as given).
 */
import { AwsError, isAwsError } from '../../../src/core/errors';
import type { BackendAccess } from '../../../src/core/service';
import type { KmsBackend } from '../../kms/models/backend';

/** KMS's exception name → SNS's error shape for the same refusal. */
const SNS_CODE: Record<string, string> = {
  DisabledException: 'KMSDisabledException',
  NotFoundException: 'KMSNotFoundException',
  KMSInvalidStateException: 'KMSInvalidStateException',
  InvalidKeyUsageException: 'KMSInvalidStateException',
  AccessDeniedException: 'KMSAccessDeniedException',
};

/** Throws SNS's KMS* error when the topic's key cannot encrypt now. */
export async function checkTopicKey(
  keyId: string | undefined,
  backends: BackendAccess,
  account: string,
  region: string,
): Promise<void> {
  if (!keyId) return;
  const kms = await backends.get<KmsBackend>('kms', account, region);
  try {
    await kms.usableKey(keyId);
  } catch (err) {
    if (!isAwsError(err)) throw err;
    throw new AwsError(SNS_CODE[err.code] ?? 'KMSNotFoundException', err.message, { status: 400 });
  }
}
