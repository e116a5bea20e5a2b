/**
 * SES v1 SendBounce: a delivery status notification (RFC 3464,
 * multipart/report) from a verified address to the sender of a message SES
 * received, at most 24 hours after it arrived. The bounce is recorded with
 * the sent mail (operation SendBounce) and parsed like any raw message.
 */
import { clock } from '../../../src/core/clock';
import { MailError, rejected } from '../../sesv2/exceptions';
import { checkAddress } from '../../sesv2/models/addresses';
import type { SesBackend } from '../../sesv2/models/backend';
import { BOUNCE_WINDOW_MS } from '../../sesv2/models/inbound';
import { messageId, parseMime, type SentEmail } from '../../sesv2/models/message';
import type * as T from '../types';

/** RFC 3463 status codes for SES's bounce types. */
const STATUS: Record<string, string> = {
  DoesNotExist: '5.1.1',
  MessageTooLarge: '5.3.4',
  ExceededQuota: '5.2.2',
  ContentRejected: '5.6.1',
  Undefined: '5.0.0',
  TemporaryFailure: '4.0.0',
};

interface RecipientDsn {
  recipient: string;
  action: string;
  status: string;
  diagnostic?: string;
  remoteMta?: string;
}

function recipientDsn(info: T.BouncedRecipientInfo, originalRecipients: string[]): RecipientDsn {
  const fields = info.RecipientDsnFields;
  if (!info.BounceType && !fields) throw new MailError('invalid', `Either BounceType or RecipientDsnFields must be given for ${info.Recipient}.`);
  const recipient = checkAddress(fields?.FinalRecipient ?? info.Recipient);
  if (!originalRecipients.includes(recipient.toLowerCase()) && !originalRecipients.includes(info.Recipient.toLowerCase())) {
    throw new MailError('invalid', `${recipient} is not a recipient of the original message.`);
  }
  if (fields) return { recipient, action: fields.Action, status: fields.Status, diagnostic: fields.DiagnosticCode, remoteMta: fields.RemoteMta };
  const type = info.BounceType as string;
  return { recipient, action: type === 'TemporaryFailure' ? 'delayed' : 'failed', status: STATUS[type] ?? '5.0.0' };
}

export async function sendBounce(input: T.SendBounceRequest, b: SesBackend): Promise<T.SendBounceResponse> {
  const original = b.received.find((m) => m.messageId === input.OriginalMessageId);
  if (!original || clock.now() - original.timestamp.getTime() > BOUNCE_WINDOW_MS) throw rejected(`Could not find the message ${input.OriginalMessageId} to bounce.`);
  const sender = checkAddress(input.BounceSender);
  if (!b.verifiedFor(sender)) throw rejected(`Email address is not verified. The following identities failed the check in region ${b.region.toUpperCase()}: ${sender}`);
  if (!input.BouncedRecipientInfoList.length) throw new MailError('invalid', 'BouncedRecipientInfoList must contain at least one recipient.');
  const originalRecipients = original.recipients.map((r) => r.toLowerCase());
  const dsns = input.BouncedRecipientInfoList.map((info) => recipientDsn(info, originalRecipients));

  const id = messageId();
  const now = clock.date();
  const reportingMta = input.MessageDsn?.ReportingMta ?? `dns; inbound-smtp.${b.region}.amazonaws.com`;
  const explanation =
    input.Explanation ?? `An error occurred while trying to deliver the mail to the following recipients:\r\n${dsns.map((d) => d.recipient).join('\r\n')}`;
  const perMessage = [`Reporting-MTA: ${reportingMta}`, ...(input.MessageDsn?.ArrivalDate ? [`Arrival-Date: ${input.MessageDsn.ArrivalDate.toUTCString()}`] : [])];
  for (const x of input.MessageDsn?.ExtensionFields ?? []) perMessage.push(`${x.Name}: ${x.Value}`);
  const perRecipient = dsns.map((d) =>
    [
      `Final-Recipient: rfc822; ${d.recipient}`,
      `Action: ${d.action}`,
      `Status: ${d.status}`,
      ...(d.remoteMta ? [`Remote-MTA: ${d.remoteMta}`] : []),
      ...(d.diagnostic ? [`Diagnostic-Code: ${d.diagnostic}`] : []),
    ].join('\r\n'),
  );
  const boundary = `bounce-${id}`;
  const raw = Buffer.from(
    [
      `From: ${sender}`,
      `To: ${original.from}`,
      'Subject: Delivery Status Notification (Failure)',
      `Date: ${now.toUTCString()}`,
      `Message-ID: <${id}@email.amazonses.com>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      explanation,
      '',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      [perMessage.join('\r\n'), ...perRecipient].join('\r\n\r\n'),
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
  const parsed = await parseMime(raw);
  const email: SentEmail = {
    messageId: id,
    operation: 'SendBounce',
    from: sender,
    to: [original.from],
    cc: [],
    bcc: [],
    recipients: [original.from],
    replyTo: [],
    subject: parsed.subject,
    text: parsed.text,
    html: undefined,
    attachments: parsed.attachments,
    headers: parsed.headers,
    raw,
    tags: {},
    suppressed: [],
    timestamp: now,
  };
  b.sent.push(email);
  return { MessageId: id };
}
