/**
 * Verification mail: what SES sends to an address being verified (the
 * standard message, or a custom verification template's). Kept with the sent
 * mail (operation VerifyEmailIdentity / SendCustomVerificationEmail) so a test
 * can read it; it does not count against the quota.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { SesBackend } from './backend';
import { messageId, type SentEmail } from './message';

export interface CustomVerificationTemplate {
  TemplateName: string;
  FromEmailAddress: string;
  TemplateSubject: string;
  TemplateContent: string;
  SuccessRedirectionURL: string;
  FailureRedirectionURL: string;
}

export function verificationLink(b: SesBackend, address: string): string {
  const token = randomBytes(24).toString('hex');
  return `https://email-verification.${b.region}.amazonaws.com/?Context=${b.account}&X-Amz-Security-Token=${token}&Identity.IdentityValue=${encodeURIComponent(address)}&Identity.IdentityType=EmailAddress`;
}

export function recordVerificationMail(b: SesBackend, address: string, operation: string, mail: { from: string; subject: string; text?: string; html?: string }): SentEmail {
  const email: SentEmail = {
    messageId: messageId(),
    operation,
    from: mail.from,
    to: [address],
    cc: [],
    bcc: [],
    recipients: [address],
    replyTo: [],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: [],
    headers: Object.create(null),
    tags: {},
    suppressed: [],
    timestamp: clock.date(),
  };
  b.sent.push(email);
  return email;
}
