/**
 * The data plane: HTTP requests to function URLs, routed here by the
 * dispatcher (urls.ts `dataPlane`) before any API routing. Two addresses:
 * AWS's own `https://<url-id>.lambda-url.<region>.on.aws/<path>` (in process,
 * through the HTTP fallback; in the server mode as the Host header, or
 * `<url-id>.lambda-url.<region>.localhost:<port>`), and the server's path form
 * `http://<server>/_aws/lambda-url/<url-id>/<path>`.
 */
import type { AwsRequest, AwsResponse } from '../../../src/core/request';
import type { DataPlaneContext } from '../../../src/core/service';
import type { LambdaBackend } from '../models/backend';
import { answerUrlCall, json, urlConfigOf } from '../models/function-url';
import { authenticate } from '../models/url-auth';
import { findUrlHome } from '../models/url-index';

const URL_HOST = /^([a-z0-9]+)\.lambda-url\.[a-z0-9-]+\.(?:on\.aws|localhost)$/;
const URL_PATH = /^\/_aws\/lambda-url\/([a-z0-9]+)(\/.*)?$/;

/** The URL id and the path the function sees, or undefined when the request names no URL. */
function target(req: AwsRequest): { urlId: string; path: string } | undefined {
  const byHost = URL_HOST.exec(req.url.hostname);
  if (byHost) return { urlId: byHost[1], path: req.url.pathname };
  const byPath = URL_PATH.exec(req.url.pathname);
  if (byPath) return { urlId: byPath[1], path: byPath[2] ?? '/' };
  return undefined;
}

export async function answerFunctionUrl(req: AwsRequest, ctx: DataPlaneContext<LambdaBackend>): Promise<AwsResponse> {
  const t = target(req);
  const home = t && findUrlHome(ctx.backends, t.urlId);
  const backend = home && (await ctx.backends.get<LambdaBackend>('lambda', home.account, home.region));
  const found = t && home && backend && urlConfigOf(backend, home.functionName, t.urlId);
  if (!t || !home || !backend || !found) return json(404, { Message: null });
  // Only an AWS_IAM URL authenticates; a NONE URL takes every caller as anonymous.
  const caller = found.cfg.authType === 'AWS_IAM' ? authenticate(req, home.region, ctx.credentials, ctx.account) : undefined;
  return answerUrlCall(backend, home.functionName, found.key, found.cfg, {
    method: req.method,
    path: t.path,
    rawQueryString: req.url.search.slice(1),
    headers: req.headers,
    body: req.body,
    sourceIp: req.sourceIp,
    caller,
    secure: req.url.protocol === 'https:',
  }, true);
}
