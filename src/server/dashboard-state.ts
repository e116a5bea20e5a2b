/**
 * What the dashboard shows of the emulated state: for each backend (service,
 * account, region) a table of rows, and rows that open a deeper table:
 *
 *   s3        buckets → objects (each with a download link)
 *   sqs       queues → messages (peeked: nothing is received or hidden)
 *   dynamodb  tables → items
 *   sns       topics → subscriptions
 *   others    the backend as bounded JSON
 *
 * Backends are only read, never created: they come from the registry's list
 * of what exists. The views read the services' backend objects by their
 * public members (typed structurally here, since core does not import
 * services); a backend that lacks them falls back to the JSON view.
 */
import type { Dispatcher } from '../core/dispatch';
import { summarise } from './call-log';

export interface View {
  title: string;
  columns: string[];
  rows: Array<{ cells: unknown[]; open?: string; download?: string }>;
  /** A JSON view instead of rows (services without a table view). */
  json?: unknown;
  /** Rows beyond the first page were left out. */
  more?: boolean;
}

export interface Where {
  service: string;
  account: string;
  region: string;
  /** '' for the top table, else `<kind>/<name>` of a row's `open`. */
  path: string;
}

const PAGE = 200;

/** Every backend there is, for the state picker. */
export function stateIndex(dispatcher: Dispatcher, services: readonly string[]): Array<Omit<Where, 'path'>> {
  const out: Array<Omit<Where, 'path'>> = [];
  for (const service of services) {
    for (const { account, region } of dispatcher.backends.list(service)) out.push({ service, account, region });
  }
  return out;
}

export function backendAt(dispatcher: Dispatcher, where: Omit<Where, 'path'>): unknown {
  return dispatcher.backends.list(where.service).find((b) => b.account === where.account && b.region === where.region)?.backend;
}

export function viewOf(dispatcher: Dispatcher, where: Where): View | undefined {
  const backend = backendAt(dispatcher, where);
  if (backend === undefined) return undefined;
  const slash = where.path.indexOf('/');
  const kind = slash < 0 ? where.path : where.path.slice(0, slash);
  const name = slash < 0 ? '' : where.path.slice(slash + 1);
  try {
    const view = VIEWS[where.service]?.(backend as never, kind, name, where);
    if (view) return view;
  } catch {
    // A backend whose shape changed: show it as JSON rather than fail.
  }
  return { title: `${where.service} ${where.account}/${where.region}`, columns: [], rows: [], json: summarise(backend, { left: 64 * 1024 }, 0, 8) };
}

type ViewFn = (backend: any, kind: string, name: string, where: Where) => View | undefined;

const query = (where: Where, extra: Record<string, string>) =>
  new URLSearchParams({ account: where.account, region: where.region, ...extra }).toString();

const VIEWS: Record<string, ViewFn> = {
  s3(backend: S3Like, kind, name, where) {
    if (kind === '') {
      return {
        title: 'Buckets',
        columns: ['name', 'region', 'objects', 'created'],
        rows: backend.buckets().map((b) => ({
          cells: [b.name, b.region, b.liveKeys.size, b.created.toISOString()],
          open: `bucket/${b.name}`,
        })),
      };
    }
    if (kind !== 'bucket') return undefined;
    const bucket = backend.bucket(name);
    const rows: View['rows'] = [];
    for (const key of bucket.liveKeys.from(undefined)) {
      if (rows.length === PAGE) return { ...objectsView(name, rows), more: true };
      const obj = bucket.latest(key);
      if (!obj || obj.deleteMarker) continue;
      rows.push({
        cells: [key, obj.size, obj.etag, obj.lastModified.toISOString()],
        download: `/_mockaws/api/s3/object?${query(where, { bucket: name, key })}`,
      });
    }
    return objectsView(name, rows);
  },
  sqs(backend: SqsLike, kind, name) {
    if (kind === '') {
      const { names, more } = backend.listNames('', undefined, PAGE);
      return {
        title: 'Queues',
        columns: ['name', 'visible', 'in flight', 'delayed', 'arn'],
        rows: names.map((n) => {
          const q = backend.getQueue(n);
          return { cells: [n, q.store.counts.visible, q.store.counts.inflight, q.store.counts.delayed, q.arn], open: `queue/${n}` };
        }),
        more,
      };
    }
    if (kind !== 'queue') return undefined;
    const rows: View['rows'] = [];
    for (const m of backend.getQueue(name).store.byId.values()) {
      if (rows.length === PAGE) return { title: `Messages of ${name}`, columns: MESSAGE_COLUMNS, rows, more: true };
      rows.push({ cells: [m.id, summarise(m.body, { left: 2048 }, 0), new Date(m.sentAt).toISOString(), m.receiveCount, m.groupId ?? ''] });
    }
    return { title: `Messages of ${name}`, columns: MESSAGE_COLUMNS, rows };
  },
  dynamodb(backend: DynamoLike, kind, name) {
    if (kind === '') {
      return {
        title: 'Tables',
        columns: ['name', 'items', 'bytes', 'status'],
        rows: [...backend.tables.values()].map((t) => ({ cells: [t.name, t.store.count, t.store.bytes, t.status], open: `table/${t.name}` })),
      };
    }
    if (kind !== 'table') return undefined;
    const table = backend.tables.get(name);
    if (!table) return undefined;
    const rows: View['rows'] = [];
    for (const entry of table.store.scan()) {
      if (rows.length === PAGE) return { title: `Items of ${name}`, columns: ['item'], rows, more: true };
      rows.push({ cells: [summarise(entry.item, { left: 4096 }, 0)] });
    }
    return { title: `Items of ${name}`, columns: ['item'], rows };
  },
  sns(backend: SnsLike, kind, name) {
    if (kind === '') {
      return {
        title: 'Topics',
        columns: ['name', 'subscriptions', 'arn'],
        rows: [...backend.topics.values()].map((t) => ({ cells: [t.name, t.subscriptions.size, t.arn], open: `topic/${t.arn}` })),
      };
    }
    if (kind !== 'topic') return undefined;
    const rows = [...backend.subscriptions.values()]
      .filter((s) => s.topicArn === name)
      .map((s) => ({ cells: [s.protocol, s.endpoint, s.pending ? 'pending' : 'confirmed', s.arn] }));
    return { title: `Subscriptions of ${name}`, columns: ['protocol', 'endpoint', 'status', 'arn'], rows };
  },
};

const MESSAGE_COLUMNS = ['id', 'body', 'sent', 'receives', 'group'];

function objectsView(bucket: string, rows: View['rows']): View {
  return { title: `Objects of ${bucket}`, columns: ['key', 'size', 'etag', 'last modified'], rows };
}

/** The object bytes for a download link, through S3's own public getObject. */
export function s3Object(
  dispatcher: Dispatcher,
  where: Omit<Where, 'path'>,
  bucket: string,
  key: string,
): { body: Buffer; contentType: string } | undefined {
  const backend = backendAt(dispatcher, where) as Partial<S3Like> | undefined;
  const obj = backend?.getObject?.(bucket, key);
  return obj ? { body: obj.body, contentType: obj.contentType } : undefined;
}

// The members the views read, as the services' backends have them.
interface S3Like {
  buckets(): Array<{ name: string; region: string; created: Date; liveKeys: { size: number } }>;
  bucket(name: string): {
    liveKeys: { from(after: string | undefined): Iterable<string> };
    latest(key: string): { size: number; etag: string; lastModified: Date; deleteMarker: boolean } | undefined;
  };
  getObject(bucket: string, key: string): { body: Buffer; contentType: string } | undefined;
}
interface SqsLike {
  listNames(prefix: string, after: string | undefined, limit: number): { names: string[]; more: boolean };
  getQueue(name: string): {
    arn: string;
    store: {
      counts: { visible: number; inflight: number; delayed: number };
      byId: Map<string, { id: string; body: string; sentAt: number; receiveCount: number; groupId?: string }>;
    };
  };
}
interface DynamoLike {
  tables: Map<string, { name: string; status: string; store: { count: number; bytes: number; scan(): Iterable<{ item: unknown }> } }>;
}
interface SnsLike {
  topics: Map<string, { name: string; arn: string; subscriptions: { size: number } }>;
  subscriptions: Map<string, { arn: string; topicArn: string; protocol: string; endpoint: string; pending: boolean }>;
}
