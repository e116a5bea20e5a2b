/**
 * Which service does a request belong to? Decided from cheap facts first:
 * the X-Amz-Target prefix, the CBOR path, the SigV4 signing name, and the
 * host patterns of each service's urls.ts.
 */
import { boundedMemo } from './bounded-memo';
import { credentialScope } from './credential-scope';
import type { AwsRequest } from './request';
import type { ServiceEntry } from './service';

const CBOR_PATH = /^\/service\/([^/]+)\/operation\/[^/]+$/;

export class ServiceRouter {
  private readonly byId = new Map<string, ServiceEntry>();
  private readonly byTarget = new Map<string, ServiceEntry>();
  private readonly byShape = new Map<string, ServiceEntry>();
  private readonly bySigningName = new Map<string, ServiceEntry[]>();
  private readonly planes: ServiceEntry[];

  constructor(private readonly entries: ServiceEntry[]) {
    this.planes = entries.filter((e) => e.route.dataPlane);
    for (const entry of entries) {
      const r = entry.route;
      this.byId.set(r.id, entry);
      if (r.targetPrefix) this.byTarget.set(r.targetPrefix, entry);
      this.byShape.set(r.serviceShape, entry);
      const list = this.bySigningName.get(r.signingName) ?? [];
      list.push(entry);
      this.bySigningName.set(r.signingName, list);
    }
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  entry(id: string): ServiceEntry | undefined {
    return this.byId.get(id);
  }

  /** The service whose data plane (not API) this request is for, if any. */
  dataPlane(req: AwsRequest): ServiceEntry | undefined {
    const planes = this.planes;
    if (planes.length === 0) return undefined;
    const host = req.url.hostname;
    const path = req.url.pathname;
    // The first plane whose hosts match, remembered per host name: a client calls one host over and
    // over, and every request (data plane or not) asks this first. Plain loops: no closure per pattern.
    const byHost = this.firstPlaneByHost(host);
    for (let i = 0; i < byHost; i++) {
      const paths = planes[i].route.dataPlane?.paths;
      if (paths && anyMatches(paths, path)) return planes[i];
    }
    return byHost < planes.length ? planes[byHost] : undefined;
  }

  /**
   * The services whose hosts match a host name: a request without X-Amz-Target (S3, REST and query APIs)
   * would otherwise test every service's patterns. Bounded: one host name per virtual-hosted bucket.
   */
  private readonly entriesByHost = boundedMemo(1024, (host: string): ServiceEntry[] =>
    this.entries.filter((entry) => anyMatches(entry.route.hosts, host)),
  );

  /**
   * The index in `planes` of the first plane whose hosts match a host name; planes.length for none.
   * Bounded: virtual-hosted S3 buckets and Lambda URLs make a host name each.
   */
  private readonly firstPlaneByHost = boundedMemo(1024, (host: string): number => {
    const planes = this.planes;
    let index = 0;
    while (index < planes.length) {
      const hosts = planes[index].route.dataPlane?.hosts;
      if (hosts && anyMatches(hosts, host)) break;
      index++;
    }
    return index;
  });

  resolve(req: AwsRequest): ServiceEntry | undefined {
    const target = req.headers['x-amz-target'];
    if (target) {
      const dot = target.lastIndexOf('.');
      const hit = this.byTarget.get(dot > 0 ? target.slice(0, dot) : target);
      if (hit) return hit;
    }
    if (req.headers['smithy-protocol'] === 'rpc-v2-cbor') {
      const m = CBOR_PATH.exec(req.url.pathname);
      const hit = m && this.byShape.get(m[1]);
      if (hit) return hit;
    }
    const byHost = this.entriesByHost(req.url.hostname);
    if (byHost.length > 1) return sharedHost(byHost, req);
    if (byHost.length === 1) return byHost[0];
    const signingName = credentialScope(req)?.service;
    if (signingName) {
      const candidates = this.bySigningName.get(signingName);
      if (candidates?.length === 1) return candidates[0];
      // Shared signing names on a host that names no service (the server mode's address):
      // SES v1 and v2 by body, API Gateway v1 and v2 by path, DynamoDB before its streams.
      if (candidates && candidates.length > 1) return sharedHost(candidates, req);
    }
    return undefined;
  }
}

/**
 * Two services on one host. API Gateway v1 and v2 on apigateway.<region>: the
 * one whose declared paths match. SES v1 and v2 on email.<region>: a
 * form-encoded body is the query protocol's, anything else goes to the
 * first, REST, one.
 */
function sharedHost(entries: ServiceEntry[], req: AwsRequest): ServiceEntry {
  const path = req.url.pathname;
  const byPath = entries.find((e) => e.route.paths?.some((p) => p.test(path)));
  if (byPath) return byPath;
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  return (form && entries.find((e) => e.route.protocols.includes('query'))) || entries[0];
}

function anyMatches(patterns: RegExp[], text: string): boolean {
  for (const p of patterns) if (p.test(text)) return true;
  return false;
}
