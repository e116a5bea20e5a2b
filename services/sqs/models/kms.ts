/**
 * SSE-KMS queues: every send and receive asks KMS for the queue's key (as SQS
 * does when it needs a data key), so a key that was disabled, scheduled for
 * deletion or never existed refuses the message. SQS relays KMS's refusal
 * under its own codes (the model's Kms* errors on SendMessage, SendMessageBatch
 * and ReceiveMessage); CreateQueue and SetQueueAttributes store the key id
 * without asking KMS — the model lists no KMS error for them.
 */
import { AwsError, isAwsError } from '../../../src/core/errors';
import type { BackendAccess } from '../../../src/core/service';
import type { KmsBackend } from '../../kms/models/backend';
import type { Queue } from './queue';

/** KMS's exception name → SQS's error shape for the same refusal. */
const SQS_CODE: Record<string, string> = {
  DisabledException: 'KmsDisabled',
  NotFoundException: 'KmsNotFound',
  KMSInvalidStateException: 'KmsInvalidState',
  InvalidKeyUsageException: 'KmsInvalidKeyUsage',
  AccessDeniedException: 'KmsAccessDenied',
};

/** KMS's refusal under SQS's Kms* code (KmsNotFound when SQS has no closer one: a key gone since the message was sent). */
export function asSqsKmsError(err: unknown): unknown {
  if (!isAwsError(err)) return err;
  return new AwsError(SQS_CODE[err.code] ?? 'KmsNotFound', err.message, { status: 400 });
}

/** Throws SQS's Kms* error when the queue's KMS key cannot encrypt or decrypt now. */
export async function checkQueueKey(queue: Queue, backends: BackendAccess, account: string, region: string): Promise<void> {
  const keyId = queue.attributes.KmsMasterKeyId;
  if (!keyId) return;
  const kms = await backends.get<KmsBackend>('kms', account, region);
  try {
    await kms.usableKey(keyId);
  } catch (err) {
    throw asSqsKmsError(err);
  }
}
