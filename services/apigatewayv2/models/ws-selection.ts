/**
 * WebSocket API selection expressions. A route selection expression names a
 * member of the message's JSON body, `$request.body.action`, or puts such
 * members in text, `${request.body.type}-${request.body.action}`; a message
 * that is not JSON, or lacks the member, goes to the `$default` route.
 */

const BODY_PATH = /^\$request\.body\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+|\[\d+\])*)$/;
const INTERPOLATED = /\$\{request\.body\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+|\[\d+\])*)\}/g;

/** Why a route selection expression is not one WebSocket APIs take, or undefined when it is. */
export function routeSelectionProblem(expression: string): string | undefined {
  if (BODY_PATH.test(expression)) return undefined;
  const stripped = expression.replace(INTERPOLATED, '');
  if (stripped !== expression && !stripped.includes('$')) return undefined;
  return `Invalid route selection expression: ${expression}. Supported forms are $request.body.{path} and \${request.body.{path}}.`;
}

/** API keys are read from a header or, with a Lambda authorizer, from its usageIdentifierKey. */
export function apiKeySelectionProblem(expression: string): string | undefined {
  if (expression === '$request.header.x-api-key' || expression === '$context.authorizer.usageIdentifierKey') return undefined;
  return `Invalid API key selection expression: ${expression}. Supported values are $request.header.x-api-key and $context.authorizer.usageIdentifierKey.`;
}

function at(root: unknown, path: string): unknown {
  let value = root;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = m[1] ?? Number(m[2]);
    if (!Object.hasOwn(value as object, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The route key a message selects, or undefined (then `$default`). */
export function selectRouteKey(expression: string, body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const direct = BODY_PATH.exec(expression);
  if (direct) return text(at(parsed, direct[1]));
  let missing = false;
  const key = expression.replace(INTERPOLATED, (_, path: string) => {
    const v = text(at(parsed, path));
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? undefined : key;
}
