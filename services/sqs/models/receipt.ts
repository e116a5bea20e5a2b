/**
 * Receipt handles: opaque to callers, but they carry the queue ARN and the
 * message id so we can tell a handle SQS never issued (ReceiptHandleIsInvalid)
 * from one that was issued but no longer names a message in flight.
 */
import { randomUUID } from 'node:crypto';
import { receiptHandleIsInvalid } from '../exceptions';

export interface ParsedReceipt {
  queueArn: string;
  messageId: string;
}

/**
 * Handles issued lately, read back without decoding: nearly every handle comes back once, in
 * the DeleteMessage right after its receive. Bounded; a handle not found is decoded as before.
 */
const issued = new Map<string, ParsedReceipt>();
const ISSUED_KEPT = 4096;

/** A handle per delivery: the nonce makes each unique (a random UUID: randomBytes(48) cost about 2 µs a receive). */
export function newReceipt(queueArn: string, messageId: string): string {
  const handle = Buffer.from(`${queueArn}\u0001${messageId}\u0001${randomUUID()}`).toString('base64');
  if (issued.size >= ISSUED_KEPT) issued.clear();
  issued.set(handle, { queueArn, messageId });
  return handle;
}

export function parseReceipt(handle: string): ParsedReceipt {
  const known = issued.get(handle);
  if (known) return known;
  const text = Buffer.from(handle, 'base64').toString('utf8');
  const parts = text.split('\u0001');
  if (parts.length !== 3 || !parts[0].startsWith('arn:') || Buffer.from(text).toString('base64') !== handle) {
    throw receiptHandleIsInvalid(handle);
  }
  return { queueArn: parts[0], messageId: parts[1] };
}
