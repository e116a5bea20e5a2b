/**
 * The one owner of WebSocket connections: the record in the backend
 * (models/connections.ts) and, beside it, the live link to the client (the
 * transport's peer, the idle and lifetime timers, the $disconnect to run).
 * Transports only move frames; sending, closing and the limits are here.
 *
 * Limits (API Gateway quotas): a message from the client over 128 KB closes
 * the connection with 1009; 10 minutes without a client message and 2 hours
 * in all close it with 1001 `Going away`, on the core clock (fake timers
 * move it).
 */
import { clock, type ClockTimer } from '../../../src/core/clock';
import type { WebSocketPeer } from '../../../src/core/service';
import type { ApiGatewayV2Backend } from '../models/backend';
import type { WsConnection } from '../models/connections';

export const MAX_MESSAGE_BYTES = 128 * 1024;
export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const MAX_DURATION_MS = 2 * 60 * 60 * 1000;

interface Link {
  peer: WebSocketPeer;
  idle?: ClockTimer;
  lifetime?: ClockTimer;
  /** Runs the $disconnect route once the connection is gone. */
  disconnected: (code: number, reason: string) => Promise<void>;
  /** Messages are handled one after another, in the order they came. */
  queue: Promise<void>;
}

const links = new WeakMap<WsConnection, Link>();

/** Starts keeping a connection: registered, timed, and closed by whichever limit comes first. */
export function register(
  backend: ApiGatewayV2Backend,
  conn: WsConnection,
  peer: WebSocketPeer,
  disconnected: (code: number, reason: string) => Promise<void>,
): void {
  const link: Link = { peer, disconnected, queue: Promise.resolve() };
  links.set(conn, link);
  backend.connections.set(conn.connectionId, conn);
  link.lifetime = clock.at(conn.connectedAt + MAX_DURATION_MS, () => close(backend, conn, 1001, 'Going away'));
  armIdle(backend, conn, link);
}

function armIdle(backend: ApiGatewayV2Backend, conn: WsConnection, link: Link): void {
  link.idle?.cancel();
  link.idle = clock.at(conn.lastActiveAt + IDLE_TIMEOUT_MS, () => close(backend, conn, 1001, 'Going away'));
}

/** The connection, when it is open (and, given `apiId`, belongs to that API). */
export function liveConnection(backend: ApiGatewayV2Backend, connectionId: string, apiId?: string): WsConnection | undefined {
  const conn = backend.connections.get(connectionId);
  if (!conn || (apiId !== undefined && conn.apiId !== apiId)) return undefined;
  if (!links.has(conn)) {
    // A copy from a snapshot: there is no socket behind it any more.
    backend.connections.delete(connectionId);
    return undefined;
  }
  return conn;
}

/** A frame to the client: text when the bytes are UTF-8 (what browsers get from PostToConnection), else binary. */
export function send(conn: WsConnection, data: string | Buffer): void {
  const link = links.get(conn);
  if (!link) return;
  if (typeof data !== 'string') {
    const text = data.toString('utf8');
    link.peer.send(Buffer.from(text, 'utf8').equals(data) ? text : data);
    return;
  }
  link.peer.send(data);
}

/** A client message: counted as activity, over the size limit closes with 1009, else handled in order. */
export function received(backend: ApiGatewayV2Backend, conn: WsConnection, size: number, handle: () => Promise<void>): void {
  const link = links.get(conn);
  if (!link) return;
  if (size > MAX_MESSAGE_BYTES) {
    close(backend, conn, 1009, 'Message too big');
    return;
  }
  conn.lastActiveAt = clock.now();
  armIdle(backend, conn, link);
  link.queue = link.queue.then(handle, handle);
}

/**
 * Ends a connection: dropped from the backend, a close frame to the client
 * unless the client closed it, then $disconnect. Closing twice does nothing.
 */
export function close(backend: ApiGatewayV2Backend, conn: WsConnection, code: number, reason: string, byClient = false): Promise<void> {
  const link = links.get(conn);
  if (!link) return Promise.resolve();
  links.delete(conn);
  link.idle?.cancel();
  link.lifetime?.cancel();
  if (backend.connections.get(conn.connectionId) === conn) backend.connections.delete(conn.connectionId);
  if (!byClient) link.peer.close(code, reason);
  return link.queue.then(() => link.disconnected(code, reason));
}
