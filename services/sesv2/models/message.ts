/**
 * What a sent message looks like to a test: addresses, subject, text, HTML,
 * attachments and headers. Raw messages are parsed with mailparser, so a
 * test reads a MIME message the way it reads a simple one.
 */
import { randomUUID } from 'node:crypto';
import { type AddressObject, simpleParser } from 'mailparser';
import { clock } from '../../../src/core/clock';

export interface SentAttachment {
  filename?: string;
  contentType: string;
  content: Buffer;
}

export interface SentEmail {
  messageId: string;
  /** The operation that sent it: SendEmail, SendRawEmail, SendTemplatedEmail, SendBulkEmail, ... */
  operation: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  /** Every envelope recipient (To, Cc, Bcc or the raw call's Destinations). */
  recipients: string[];
  replyTo: string[];
  subject?: string;
  text?: string;
  html?: string;
  attachments: SentAttachment[];
  /** Header names in lower case; the last value of a repeated header. */
  headers: Record<string, string>;
  /** The MIME source of a raw message. */
  raw?: Buffer;
  template?: { name?: string; data: string };
  configurationSet?: string;
  tags: Record<string, string>;
  /** Recipients the account-level suppression list kept the message from. */
  suppressed: string[];
  timestamp: Date;
}

/** What the parts of a parsed raw message give a SentEmail. */
export interface ParsedMime {
  from?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject?: string;
  text?: string;
  html?: string;
  attachments: SentAttachment[];
  headers: Record<string, string>;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.flatMap((v) => (v.address ? [v.address] : (v.group ?? []).flatMap((g) => (g.address ? [g.address] : [])))));
}

export async function parseMime(raw: Buffer): Promise<ParsedMime> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const headers: Record<string, string> = Object.create(null);
  for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  return {
    from: addresses(mail.from)[0],
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    bcc: addresses(mail.bcc),
    replyTo: addresses(mail.replyTo),
    subject: mail.subject,
    text: mail.text,
    html: mail.html === false ? undefined : mail.html,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers,
  };
}

/**
 * SES message ids: 16 hex digits (a version byte pair and the millisecond
 * time), a UUID and a six-digit suffix, e.g.
 * `0100018c0f5e1a2b-4f6c1d2e-8a9b-4c3d-9e8f-7a6b5c4d3e2f-000000`.
 */
export function messageId(): string {
  return `0100${clock.now().toString(16).padStart(12, '0')}-${randomUUID()}-000000`;
}
