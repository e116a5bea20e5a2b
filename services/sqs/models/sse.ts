/**
 * SSE-KMS message bodies (SQS developer guide, "Encryption at rest" and "Key
 * management"): SQS encrypts the body of a message (not its attributes) with a
 * data key from KMS GenerateDataKey, stores the encrypted data key with the
 * message, and decrypts on delivery. A data key is reused to encrypt, and a
 * decrypted one to decrypt, for KmsDataKeyReusePeriodSeconds (default 300)
 * before KMS is called again; the period runs on the core clock. The
 * encryption context is `aws:sqs:arn` = the queue's ARN.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { BackendAccess } from '../../../src/core/service';
import type { KmsBackend } from '../../kms/models/backend';
import { asSqsKmsError } from './kms';
import type { Queue } from './queue';

/** A body as stored on an SSE-KMS queue. */
export interface SealedBody {
  /** The data key, encrypted under the queue's KMS key (a KMS ciphertext blob). */
  dataKey: Buffer;
  /** The ARN of the queue that sealed it: the encryption context, kept when the message moves. */
  queueArn: string;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

interface CachedDataKey {
  keyId: string;
  plaintext: Buffer;
  blob: Buffer;
  until: number;
}

const encryptKeys = new WeakMap<Queue, CachedDataKey>();
const decryptKeys = new WeakMap<Queue, Map<string, { plaintext: Buffer; until: number }>>();

function reusePeriodMs(queue: Queue): number {
  return Number(queue.attributes.KmsDataKeyReusePeriodSeconds ?? 300) * 1000;
}

/** The data key to encrypt with now: the cached one within its reuse period, else a new one from KMS. */
async function dataKeyFor(queue: Queue, kms: KmsBackend, keyId: string, now: number): Promise<CachedDataKey> {
  const cached = encryptKeys.get(queue);
  if (cached && cached.keyId === keyId && cached.until > now) return cached;
  try {
    const { plaintext, ciphertext } = await kms.generateDataKey(keyId, { 'aws:sqs:arn': queue.arn });
    const fresh = { keyId, plaintext, blob: ciphertext, until: now + reusePeriodMs(queue) };
    encryptKeys.set(queue, fresh);
    return fresh;
  } catch (err) {
    throw asSqsKmsError(err);
  }
}

/** Seals a body for an SSE-KMS queue; undefined when the queue has no KMS key. */
export async function sealBody(queue: Queue, backends: BackendAccess, body: string, now: number): Promise<SealedBody | undefined> {
  const keyId = queue.attributes.KmsMasterKeyId;
  if (!keyId) return undefined;
  const kms = await backends.get<KmsBackend>('kms', queue.account, queue.region);
  const key = await dataKeyFor(queue, kms, keyId, now);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
  const data = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  const sealed = { dataKey: key.blob, queueArn: queue.arn, iv, tag: cipher.getAuthTag(), data };
  return sealed;
}

function decryptWith(dataKey: Buffer, sealed: SealedBody): string {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.iv);
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.data), decipher.final()]).toString('utf8');
}

/** The body of a sealed message, decrypting its data key through KMS unless it was decrypted within the period. */
export async function openBody(queue: Queue, backends: BackendAccess, sealed: SealedBody, now: number): Promise<string> {
  let cache = decryptKeys.get(queue);
  if (!cache) decryptKeys.set(queue, (cache = new Map()));
  const id = sealed.dataKey.toString('base64');
  let entry = cache.get(id);
  if (!entry || entry.until <= now) {
    const kms = await backends.get<KmsBackend>('kms', queue.account, queue.region);
    try {
      const { plaintext } = await kms.decrypt(sealed.dataKey, { 'aws:sqs:arn': sealed.queueArn });
      entry = { plaintext, until: now + reusePeriodMs(queue) };
    } catch (err) {
      throw asSqsKmsError(err);
    }
    cache.set(id, entry);
    for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
  }
  return decryptWith(entry.plaintext, sealed);
}
