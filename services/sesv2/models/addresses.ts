/** Email addresses as SES checks them: syntax, the domain part, the mailbox simulator. */
import { invalid } from '../exceptions';

/** `Name <user@host>` → `user@host`; a bare address is returned as is. */
export function bareAddress(address: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  return (angle ? angle[1] : address).trim();
}

/**
 * SES's syntax check: a local part, one `@`, a dotted domain. SES answers
 * "Missing final '@domain'" for an address without a domain and "Illegal
 * address" for other malformed ones.
 */
export function checkAddress(address: string): string {
  const bare = bareAddress(address);
  const at = bare.lastIndexOf('@');
  if (at < 0 || at === bare.length - 1) throw invalid("Missing final '@domain'");
  const local = bare.slice(0, at);
  const domain = bare.slice(at + 1);
  if (!local || /[\s<>()[\]\\,;:"]/.test(local) || !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain)) throw invalid('Illegal address');
  return bare;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

/** The mailbox simulator's outcome for an address, undefined for ordinary ones. */
export function simulated(address: string): 'success' | 'bounce' | 'ooto' | 'complaint' | 'suppressionlist' | undefined {
  if (domainOf(address) !== SIMULATOR_DOMAIN) return undefined;
  const local = address.slice(0, address.lastIndexOf('@')).toLowerCase().split('+')[0];
  return (['success', 'bounce', 'ooto', 'complaint', 'suppressionlist'] as const).find((k) => k === local) ?? 'success';
}
