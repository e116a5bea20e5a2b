/**
 * Which operation of a REST service does a request call? Built once per spec
 * (cached by the spec object): per HTTP method, the operations' compiled URI
 * templates, most specific first. A request takes the first template that
 * fits its path and literal query keys; operations that tie on specificity
 * (S3 PutObject / CopyObject / UploadPart / UploadPartCopy share
 * `PUT /{Bucket}/{Key+}`) are told apart by which of their required header
 * and query members the request carries, then by the `x-id=<Operation>`
 * query parameter the v3 S3 client adds (ListBuckets / ListDirectoryBuckets).
 */
import type { MemberSpec, OperationSpec, ServiceSpec, StructureShape } from '../core/spec';
import { type CompiledTemplate, compareSpecificity, compileTemplate, matchPath, queryMatches } from './uri-template';

export interface Route {
  op: OperationSpec;
  template: CompiledTemplate;
  /** Required members bound to a header (lower-case names) or a query key. */
  requiredHeaders: string[];
  requiredQuery: string[];
  /** Query keys the URI template itself names (`?tagging`, `x-id`): never part of a query map. */
  literalQueryKeys: ReadonlySet<string>;
}

export interface RouteMatch {
  route: Route;
  labels: Record<string, string>;
}

const tables = new WeakMap<ServiceSpec, Map<string, Route[]>>();

function requiredBindings(spec: ServiceSpec, op: OperationSpec): { headers: string[]; query: string[] } {
  const shape = op.input ? (spec.shapes[op.input] as StructureShape | undefined) : undefined;
  const headers: string[] = [];
  const query: string[] = [];
  if (!shape || !('members' in shape)) return { headers, query };
  for (const [name, member] of Object.entries(shape.members) as [string, MemberSpec][]) {
    if (!member.required) continue;
    if (member.location === 'header') headers.push((member.locationName ?? name).toLowerCase());
    if (member.location === 'querystring') query.push(member.locationName ?? name);
  }
  return { headers, query };
}

export function routeTable(spec: ServiceSpec): Map<string, Route[]> {
  let table = tables.get(spec);
  if (table) return table;
  table = new Map();
  for (const op of Object.values(spec.operations)) {
    if (!op.http) continue;
    const { headers, query } = requiredBindings(spec, op);
    const template = compileTemplate(op.http.uri);
    const route: Route = {
      op,
      template,
      requiredHeaders: headers,
      requiredQuery: query,
      literalQueryKeys: new Set(template.query.map((q) => q.key).concat(template.xId ? ['x-id'] : [])),
    };
    const method = op.http.method.toUpperCase();
    let list = table.get(method);
    if (!list) {
      list = [];
      table.set(method, list);
    }
    list.push(route);
  }
  for (const list of table.values()) {
    list.sort((a, b) => compareSpecificity(a.template, b.template) || a.op.name.localeCompare(b.op.name));
  }
  tables.set(spec, table);
  return table;
}

/** How well a route's dynamic requirements fit: [all required present, count present, x-id named it]. */
function fitness(route: Route, headers: Record<string, string>, query: URLSearchParams): [number, number, number] {
  let present = 0;
  for (const h of route.requiredHeaders) if (headers[h] !== undefined) present++;
  for (const k of route.requiredQuery) if (query.has(k)) present++;
  const all = present === route.requiredHeaders.length + route.requiredQuery.length ? 1 : 0;
  const xId = query.get('x-id') === (route.template.xId ?? route.op.name) ? 1 : 0;
  return [all, present, xId];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return false;
}

/**
 * Per spec, the routes whose literal query keys a query string carries, by method and query
 * string: the SDK sends the same one on every call of an operation (`?x-id=GetObject`), and
 * testing each route's literals cost a lookup per route. Routes a query does not fit would
 * be skipped below anyway; the sorted order is kept, so the result is the same.
 */
const fittingByQuery = new WeakMap<ServiceSpec, Map<string, Route[]>>();

function routesFitting(spec: ServiceSpec, method: string, query: URLSearchParams, search: string | undefined): Route[] | undefined {
  const routes = routeTable(spec).get(method);
  if (!routes || search === undefined) return routes;
  let memo = fittingByQuery.get(spec);
  if (!memo) {
    memo = new Map();
    fittingByQuery.set(spec, memo);
  }
  const key = `${method} ${search}`;
  let fitting = memo.get(key);
  if (!fitting) {
    fitting = routes.filter((route) => queryMatches(route.template, query));
    // Query strings carry caller values (prefixes, version ids): a bounded memo.
    if (memo.size >= 256) memo.clear();
    memo.set(key, fitting);
  }
  return fitting;
}

/** `search`: the request's raw query string (`?a=b`), when the caller has it, to reuse the query fit. */
export function matchRoute(
  spec: ServiceSpec,
  method: string,
  rawPath: string,
  query: URLSearchParams,
  headers: Record<string, string>,
  search?: string,
): RouteMatch | undefined {
  const routes = routesFitting(spec, method.toUpperCase(), query, search);
  if (!routes) return undefined;
  let best: RouteMatch | undefined;
  let bestFit: number[] = [];
  for (const route of routes) {
    // Routes are sorted: once one matched, only equally specific ones may compete.
    if (best && compareSpecificity(best.route.template, route.template) !== 0) break;
    if (!queryMatches(route.template, query)) continue;
    const labels = matchPath(route.template, rawPath);
    if (!labels) continue;
    const fit = fitness(route, headers, query);
    if (!best || better(fit, bestFit)) {
      best = { route, labels };
      bestFit = fit;
    }
  }
  return best;
}
