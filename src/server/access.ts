/**
 * Who may talk to the server, and to its own endpoints.
 *
 * DNS rebinding: a web page at `evil.example` can make its own name resolve to
 * 127.0.0.1 and then talk to the server as same-origin. Its requests still
 * carry `Host: evil.example:<port>`, so only host names an attacker cannot
 * control are accepted: IP literals, `localhost` and `*.localhost` (RFC 6761:
 * always loopback), AWS's own names (`*.amazonaws.com`, `*.amazonaws.com.cn`,
 * `*.api.aws`, `*.on.aws` (Lambda function URLs): clients that keep AWS host
 * names and redirect by proxy), the
 * LocalStack-style `*.localhost.localstack.cloud`, the name the server was
 * bound to, and whatever `allowedHosts` adds (`*` turns the check off).
 *
 * The server's own endpoints (`/_mockaws/*`, `/moto-api/*`, `/_localstack/*`)
 * answer only same-origin requests: a browser's cross-site request (an Origin
 * that is not this server, or `Sec-Fetch-Site: cross-site`) is refused, and
 * they never carry CORS headers, so no page elsewhere can reset or read the
 * state. Clients that are not browsers send no Origin and are served.
 */
import { isIP } from 'node:net';
import type { AwsRequest } from '../core/request';

const ALWAYS = [
  /^localhost$/,
  /\.localhost$/,
  /(^|\.)amazonaws\.com(\.cn)?$/,
  /(^|\.)api\.aws$/,
  /(^|\.)on\.aws$/,
  /(^|\.)localhost\.localstack\.cloud$/,
];

export class HostPolicy {
  private readonly extra: Set<string>;
  private readonly any: boolean;
  /** Decisions by Host header as sent: a client sends the same one on every request. Bounded. */
  private readonly decided = new Map<string, boolean>();

  constructor(bindHost: string, allowed: readonly string[] = []) {
    this.any = allowed.includes('*');
    this.extra = new Set([bindHost, ...allowed].map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  }

  /** Is a request with this Host header (name[:port]) one the server should answer? */
  allows(hostHeader: string | undefined): boolean {
    if (this.any || hostHeader === undefined || hostHeader === '') return true;
    let allowed = this.decided.get(hostHeader);
    if (allowed === undefined) {
      allowed = this.decide(hostHeader);
      if (this.decided.size >= 256) this.decided.clear();
      this.decided.set(hostHeader, allowed);
    }
    return allowed;
  }

  private decide(hostHeader: string): boolean {
    const name = hostName(hostHeader);
    if (name === undefined) return false;
    if (isIP(name) !== 0) return true;
    if (this.extra.has(name)) return true;
    // `*.name` of an allowed name (virtual-hosted buckets on a custom host name).
    for (const allowed of this.extra) if (name.endsWith(`.${allowed}`) && isIP(allowed) === 0) return true;
    return ALWAYS.some((p) => p.test(name));
  }
}

/** The lower-cased host name of a Host header, brackets of an IPv6 literal removed. */
export function hostName(hostHeader: string): string | undefined {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/i.exec(hostHeader.trim());
  const name = m?.[1] ?? m?.[2];
  return name?.toLowerCase().replace(/\.$/, '');
}

/**
 * Is this request addressed to the server itself rather than to an S3 bucket
 * by virtual host? `bucket.localhost:4566/_mockaws/reset` is the S3 key
 * `_mockaws/reset` in `bucket`, never the reset endpoint.
 */
export function addressedToServer(req: AwsRequest, policy: { ownNames: ReadonlySet<string> }): boolean {
  const name = hostName(req.url.host) ?? '';
  return isIP(name) !== 0 || name === 'localhost' || policy.ownNames.has(name);
}

/** Does a browser say this request comes from another site? (No Origin: not a browser, or same-origin GET.) */
export function crossSite(req: AwsRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== req.url.host;
  } catch {
    return true;
  }
}
