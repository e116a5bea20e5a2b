/**
 * `GET /_aws/ses` and `DELETE /_aws/ses`: the mail SES accepted, in the shape
 * LocalStack's endpoint of the same path answers, so suites that read sent
 * mail from LocalStack point here unchanged. The mail is the SES v2
 * backend's record (shared with SES v1), read through its public `sent` list.
 *
 *   GET    /_aws/ses[?id=<messageId>][&email=<source>]   {"messages":[{Id, Region, Destination, Source, Subject, Body, RawData?, Timestamp}]}
 *   DELETE /_aws/ses[?id=<messageId>]                    forget one message, or all; 204
 */
import type { AwsRequest, AwsResponse } from '../core/request';
import type { InternalContext, Route } from './internal-routes';
import { json } from './json-response';

export const SENT_MAIL_PATH = '/_aws/ses';

/** What the server reads of a sent message (services/sesv2/models/message.ts SentEmail). */
interface SentView {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject?: string;
  text?: string;
  html?: string;
  raw?: Buffer;
  timestamp: Date;
}

interface MailRecord {
  region: string;
  sent: SentView[];
}

function mailboxes(ctx: InternalContext): MailRecord[] {
  if (!ctx.services.includes('sesv2')) return [];
  return ctx.dispatcher.backends
    .list('sesv2')
    .map(({ region, backend }) => ({ region, sent: (backend as { sent?: SentView[] }).sent ?? [] }));
}

function view(region: string, m: SentView): Record<string, unknown> {
  return {
    Id: m.messageId,
    Region: region,
    Destination: { ToAddresses: m.to, CcAddresses: m.cc, BccAddresses: m.bcc },
    Source: m.from,
    Subject: m.subject ?? '',
    Body: { text_part: m.text ?? null, html_part: m.html ?? null },
    ...(m.raw ? { RawData: m.raw.toString('utf8') } : {}),
    Timestamp: m.timestamp.toISOString(),
  };
}

const list: Route = (req: AwsRequest, ctx: InternalContext): AwsResponse => {
  const id = req.url.searchParams.get('id');
  const email = req.url.searchParams.get('email');
  const messages: Record<string, unknown>[] = [];
  for (const { region, sent } of mailboxes(ctx)) {
    for (const m of sent) {
      if (id !== null && m.messageId !== id) continue;
      if (email !== null && m.from !== email) continue;
      messages.push(view(region, m));
    }
  }
  return json(200, { messages });
};

const forget: Route = (req: AwsRequest, ctx: InternalContext): AwsResponse => {
  const id = req.url.searchParams.get('id');
  for (const { sent } of mailboxes(ctx)) {
    for (let i = sent.length - 1; i >= 0; i--) if (id === null || sent[i].messageId === id) sent.splice(i, 1);
  }
  return { status: 204, headers: {}, body: Buffer.alloc(0) };
};

export const sentMailRoutes: Record<string, Partial<Record<string, Route>>> = {
  [SENT_MAIL_PATH]: { GET: list, DELETE: forget },
};
