/**
 * The last routing resort, for unsigned query-protocol calls to a bare
 * endpoint (curl or fetch at the server, `Action=GetCallerIdentity&Version=...`
 * POSTed to http://127.0.0.1:4566/): no host pattern, signature or target
 * names the service, but the Action does. The query and ec2 services are
 * asked in routing order for an operation of that name, and when `Version`
 * is given it must be the service's API version (it tells SNS from CloudWatch
 * for shared names like ListTagsForResource). Only requests nothing else
 * routed reach this, so the fast path never loads a spec for it.
 */
import type { AwsRequest } from './request';
import type { ServiceRouter } from './router';
import type { ServiceEntry, ServiceModule } from './service';

const FORM = 'application/x-www-form-urlencoded';

export async function resolveByAction(
  req: AwsRequest,
  router: ServiceRouter,
  load: (id: string) => Promise<ServiceModule>,
): Promise<ServiceEntry | undefined> {
  const params = queryParams(req);
  const action = params?.get('Action');
  if (!params || !action) return undefined;
  const version = params.get('Version');
  for (const id of router.ids()) {
    const entry = router.entry(id);
    if (!entry?.route.protocols.some((p) => p === 'query' || p === 'ec2')) continue;
    const spec = await load(id).then((mod) => mod.spec, () => undefined);
    if (spec && Object.hasOwn(spec.operations, action) && (!version || version === spec.apiVersion)) return entry;
  }
  return undefined;
}

/** Query parameters of a query-protocol request: the form body of a POST, else the URL's. */
function queryParams(req: AwsRequest): URLSearchParams | undefined {
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith(FORM)) {
    return new URLSearchParams(req.body.toString('utf8'));
  }
  return req.url.searchParams.has('Action') ? req.url.searchParams : undefined;
}
