/**
 * An HTTP API's CORS configuration: API Gateway answers preflight OPTIONS
 * itself (204) and adds the allow-origin, credentials and expose headers to
 * the responses of requests from an allowed origin.
 */
import type { AwsResponse } from '../../../src/core/request';
import type { Cors } from '../types';

function allowedOrigin(cors: Cors, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  const origins = cors.AllowOrigins ?? [];
  if (origins.includes('*')) return cors.AllowCredentials ? origin : '*';
  return origins.includes(origin) ? origin : undefined;
}

export function corsHeaders(cors: Cors, origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigin(cors, origin);
  if (!allowed) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': allowed };
  if (cors.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.ExposeHeaders?.length) headers['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
  return headers;
}

/** The preflight answer, or undefined when the request is not a preflight (no Origin or requested method). */
export function preflight(cors: Cors, headers: Record<string, string>): AwsResponse | undefined {
  const method = headers['access-control-request-method'];
  if (!headers.origin || !method) return undefined;
  const out: Record<string, string> = {};
  const allowed = allowedOrigin(cors, headers.origin);
  const methods = cors.AllowMethods ?? [];
  const methodOk = methods.includes('*') || methods.map((m) => m.toUpperCase()).includes(method.toUpperCase());
  if (allowed && methodOk) {
    Object.assign(out, corsHeaders(cors, headers.origin));
    out['access-control-allow-methods'] = methods.includes('*') ? method.toUpperCase() : methods.join(',');
    const requested = headers['access-control-request-headers'];
    const allowHeaders = cors.AllowHeaders ?? [];
    if (allowHeaders.includes('*') && requested) out['access-control-allow-headers'] = requested;
    else if (allowHeaders.length) out['access-control-allow-headers'] = allowHeaders.join(',');
    if (cors.MaxAge !== undefined) out['access-control-max-age'] = String(cors.MaxAge);
  }
  return { status: 204, headers: out, body: Buffer.alloc(0) };
}
