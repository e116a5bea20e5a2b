/**
 * WebSocket upgrades in server mode: `ws://<server>/_aws/execute-api/<apiId>/<stage>`
 * (or an execute-api Host) is a handshake for a data plane's `openWebSocket`
 * (API Gateway WebSocket APIs). Accepted, the `ws` package does the framing;
 * refused, the client gets the data plane's HTTP answer. The data plane owns
 * the connection; this file only moves frames.
 */
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Dispatcher } from '../core/dispatch';
import { type AwsResponse, createRequest, lowerCaseHeaders, rawPathOf } from '../core/request';
import type { WebSocketPeer } from '../core/service';
import type { HostPolicy } from './access';
import { requestUrl } from './http-bridge';

export interface UpgradeSite {
  dispatcher: Dispatcher;
  hosts: HostPolicy;
}

/** Accepts upgrades on `server`; the returned function ends every open WebSocket (server stop). */
export function acceptWebSockets(server: Server, site: UpgradeSite, fallbackHost: () => string): () => void {
  let wss: WebSocketServer | undefined;
  const load = async (): Promise<WebSocketServer> => {
    const { WebSocketServer } = await import('ws');
    // Above API Gateway's 128 KB, so the data plane's own limit (1009 Message too big) decides.
    wss ??= new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
    return wss;
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(req, socket, head, site, fallbackHost(), load).catch(() => socket.destroy());
  });
  return () => {
    for (const client of wss?.clients ?? []) client.terminate();
  };
}

function refuse(socket: Duplex, response: AwsResponse): void {
  const body = Buffer.isBuffer(response.body) ? response.body : Buffer.alloc(0);
  const headers = { ...response.headers, 'content-length': String(body.length), connection: 'close' };
  const head = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
}

async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, site: UpgradeSite, fallbackHost: string, load: () => Promise<WebSocketServer>): Promise<void> {
  if (!site.hosts.allows(req.headers.host)) {
    refuse(socket, { status: 403, headers: { 'content-type': 'text/plain' }, body: Buffer.from('mockaws: Host not allowed (DNS rebinding guard)') });
    return;
  }
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
    refuse(socket, { status: 400, headers: {}, body: Buffer.alloc(0) });
    return;
  }
  const request = createRequest({ method: req.method ?? 'GET', url: requestUrl(req, fallbackHost), headers: lowerCaseHeaders(req.headers) });
  request.rawPath = rawPathOf(req.url ?? '/');
  const peerAddress = req.socket.remoteAddress;
  if (peerAddress) request.sourceIp = peerAddress.replace(/^::ffff:(?=\d+\.)/, '');
  // Frames the data plane sends before the handshake is written wait for it.
  let ws: WebSocket | undefined;
  const early: Array<(w: WebSocket) => void> = [];
  const peer: WebSocketPeer = {
    send: (data) => (ws ? ws.send(data, { binary: typeof data !== 'string' }) : early.push((w) => w.send(data, { binary: typeof data !== 'string' }))),
    close: (code, reason) => (ws ? ws.close(code, reason) : early.push((w) => w.close(code, reason))),
  };
  const opening = await site.dispatcher.openWebSocket(request, peer);
  if (!opening.accepted) {
    refuse(socket, opening.response);
    return;
  }
  const wss = await load();
  const headers = opening.headers ?? {};
  const addHeaders = (lines: string[]) => {
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  };
  wss.once('headers', addHeaders);
  wss.handleUpgrade(req, socket, head, (client) => {
    wss.off('headers', addHeaders);
    ws = client;
    client.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      opening.session.message(isBinary ? bytes : bytes.toString('utf8'));
    });
    client.on('close', (code: number, reason: Buffer) => opening.session.closed(code, reason.toString('utf8')));
    for (const run of early.splice(0)) run(client);
  });
}
