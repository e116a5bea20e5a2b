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
    const route: Route = {
      op,
      template: compileTemplate(op.http.uri),
      requiredHeaders: headers,
      requiredQuery: query,
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

export function matchRoute(
  spec: ServiceSpec,
  method: string,
  rawPath: string,
  query: URLSearchParams,
  headers: Record<string, string>,
): RouteMatch | undefined {
  const routes = routeTable(spec).get(method.toUpperCase());
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
