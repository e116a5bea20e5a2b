/**
 * Stage response caching of REST APIs: with the stage's cache cluster enabled,
 * a method whose settings enable caching (GET methods by default, as API
 * Gateway enables them) answers a repeated request from the cache for
 * `cacheTtlInSeconds` (300 by default; 0 turns it off). The key is the
 * method, the request path and the values of the integration's
 * `cacheKeyParameters`. Only 2xx answers are kept; FlushStageCache empties
 * a stage's entries.
 */
import { methodSettingsKey } from '../../apigateway/models/backend';
import type { Integration, MethodSetting, Stage } from '../../apigateway/types';
import type { ProxyContext } from './proxy-events';

/** The cache key and time to live (ms) of a request, or undefined when it is not cached. */
export function responseCacheKey(stage: Stage & { stageName: string }, resourcePath: string, httpMethod: string, integration: Integration | undefined, proxy: ProxyContext): { key: string; ttl: number } | undefined {
  if (!stage.cacheClusterEnabled) return undefined;
  const own = stage.methodSettings?.[methodSettingsKey(resourcePath, httpMethod)];
  const all = stage.methodSettings?.['*/*'];
  const pick = <K extends keyof MethodSetting>(k: K): MethodSetting[K] | undefined => own?.[k] ?? all?.[k];
  const enabled = pick('cachingEnabled') ?? httpMethod === 'GET';
  const ttl = (pick('cacheTtlInSeconds') ?? 300) * 1000;
  if (!enabled || ttl <= 0) return undefined;
  const { req } = proxy.gw;
  const parts = (integration?.cacheKeyParameters ?? []).map((p) => {
    const m = /^method\.request\.(querystring|header|path)\.(.+)$/.exec(p);
    if (!m) return '';
    const value = m[1] === 'header' ? req.headers[m[2].toLowerCase()] : m[1] === 'querystring' ? req.url.searchParams.get(m[2]) : proxy.pathParameters[m[2]];
    return `${p}=${value ?? ''}`;
  });
  return { key: `${proxy.gw.apiId}/${stage.stageName}/${httpMethod} ${proxy.path}\u0000${parts.join('\u0000')}`, ttl };
}
