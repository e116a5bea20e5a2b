/**
 * SesBackend: the account's email state for one region, shared by SES v1
 * and SES v2 (one service underneath: identities, templates, configuration
 * sets and the sent-mail log are the same for both APIs; services/ses
 * reaches this backend through `ctx.backends.get('sesv2', ...)`).
 *
 * For tests: `verify(identity)` completes verification, `autoVerify` makes
 * new identities verified at once, `productionAccess` takes the account out
 * of the sandbox (as PutAccountDetails with ProductionAccessEnabled does),
 * and `sent` lists every accepted message with its parsed parts.
 */
import { randomBytes } from 'node:crypto';
import { type ClockTimer, clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import { notFound } from '../exceptions';
import type * as T from '../types';
import type { EventDestinationDefinition } from '../types';
import { publishEngagement } from './events';
import { type ReceivedEmail, receivedEmail } from './inbound';
import type { SentEmail } from './message';
import type { CustomVerificationTemplate } from './verification';
import type { DedicatedIp, DedicatedIpPool, DeliverabilityDashboard, DeliverabilityTestReport, EngagementEvent, MultiRegionEndpoint, Tenant } from './resources';
import { armJobs, type ExportJob, type ImportJob } from './jobs';

export type VerificationStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'TEMPORARY_FAILURE' | 'NOT_STARTED';

export interface Identity {
  name: string;
  type: 'EMAIL_ADDRESS' | 'DOMAIN';
  status: VerificationStatus;
  dkim: { signingEnabled: boolean; status: VerificationStatus; tokens: string[]; origin: 'AWS_SES' | 'EXTERNAL'; selector?: string };
  mailFrom?: { domain: string; behavior: string; status: VerificationStatus };
  feedbackForwarding: boolean;
  /** v1 notification topics by type (Bounce, Complaint, Delivery). */
  notificationTopics: Map<string, string>;
  headersInNotifications: Map<string, boolean>;
  policies: Map<string, string>;
  tags: Map<string, string>;
  configurationSet?: string;
  /** AssociateEmailIdentityCertificate: ACM certificates by the address they sign for. */
  certificates: Map<string, { arn: string; associated: Date }>;
  created: Date;
}

export interface EmailTemplate {
  name: string;
  subject?: string;
  text?: string;
  html?: string;
  tags: Map<string, string>;
  created: Date;
}

export interface ConfigurationSet {
  name: string;
  /** v2's option objects as given (TrackingOptions, DeliveryOptions, ...). */
  options: Record<string, unknown>;
  sendingEnabled: boolean;
  reputationMetricsEnabled: boolean;
  destinations: Map<string, EventDestinationDefinition & { Name: string }>;
  tags: Map<string, string>;
}

export interface Suppressed {
  EmailAddress: string;
  Reason: string;
  LastUpdateTime: Date;
}

export interface ContactList {
  name: string;
  description?: string;
  topics: Array<{ TopicName: string; DisplayName: string; Description?: string; DefaultSubscriptionStatus: string }>;
  contacts: Map<string, Contact>;
  tags: Map<string, string>;
  created: Date;
  updated: Date;
}

export interface Contact {
  email: string;
  topicPreferences: Array<{ TopicName: string; SubscriptionStatus: string }>;
  unsubscribeAll: boolean;
  attributesData?: string;
  created: Date;
  updated: Date;
}

export interface ReceiptRuleSet {
  name: string;
  created: Date;
  /** Rules in evaluation order. */
  rules: Array<Record<string, unknown> & { Name: string }>;
}

/** SES's own verification mails: recorded with the sent mail, not counted against the quota. */
export const VERIFICATION_MAIL = new Set(['VerifyEmailIdentity', 'SendCustomVerificationEmail']);

export class SesBackend {
  readonly account: string;
  readonly region: string;
  readonly backends: BackendAccess;
  /** New identities are verified at once (no verify() call needed). */
  autoVerify = false;
  /** Out of the sandbox: any recipient, production quotas. */
  productionAccess = false;
  sendingEnabled = true;
  /** Account-level suppression (v2): the reasons that put an address on the list. */
  suppressedReasons: string[] = ['BOUNCE', 'COMPLAINT'];
  accountDetails?: Record<string, unknown>;

  readonly identities = new Map<string, Identity>();
  readonly templates = new Map<string, EmailTemplate>();
  readonly configurationSets = new Map<string, ConfigurationSet>();
  readonly suppressed = new Map<string, Suppressed>();
  readonly contactLists = new Map<string, ContactList>();
  readonly receiptRuleSets = new Map<string, ReceiptRuleSet>();
  activeReceiptRuleSet?: string;
  readonly customVerificationTemplates = new Map<string, CustomVerificationTemplate & { tags: Map<string, string> }>();
  readonly receiptFilters = new Map<string, { Name: string; IpFilter: { Policy: string; Cidr: string } }>();
  /** Every accepted message, oldest first. */
  readonly sent: SentEmail[] = [];
  /** Templated sends whose data lacked a name the template uses (SES sends nothing for them). */
  readonly renderingFailures: Array<{ messageId: string; template?: string; errorMessage: string }> = [];
  /** Every event published to a configuration set's destinations (all kinds, delivered or not). */
  readonly events: Array<{ configurationSet: string; destination: string; eventType: string; payload: unknown }> = [];
  /** Mail SES received for the account (`receive()`), oldest first. */
  readonly received: ReceivedEmail[] = [];
  /** Opens and clicks recorded with `open()` / `click()`, by message id. */
  readonly engagement = new Map<string, EngagementEvent[]>();

  readonly dedicatedIpPools = new Map<string, DedicatedIpPool>();
  /** Leased dedicated IPs: none in a new account (`leaseDedicatedIp()` stands for AWS leasing one). */
  readonly dedicatedIps = new Map<string, DedicatedIp>();
  dedicatedIpAutoWarmup = false;
  vdmAttributes?: T.VdmAttributes;
  /** The pricing plan, and a change PutAccountPricingAttributes scheduled for the start of the next month. */
  pricingPlan: { current: string; next?: string; nextAt?: number } = { current: 'NONE' };
  readonly dashboard: DeliverabilityDashboard = { enabled: false, active: [], pending: [] };
  readonly testReports = new Map<string, DeliverabilityTestReport>();
  /** What GetBlacklistReports answers for an IP or domain (nothing listed unless a test says so). */
  readonly blacklistings = new Map<string, T.BlacklistEntry[]>();
  readonly exportJobs = new Map<string, ExportJob>();
  readonly importJobs = new Map<string, ImportJob>();
  readonly tenants = new Map<string, Tenant>();
  /** Reputation entity state by reference (a resource ARN): policy and customer-managed status. */
  readonly reputation = new Map<string, { policy?: string; customerStatus?: { Status: string; LastUpdatedTimestamp: Date } }>();
  readonly multiRegionEndpoints = new Map<string, MultiRegionEndpoint>();
  /** Pending clock waits (export/import jobs); re-armed by restored(). */
  timers = new Map<string, ClockTimer>();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  arn(resource: string): string {
    return arn({ service: 'ses', region: this.region, account: this.account, resource });
  }

  /** Identities are case-insensitive in their domain; SES keeps them as given. */
  identity(name: string): Identity | undefined {
    return this.identities.get(name.toLowerCase());
  }

  requireIdentity(name: string): Identity {
    const id = this.identity(name);
    if (!id) throw notFound(`Email identity ${name} does not exist.`);
    return id;
  }

  addIdentity(name: string): Identity {
    const domain = !name.includes('@');
    const id: Identity = {
      name,
      type: domain ? 'DOMAIN' : 'EMAIL_ADDRESS',
      status: 'PENDING',
      dkim: { signingEnabled: domain, status: domain ? 'PENDING' : 'NOT_STARTED', tokens: domain ? dkimTokens() : [], origin: 'AWS_SES' },
      feedbackForwarding: true,
      notificationTopics: new Map(),
      headersInNotifications: new Map(),
      policies: new Map(),
      tags: new Map(),
      certificates: new Map(),
      created: clock.date(),
    };
    this.identities.set(name.toLowerCase(), id);
    if (this.autoVerify) this.verify(name);
    return id;
  }

  /** Completes verification of an identity (and its DKIM and MAIL FROM setup), as the DNS records or the click would. */
  verify(name: string): Identity {
    const id = this.requireIdentity(name);
    id.status = 'SUCCESS';
    if (id.type === 'DOMAIN') id.dkim.status = 'SUCCESS';
    if (id.mailFrom) id.mailFrom.status = 'SUCCESS';
    return id;
  }

  /** The verified identity covering an address: the address itself, else its domain. */
  verifiedFor(address: string): Identity | undefined {
    const lower = address.toLowerCase();
    const own = this.identity(lower);
    if (own?.status === 'SUCCESS') return own;
    const domain = this.identity(lower.slice(lower.lastIndexOf('@') + 1));
    return domain?.status === 'SUCCESS' ? domain : undefined;
  }

  configurationSet(name: string): ConfigurationSet {
    const set = this.configurationSets.get(name);
    if (!set) throw notFound(`Configuration set <${name}> does not exist.`, 'ConfigurationSetDoesNotExistException');
    return set;
  }

  template(name: string): EmailTemplate {
    const t = this.templates.get(name);
    if (!t) throw notFound(`Template ${name} does not exist.`, 'TemplateDoesNotExistException');
    return t;
  }

  /** SES receives a message for the account (as its MX would); answers the inbound message id SendBounce takes. */
  receive(mail: { from: string; to: string[]; subject?: string; text?: string }): string {
    const email = receivedEmail(mail);
    this.received.push(email);
    return email.messageId;
  }

  /** The recipient (the first, unless named) opened a sent message: an Open event, counted by VDM. */
  async open(messageId: string, recipient?: string, client?: { ipAddress?: string; userAgent?: string }): Promise<void> {
    const email = this.sentMessage(messageId);
    await publishEngagement(this, email, { type: 'OPEN', recipient: recipient ?? email.recipients[0], ...client });
  }

  /** The recipient (the first, unless named) clicked `link` in a sent message: a Click event, counted by VDM. */
  async click(messageId: string, link: string, recipient?: string, linkTags?: Record<string, string[]>): Promise<void> {
    const email = this.sentMessage(messageId);
    await publishEngagement(this, email, { type: 'CLICK', recipient: recipient ?? email.recipients[0], link, linkTags });
  }

  private sentMessage(messageId: string): SentEmail {
    const email = this.sent.find((m) => m.messageId === messageId);
    if (!email) throw new Error(`mockaws: no sent message has the id ${messageId}`);
    return email;
  }

  /** After a snapshot restore: pending jobs wait on the clock again. */
  restored(): void {
    // The copied waits are the pre-restore backend's: stop them, so only this copy runs its jobs.
    for (const t of this.timers.values()) t.cancel();
    this.timers = new Map();
    armJobs(this);
  }

  /** The pricing plan as of now: a scheduled change takes effect once its month has begun. */
  pricing(): { current: string; next?: string } {
    const p = this.pricingPlan;
    if (p.next !== undefined && p.nextAt !== undefined && clock.now() >= p.nextAt) this.pricingPlan = { current: p.next };
    return { current: this.pricingPlan.current, next: this.pricingPlan.next };
  }

  /** Leases a dedicated IP to the account (AWS does this on request; a new account has none). */
  leaseDedicatedIp(ip: string, pool?: string): void {
    this.dedicatedIps.set(ip, { ip, pool, warmupPercentage: 0 });
  }

  /** Recipients of the messages accepted in the last 24 hours on the core clock (the quota counts recipients). */
  sentLast24Hours(): number {
    const since = clock.now() - 24 * 3600_000;
    let n = 0;
    for (let i = this.sent.length - 1; i >= 0 && this.sent[i].timestamp.getTime() > since; i--) {
      // SES's own verification mails do not count against the account's quota.
      if (!VERIFICATION_MAIL.has(this.sent[i].operation)) n += this.sent[i].recipients.length;
    }
    return n;
  }

  quota(): { Max24HourSend: number; MaxSendRate: number; SentLast24Hours: number } {
    return this.productionAccess
      ? { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: this.sentLast24Hours() }
      : { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: this.sentLast24Hours() };
  }
}

/** Easy DKIM: three 32-character tokens, the CNAME names `<token>._domainkey.<domain>`. */
export function dkimTokens(): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [0, 1, 2].map(() => [...randomBytes(32)].map((b) => alphabet[b % 32]).join(''));
}
