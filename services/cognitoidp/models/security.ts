/**
 * A pool's threat protection (advanced security) settings: risk configurations
 * for the pool and per app client, the IP ranges they block or skip, and the
 * log delivery and session settings that sit beside them.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { LogConfigurationType, RiskConfigurationType } from '../types';
import type { UserPool } from './pool';

export interface PoolSecurity {
  /** SetRiskConfiguration: '' is the pool's own, otherwise the app client id. */
  risk: Map<string, RiskConfigurationType>;
  logConfigurations: LogConfigurationType[];
  /** SetUserPoolSessionConfiguration. */
  sessionTracking?: string;
  /** Since when sessions are tracked (ENABLED): earlier sign-ins have no session record. */
  trackingSince?: number;
  maxSessionsPerUser?: number;
  /** SetUserPoolClientSessionConfiguration: SSO session lifetime in minutes by app client. */
  clientSso?: Map<string, number>;
  /** GetSigningCertificate: the SAML signing certificate (base64 DER) and when it was issued. */
  samlCertificate?: { der: string; issued: number };
}

/** Threat protection is on when the pool's AdvancedSecurityMode is AUDIT or ENFORCED. */
export function threatProtection(pool: UserPool): 'OFF' | 'AUDIT' | 'ENFORCED' {
  const mode = pool.settings.UserPoolAddOns?.AdvancedSecurityMode;
  return mode === 'AUDIT' || mode === 'ENFORCED' ? mode : 'OFF';
}

/** The configuration that applies to a client: its own, else the pool's. */
export function effectiveRisk(pool: UserPool, clientId: string | undefined): RiskConfigurationType | undefined {
  return (clientId ? pool.security.risk.get(clientId) : undefined) ?? pool.security.risk.get('');
}

/** A CIDR block as Cognito takes them in BlockedIPRangeList / SkippedIPRangeList (IPv4 or IPv6). */
export function validCidr(range: string): boolean {
  const [ip, bits, extra] = range.split('/');
  if (extra !== undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  return max > 0 && Number(bits) <= max;
}

function ipv4Bits(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Bits(ip: string): bigint {
  const [head, tail = ''] = ip.includes('::') ? ip.split('::') : [ip, undefined as unknown as string];
  const parse = (s: string) => (s ? s.split(':') : []);
  const h = parse(head);
  const t = ip.includes('::') ? parse(tail) : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g || '0', 16)), 0n);
}

/** Whether `ip` falls in the CIDR block (same address family only). */
export function inCidr(ip: string, range: string): boolean {
  const [base, bitsText] = range.split('/');
  const bits = BigInt(Number(bitsText));
  if (isIPv4(ip) && isIPv4(base)) {
    const shift = 32n - bits;
    return ipv4Bits(ip) >> shift === ipv4Bits(base) >> shift;
  }
  if (isIPv6(ip) && isIPv6(base) && !ip.includes('.') && !base.includes('.')) {
    const shift = 128n - bits;
    return ipv6Bits(ip) >> shift === ipv6Bits(base) >> shift;
  }
  return false;
}
