/**
 * Mail SES received for the account (what receipt rules act on). The fake
 * receives nothing from the internet: a test hands a message in with
 * `backend.receive()`, and SES v1 SendBounce can then bounce it.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { checkAddress } from './addresses';

export interface ReceivedEmail {
  /** SES's inbound message ids: 40 lower-case letters and digits (the S3 object key of a stored message). */
  messageId: string;
  from: string;
  recipients: string[];
  subject?: string;
  text?: string;
  timestamp: Date;
}

/** SendBounce works on a message up to this long after SES received it. */
export const BOUNCE_WINDOW_MS = 24 * 3600_000;

export function inboundId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(40)].map((b) => alphabet[b % 36]).join('');
}

export function receivedEmail(mail: { from: string; to: string[]; subject?: string; text?: string }): ReceivedEmail {
  return { messageId: inboundId(), from: checkAddress(mail.from), recipients: mail.to.map(checkAddress), subject: mail.subject, text: mail.text, timestamp: clock.date() };
}
