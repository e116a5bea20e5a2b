/**
 * The sending pipeline both APIs share: every check before anything is
 * recorded (addresses, recipient count, size, configuration set, sender
 * verification, MAIL FROM, the sandbox), then the message is logged, counted
 * against the quota, kept from suppressed recipients and reported to the
 * configuration set's event destinations.
 */
import { clock } from '../../../src/core/clock';
import { MailError, rejected } from '../exceptions';
import { checkAddress, simulated } from './addresses';
import type { SesBackend, Suppressed } from './backend';
import { publishSendEvents } from './events';
import { renderTemplate, type TemplateParts, templateData } from './template';
import { messageId, type ParsedMime, parseMime, type SentAttachment, type SentEmail } from './message';

export interface Draft {
  operation: string;
  from?: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  /** SendRawEmail's Destinations: the envelope, overriding the headers. */
  envelope?: string[];
  replyTo?: string[];
  subject?: string;
  text?: string;
  html?: string;
  attachments?: SentAttachment[];
  headers?: Record<string, string>;
  raw?: Buffer;
  /** Raw size limit in bytes: 10 MB in v1, 40 MB in v2. */
  rawLimit?: number;
  template?: { name?: string; data: string };
  /** The template's parts, rendered with `template.data` once the checks pass. */
  templateParts?: TemplateParts;
  configurationSet?: string;
  tags?: Record<string, string>;
  /** The suppression list that applies: a tenant's own (scope TENANT), else the account's. */
  suppressionList?: Map<string, Suppressed>;
  /** Checks done, nothing recorded: SendBulkEmail checks every entry first. */
  dryRun?: boolean;
}

export const MAX_RECIPIENTS = 50;

function uniq(list: string[]): string[] {
  return [...new Set(list)];
}

export async function sendMail(b: SesBackend, draft: Draft): Promise<SentEmail> {
  let parsed: ParsedMime | undefined;
  if (draft.raw) {
    const limit = draft.rawLimit ?? 10 * 1024 * 1024;
    if (draft.raw.length > limit) throw rejected(`Message length is more than ${limit} bytes long: '${draft.raw.length}'.`);
    parsed = await parseMime(draft.raw);
  }
  const fromValue = draft.from ?? parsed?.from;
  if (!fromValue) throw new MailError('invalid', 'Missing required header \'From\'.');
  const from = checkAddress(fromValue);
  const to = (draft.to ?? parsed?.to ?? []).map(checkAddress);
  const cc = (draft.cc ?? parsed?.cc ?? []).map(checkAddress);
  const bcc = (draft.bcc ?? parsed?.bcc ?? []).map(checkAddress);
  const replyTo = (draft.replyTo ?? parsed?.replyTo ?? []).map(checkAddress);
  const recipients = uniq(draft.envelope ? draft.envelope.map(checkAddress) : [...to, ...cc, ...bcc]);
  if (recipients.length === 0) throw new MailError('invalid', 'Missing final \'@domain\'');
  if (recipients.length > MAX_RECIPIENTS) throw new MailError('invalid', `Recipient count exceeds ${MAX_RECIPIENTS}.`);
  if (draft.configurationSet !== undefined) {
    const set = b.configurationSet(draft.configurationSet);
    if (!set.sendingEnabled) throw new MailError('rejected', `Sending is paused for configuration set ${set.name}.`, 'ConfigurationSetSendingPausedException');
  }
  if (!b.sendingEnabled) throw new MailError('rejected', 'Sending is paused for this account.', 'AccountSendingPausedException');
  const region = b.region.toUpperCase();
  const identity = b.verifiedFor(from);
  if (!identity) throw rejected(`Email address is not verified. The following identities failed the check in region ${region}: ${from}`);
  const domainIdentity = b.identity(from.slice(from.lastIndexOf('@') + 1));
  const mailFrom = (identity.mailFrom ? identity : domainIdentity)?.mailFrom;
  if (mailFrom && mailFrom.status !== 'SUCCESS' && mailFrom.behavior === 'REJECT_MESSAGE') {
    throw new MailError('mailFrom', `The custom MAIL FROM domain ${mailFrom.domain} is not verified.`);
  }
  if (!b.productionAccess) {
    const unverified = recipients.filter((r) => !simulated(r) && !b.verifiedFor(r));
    if (unverified.length > 0) throw rejected(`Email address is not verified. The following identities failed the check in region ${region}: ${unverified.join(', ')}`);
  }
  let rendered: TemplateParts = {};
  const missing = new Set<string>();
  if (draft.templateParts) rendered = renderTemplate(draft.templateParts, templateData(draft.template?.data), missing);
  const email: SentEmail = {
    messageId: messageId(),
    operation: draft.operation,
    from,
    to,
    cc,
    bcc,
    recipients,
    replyTo,
    subject: draft.subject ?? rendered.subject ?? parsed?.subject,
    text: draft.text ?? rendered.text ?? parsed?.text,
    html: draft.html ?? rendered.html ?? parsed?.html,
    attachments: draft.attachments ?? parsed?.attachments ?? [],
    headers: { ...parsed?.headers, ...draft.headers },
    raw: draft.raw,
    template: draft.template,
    configurationSet: draft.configurationSet,
    tags: draft.tags ?? {},
    suppressed: recipients.filter((r) => (draft.suppressionList ?? b.suppressed).has(r.toLowerCase())),
    timestamp: clock.date(),
  };
  if (draft.dryRun) return email;
  if (missing.size > 0) {
    // SES accepts the call, then fails to render: a Rendering Failure event, no message.
    b.renderingFailures.push({ messageId: email.messageId, template: draft.template?.name, errorMessage: `Attribute '${[...missing][0]}' is not present in the rendering data.` });
    return email;
  }
  b.sent.push(email);
  await publishSendEvents(b, email);
  return email;
}
