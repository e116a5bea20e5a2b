/**
 * The server's own endpoints. They answer only requests addressed to the
 * server itself (not to a virtual-hosted bucket: see access.ts) and only
 * same-origin ones; they never carry CORS headers.
 *
 *   GET  /_mockaws/health          status, services, and per service the operations implemented
 *   POST /_mockaws/reset           drop all state and the call log
 *   GET  /_mockaws/calls           the call log; `?service=&operation=&since=<seq>`
 *   GET  /_mockaws/                the dashboard (dashboard.ts), and its state endpoints
 *
 * and, so suites written for other emulators can point here unchanged:
 *
 *   POST /moto-api/reset           Moto's reset: `{"status":"ok"}`
 *   GET  /_localstack/health       LocalStack's: `{"services":{"s3":"running",…},"edition":…,"version":…}`
 *   GET  /_localstack/init[/stage] LocalStack's init-hook readiness: every stage up to READY completed
 *   GET|DELETE /_aws/ses           LocalStack's sent-mail endpoint (sent-mail.ts)
 *
 * No AWS request collides with them: S3 bucket names cannot start with `_`,
 * and S3 has no `POST /{Bucket}/{Key}` operation without a query string, so
 * a path-style `POST /moto-api/reset` is Moto's (as in Moto itself).
 */
import { version } from '../../package.json';
import { type ServiceCoverage, serviceCoverage } from '../core/coverage';
import type { Dispatcher } from '../core/dispatch';
import type { AwsRequest, AwsResponse } from '../core/request';
import type { CallLog } from './call-log';
import { dashboardRoutes } from './dashboard';
import { json } from './json-response';
import { SENT_MAIL_PATH, sentMailRoutes } from './sent-mail';

export const INTERNAL_PREFIX = '/_mockaws/';

export interface InternalContext {
  dispatcher: Dispatcher;
  calls: CallLog;
  /** The service ids this server answers. */
  services: string[];
  /** Wipes the state (the dispatcher's, and what else the server keeps). */
  /** Drops all state (and, with a state directory, its files) before resolving. */
  reset(): void | Promise<void>;
}

export type Route = (req: AwsRequest, ctx: InternalContext) => AwsResponse | Promise<AwsResponse>;
type Routes = Record<string, Partial<Record<string, Route>>>;

/** Is this path one of the server's own (under any of the three prefixes)? */
export function isInternalPath(req: AwsRequest): boolean {
  const path = req.url.pathname;
  if (path.startsWith(INTERNAL_PREFIX) || path === '/_mockaws' || path.startsWith('/_localstack/')) return true;
  if (path === SENT_MAIL_PATH || path === `${SENT_MAIL_PATH}/`) return true;
  return path === '/moto-api/reset' && req.method === 'POST' && req.url.search === '';
}

let coverage: Promise<ServiceCoverage[]> | undefined;
function coverageOf(ctx: InternalContext): Promise<ServiceCoverage[]> {
  // Loading every service module takes a moment; the answer never changes in a process.
  coverage ??= serviceCoverage(ctx.dispatcher.serviceIds(), (id) => ctx.dispatcher.loadService(id));
  return coverage.catch((err) => {
    coverage = undefined;
    throw err;
  });
}

const ROUTES: Routes = {
  '/_mockaws/health': {
    GET: async (_req, ctx) => {
      const all = await coverageOf(ctx);
      const operations: Record<string, { implemented: number; total: number }> = {};
      for (const c of all) {
        if (ctx.services.includes(c.service)) operations[c.service] = { implemented: c.implemented, total: c.operations };
      }
      return json(200, {
        status: 'running',
        version,
        services: ctx.services,
        operations,
        account: ctx.dispatcher.account,
        region: ctx.dispatcher.region,
      });
    },
  },
  '/_mockaws/reset': {
    POST: async (_req, ctx) => {
      await ctx.reset();
      return json(200, { status: 'reset' });
    },
  },
  '/_mockaws/calls': {
    GET: (req, ctx) => {
      const service = req.url.searchParams.get('service') ?? undefined;
      const operation = req.url.searchParams.get('operation') ?? undefined;
      const since = Number(req.url.searchParams.get('since') ?? Number.NaN);
      return json(200, ctx.calls.list({ service, operation, since: Number.isFinite(since) ? since : undefined }));
    },
  },
  '/moto-api/reset': {
    POST: async (_req, ctx) => {
      await ctx.reset();
      return json(200, { status: 'ok' });
    },
  },
  '/_localstack/health': {
    GET: (_req, ctx) => {
      const services: Record<string, string> = {};
      for (const id of ctx.services) services[id] = ctx.dispatcher.backends.list(id).length > 0 ? 'running' : 'available';
      return json(200, { services, edition: 'community', version: `mockaws-${version}` });
    },
  },
  '/_localstack/init': { GET: () => json(200, { completed: STAGES, scripts: [] }) },
  ...dashboardRoutes,
  ...sentMailRoutes,
};

/** LocalStack's init stages: a running mockaws has nothing left to initialise. */
const STAGES: Record<string, boolean> = { BOOT: true, START: true, READY: true, SHUTDOWN: false };

export async function answerInternal(req: AwsRequest, ctx: InternalContext): Promise<AwsResponse> {
  const trimmed = req.url.pathname.replace(/\/+$/, '');
  const path = trimmed === '/_mockaws' ? INTERNAL_PREFIX : trimmed;
  const stage = /^\/_localstack\/init\/([a-z]+)$/i.exec(path)?.[1]?.toUpperCase();
  if (stage !== undefined && req.method === 'GET') {
    if (!(stage in STAGES)) return json(404, { error: 'NotFound', message: `no such stage ${stage}` });
    return json(200, { completed: STAGES[stage], scripts: [] });
  }
  const methods = ROUTES[path];
  if (!methods) return json(404, { error: 'NotFound', message: `no mockaws endpoint ${req.url.pathname}` });
  const route = methods[req.method] ?? (req.method === 'HEAD' ? methods.GET : undefined);
  if (!route) {
    const allowed = Object.keys(methods).join(', ');
    return json(405, { error: 'MethodNotAllowed', message: `${req.url.pathname} takes ${allowed}` }, { allow: allowed });
  }
  return route(req, ctx);
}
