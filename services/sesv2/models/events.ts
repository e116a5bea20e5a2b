/**
 * Sending events of a configuration set, formatted as SES publishes them
 * (`eventType`, `mail`, and the event's own object), delivered to SNS topics
 * (the SNS backend's `publish`) and EventBridge buses (the events backend's
 * `publishEvent`, source `aws.ses`); Firehose, CloudWatch and Pinpoint
 * destinations are recorded in `backend.events` only. The mailbox simulator
 * decides each recipient's outcome; the account suppression list bounces.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import { simulated } from './addresses';
import type { SesBackend } from './backend';
import type { SentEmail } from './message';

type Outcome = 'DELIVERY' | 'BOUNCE' | 'COMPLAINT';

const NAMES: Record<string, { eventType: string; key: string; detailType: string }> = {
  SEND: { eventType: 'Send', key: 'send', detailType: 'Email Sent' },
  DELIVERY: { eventType: 'Delivery', key: 'delivery', detailType: 'Email Delivered' },
  BOUNCE: { eventType: 'Bounce', key: 'bounce', detailType: 'Email Bounced' },
  COMPLAINT: { eventType: 'Complaint', key: 'complaint', detailType: 'Email Complaint Received' },
  OPEN: { eventType: 'Open', key: 'open', detailType: 'Email Opened' },
  CLICK: { eventType: 'Click', key: 'click', detailType: 'Email Clicked' },
};

/** What happens to each recipient: the simulator's answer, the suppression list, else delivery. */
export function outcomes(email: SentEmail): Array<{ recipient: string; outcomes: Outcome[]; subType?: string }> {
  return email.recipients.map((recipient) => {
    if (email.suppressed.includes(recipient)) return { recipient, outcomes: ['BOUNCE'], subType: 'OnAccountSuppressionList' };
    const sim = simulated(recipient);
    if (sim === 'bounce') return { recipient, outcomes: ['BOUNCE'], subType: 'General' };
    if (sim === 'suppressionlist') return { recipient, outcomes: ['BOUNCE'], subType: 'Suppressed' };
    if (sim === 'complaint') return { recipient, outcomes: ['DELIVERY', 'COMPLAINT'] };
    return { recipient, outcomes: ['DELIVERY'] };
  });
}

function mailObject(b: SesBackend, email: SentEmail) {
  const tags: Record<string, string[]> = {
    'ses:operation': [email.operation],
    'ses:from-domain': [email.from.slice(email.from.lastIndexOf('@') + 1)],
    'ses:caller-identity': ['root'],
  };
  if (email.configurationSet) tags['ses:configuration-set'] = [email.configurationSet];
  for (const [k, v] of Object.entries(email.tags)) tags[k] = [v];
  return {
    timestamp: email.timestamp.toISOString(),
    source: email.from,
    sendingAccountId: b.account,
    messageId: email.messageId,
    destination: email.recipients,
    headersTruncated: false,
    headers: Object.entries(email.headers).map(([name, value]) => ({ name, value })),
    commonHeaders: { from: [email.from], to: email.to, messageId: email.messageId, subject: email.subject },
    tags,
  };
}

function eventBody(type: string, recipients: string[], subType: string | undefined, email: SentEmail): Record<string, unknown> {
  const timestamp = new Date(clock.now()).toISOString();
  if (type === 'SEND') return {};
  if (type === 'DELIVERY') {
    return { timestamp, processingTimeMillis: Math.max(0, clock.now() - email.timestamp.getTime()), recipients, smtpResponse: '250 2.6.0 Message received', reportingMTA: 'a8-50.smtp-out.amazonses.com' };
  }
  if (type === 'BOUNCE') {
    return {
      bounceType: 'Permanent',
      bounceSubType: subType ?? 'General',
      bouncedRecipients: recipients.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' })),
      timestamp,
      feedbackId: `0100${clock.now().toString(16).padStart(12, '0')}-${randomUUID()}-000000`,
      reportingMTA: 'dsn; a8-50.smtp-out.amazonses.com',
    };
  }
  return { complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })), timestamp, feedbackId: `0100${clock.now().toString(16).padStart(12, '0')}-${randomUUID()}-000000`, complaintFeedbackType: 'abuse' };
}

/**
 * Identity notifications (SES v1 SetIdentityNotificationTopic): Bounce,
 * Complaint and Delivery notifications of the sending identity go to its
 * topics, as `notificationType` + the event object + `mail`.
 */
async function notifyIdentity(b: SesBackend, email: SentEmail): Promise<void> {
  const identity = b.verifiedFor(email.from);
  if (!identity || identity.notificationTopics.size === 0) return;
  for (const o of outcomes(email)) {
    for (const type of o.outcomes) {
      const kind = NAMES[type].eventType;
      const topic = identity.notificationTopics.get(kind);
      if (!topic) continue;
      const mail: Record<string, unknown> = { ...mailObject(b, email), sourceArn: b.arn(`identity/${identity.name}`) };
      if (!identity.headersInNotifications.get(kind)) {
        delete mail.headers;
        delete mail.commonHeaders;
        delete mail.headersTruncated;
      }
      delete mail.tags;
      const payload = { notificationType: kind, [NAMES[type].key]: eventBody(type, [o.recipient], o.subType, email), mail };
      await deliver(b, { SnsDestination: { TopicArn: topic } }, NAMES[type].detailType, payload);
    }
  }
}

/** Publishes Send and each recipient's outcome to the message's configuration set and the identity's topics. */
export async function publishSendEvents(b: SesBackend, email: SentEmail): Promise<void> {
  await notifyIdentity(b, email);
  const events: Array<{ type: string; recipients: string[]; subType?: string }> = [{ type: 'SEND', recipients: email.recipients }];
  for (const o of outcomes(email)) for (const type of o.outcomes) events.push({ type, recipients: [o.recipient], subType: o.subType });
  for (const ev of events) await publishToSet(b, email, ev.type, eventBody(ev.type, ev.recipients, ev.subType, email));
}

/** One event of a message to every destination of its configuration set that matches the event's type. */
async function publishToSet(b: SesBackend, email: SentEmail, type: string, body: Record<string, unknown>): Promise<void> {
  const set = email.configurationSet ? b.configurationSets.get(email.configurationSet) : undefined;
  if (!set) return;
  const names = NAMES[type];
  const payload = { eventType: names.eventType, mail: mailObject(b, email), [names.key]: body };
  for (const dest of set.destinations.values()) {
    if (dest.Enabled === false || !(dest.MatchingEventTypes ?? []).includes(type)) continue;
    b.events.push({ configurationSet: set.name, destination: dest.Name, eventType: type, payload });
    await deliver(b, dest, names.detailType, payload);
  }
}

/**
 * A recipient opened the message or clicked one of its links (a test says
 * so: no one reads the fake's mail). The Open / Click event goes to the
 * configuration set's destinations in SES's format, and VDM counts it.
 */
export async function publishEngagement(
  b: SesBackend,
  email: SentEmail,
  event: { type: 'OPEN' | 'CLICK'; recipient: string; link?: string; linkTags?: Record<string, string[]>; ipAddress?: string; userAgent?: string },
): Promise<void> {
  const timestamp = clock.date();
  b.engagement.set(email.messageId, [...(b.engagement.get(email.messageId) ?? []), { type: event.type, recipient: event.recipient, timestamp, link: event.link }]);
  const body: Record<string, unknown> = { ipAddress: event.ipAddress ?? '192.0.2.1', timestamp: timestamp.toISOString(), userAgent: event.userAgent ?? 'Mozilla/5.0' };
  if (event.type === 'CLICK') Object.assign(body, { link: event.link, linkTags: event.linkTags ?? {} });
  await publishToSet(b, email, event.type, body);
}

/** Hands one event to its destination; a destination that has gone away drops it, as SES does. */
async function deliver(b: SesBackend, dest: { SnsDestination?: { TopicArn: string }; EventBridgeDestination?: { EventBusArn: string } }, detailType: string, payload: Record<string, unknown>) {
  try {
    if (dest.SnsDestination) {
      const where = parseArn(dest.SnsDestination.TopicArn);
      const sns = await b.backends.get<{ publish(arn: string, message: string): Promise<unknown> }>('sns', where?.account ?? b.account, where?.region ?? b.region);
      await sns.publish(dest.SnsDestination.TopicArn, JSON.stringify(payload));
    }
    if (dest.EventBridgeDestination) {
      const where = parseArn(dest.EventBridgeDestination.EventBusArn);
      const events = await b.backends.get<{ publishEvent(e: { source: string; detailType: string; detail: unknown; busName?: string }): string }>('events', where?.account ?? b.account, where?.region ?? b.region);
      events.publishEvent({ source: 'aws.ses', detailType, detail: payload, busName: where?.resource.replace(/^event-bus\//, '') });
    }
  } catch {
    // SES does not fail a send because a destination is gone.
  }
}
