/**
 * The account-level SES v2 resources beyond sending: dedicated IPs and their
 * pools, the deliverability dashboard and its inbox-placement tests, tenants
 * and multi-region endpoints. State only; the handlers (responses/) apply
 * AWS's rules to it.
 */
import type * as T from '../types';
import type { Suppressed } from './backend';

export interface DedicatedIpPool {
  name: string;
  scalingMode: 'STANDARD' | 'MANAGED';
  tags: Map<string, string>;
}

export interface DedicatedIp {
  ip: string;
  pool?: string;
  warmupPercentage: number;
}

export interface DeliverabilityDashboard {
  enabled: boolean;
  /** End of the month the subscription was cancelled in (PENDING_EXPIRATION until then). */
  expiry?: Date;
  active: T.DomainDeliverabilityTrackingOption[];
  pending: T.DomainDeliverabilityTrackingOption[];
}

export interface DeliverabilityTestReport {
  id: string;
  name?: string;
  from: string;
  subject?: string;
  created: Date;
  /** When the seed mailboxes have been read (the fake's stand-in for the providers' measurement). */
  completesAt: number;
  /** Sender authentication the fake knows at creation: DKIM signing and a verified custom MAIL FROM (SPF). */
  dkim: boolean;
  spf: boolean;
  tags: Map<string, string>;
}

export interface Tenant {
  name: string;
  id: string;
  arn: string;
  created: Date;
  tags: Map<string, string>;
  suppression?: T.TenantSuppressionAttributes;
  /** The tenant's own suppression list (used when its scope is TENANT). */
  suppressed: Map<string, Suppressed>;
  /** Associated resources by ARN. */
  resources: Map<string, { type: string; associated: Date }>;
}

export interface MultiRegionEndpoint {
  name: string;
  id: string;
  regions: string[];
  created: Date;
  /** CREATING until then, READY after. */
  readyAt: number;
  tags: Map<string, string>;
}

/** An open or a click of a sent message, recorded by a test (`backend.open()` / `backend.click()`). */
export interface EngagementEvent {
  type: 'OPEN' | 'CLICK';
  recipient: string;
  timestamp: Date;
  link?: string;
}

/** A multi-region endpoint takes this long on the clock to become READY. */
export const ENDPOINT_SETUP_MS = 60_000;
/** An inbox placement test reads its seed mailboxes after this long on the clock. */
export const TEST_REPORT_MS = 60_000;

/** Tenant resource types by the kind in the resource's ARN. */
export const RESOURCE_TYPES: Record<string, string> = {
  identity: 'EMAIL_IDENTITY',
  'configuration-set': 'CONFIGURATION_SET',
  template: 'EMAIL_TEMPLATE',
};

/**
 * The mailbox provider of an address, as VDM names ISPs. The fake knows the
 * large consumer domains; any other domain is reported by its own name.
 */
export function ispOf(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const known: Array<[RegExp, string]> = [
    [/^(gmail|googlemail)\.com$/, 'Gmail'],
    [/^(yahoo|ymail|rocketmail)\.[a-z.]+$/, 'Yahoo'],
    [/^(outlook|hotmail|live|msn)\.[a-z.]+$/, 'Hotmail'],
    [/^(aol)\.[a-z.]+$/, 'AOL'],
    [/^(icloud|me|mac)\.com$/, 'iCloud'],
  ];
  return known.find(([re]) => re.test(domain))?.[1] ?? domain;
}
