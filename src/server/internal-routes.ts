/**
 * The server's own endpoints, all under `/_mockaws/` (no AWS path starts so:
 * S3 bucket names begin with a letter or digit):
 *
 *   GET  /_mockaws/health   {status:'running', services, account, region}
 *   POST /_mockaws/reset    drop all state and the call log
 *   GET  /_mockaws/calls    the call log; `?service=s3&operation=PutObject` filter
 */
import type { Dispatcher } from '../core/dispatch';
import type { AwsRequest, AwsResponse } from '../core/request';
import type { CallLog } from './call-log';

export const INTERNAL_PREFIX = '/_mockaws/';

export function isInternal(req: AwsRequest): boolean {
  return req.url.pathname.startsWith(INTERNAL_PREFIX);
}

export interface InternalContext {
  dispatcher: Dispatcher;
  calls: CallLog;
  /** The service ids this server answers. */
  services: string[];
}

type Route = (req: AwsRequest, ctx: InternalContext) => AwsResponse;

const ROUTES: Record<string, Partial<Record<string, Route>>> = {
  health: {
    GET: (_req, ctx) =>
      json(200, {
        status: 'running',
        services: ctx.services,
        account: ctx.dispatcher.account,
        region: ctx.dispatcher.region,
      }),
  },
  reset: {
    POST: (_req, ctx) => {
      ctx.dispatcher.reset();
      ctx.calls.clear();
      return json(200, { status: 'reset' });
    },
  },
  calls: {
    GET: (req, ctx) => {
      const service = req.url.searchParams.get('service') ?? undefined;
      const operation = req.url.searchParams.get('operation') ?? undefined;
      return json(200, ctx.calls.list({ service, operation }));
    },
  },
};

export function answerInternal(req: AwsRequest, ctx: InternalContext): AwsResponse {
  const name = req.url.pathname.slice(INTERNAL_PREFIX.length).replace(/\/+$/, '');
  const methods = ROUTES[name];
  if (!methods) {
    return json(404, { error: 'NotFound', message: `no mockaws endpoint ${req.url.pathname}` });
  }
  const route = methods[req.method];
  if (!route) {
    const allowed = Object.keys(methods).join(', ');
    return json(405, { error: 'MethodNotAllowed', message: `${req.url.pathname} takes ${allowed}` }, { allow: allowed });
  }
  return route(req, ctx);
}

/** A JSON answer (internal endpoints, and the server's last-resort 500). */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}
