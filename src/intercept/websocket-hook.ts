/**
 * The global `WebSocket` (Node 22+, or Node 20 with --experimental-websocket)
 * to a host the fake answers (`wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>`):
 * a gate in front of the class sends those to @mswjs/interceptors' WebSocket
 * interceptor, whose socket never touches the network, and every other URL to
 * the original class, untouched. The handshake and each message go to the
 * dispatcher's `openWebSocket` (the data plane owns the connection); this
 * file only moves frames. Where there is no global WebSocket nothing is patched.
 *
 * @note A refused handshake reaches the client as browsers and Node report it:
 * an `error` event, then `close` with code 1006.
 * @note The interceptor is loaded on the first claimed connection.
 */
import { randomBytes } from 'node:crypto';
import { createRequest } from '../core/request';
import type { WebSocketPeer, WebSocketSession } from '../core/service';
import { Disposable } from './disposable';
import type { HostClaim } from './http-gate';
import { localRequire, resolveFromHere } from './local-require';
import type { CaptureTarget } from './sdk-clients';

type WebSocketClass = new (url: string | URL, protocols?: string | string[]) => object;

interface ClientConnection {
  url: URL;
  socket: EventTarget;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

interface Interceptor {
  apply(): void;
  dispose(): void;
  on(event: 'connection', listener: (c: { client: ClientConnection; info: { protocols?: string | string[] } }) => Promise<void>): unknown;
}

export class WebSocketHook extends Disposable {
  constructor(
    private readonly target: CaptureTarget,
    private readonly claims: HostClaim,
  ) {
    super();
  }

  install(): void {
    const host = globalThis as { WebSocket?: WebSocketClass };
    const original = host.WebSocket;
    if (typeof original !== 'function' || !this.target.openWebSocket) return;
    let intercepted: WebSocketClass | undefined;
    const gate: WebSocketClass = new Proxy(original, {
      construct: (cls, args, newTarget) => {
        const url = urlOf(args[0]);
        if (!url || !this.target.isActive() || !this.claims(url.hostname, url.port || undefined)) return Reflect.construct(cls, args, newTarget);
        intercepted ??= this.applyInterceptor(host, original, gate);
        return Reflect.construct(intercepted, args);
      },
    });
    host.WebSocket = gate;
    this.onDispose(() => {
      if (host.WebSocket === gate) host.WebSocket = original;
    });
  }

  /** The interceptor wraps the original class (not the gate); the gate then goes back in front. */
  private applyInterceptor(host: { WebSocket?: WebSocketClass }, original: WebSocketClass, gate: WebSocketClass): WebSocketClass {
    host.WebSocket = original;
    const interceptor = new (loadInterceptor())();
    interceptor.on('connection', (c) => this.onConnection(c.client, c.info.protocols));
    interceptor.apply();
    const patched = host.WebSocket as WebSocketClass;
    host.WebSocket = gate;
    this.onDispose(() => interceptor.dispose());
    return patched;
  }

  private async onConnection(client: ClientConnection, protocols: string | string[] | undefined): Promise<void> {
    const url = new URL(client.url.href);
    url.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
    const offered = typeof protocols === 'string' ? [protocols] : (protocols ?? []);
    const request = createRequest({
      method: 'GET',
      url,
      headers: {
        host: url.host,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...(offered.length ? { 'sec-websocket-protocol': offered.join(', ') } : {}),
      },
    });
    const peer: WebSocketPeer = {
      send: (data) => client.send(typeof data === 'string' ? data : toArrayBuffer(data)),
      close: (code, reason) => client.close(code, reason),
    };
    const opening = await this.target.openWebSocket?.(request, peer);
    if (!opening?.accepted) {
      client.socket.dispatchEvent(new Event('error'));
      client.close(1006, '');
      return;
    }
    const session: WebSocketSession = opening.session;
    // Blobs are read asynchronously: a chain keeps messages in the order they were sent.
    let chain = Promise.resolve();
    client.addEventListener('message', (event) => {
      chain = chain.then(async () => session.message(await messageData(event.data)));
    });
    client.addEventListener('close', (event) => {
      chain = chain.then(() => session.closed(event.code, event.reason));
    });
  }
}

function urlOf(input: unknown): URL | undefined {
  try {
    return new URL(String(input));
  } catch {
    return undefined; // The original class reports a malformed URL.
  }
}

function toArrayBuffer(data: Buffer): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

async function messageData(data: unknown): Promise<string | Buffer> {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof Blob) return Buffer.from(await data.arrayBuffer());
  return String(data);
}

/** @mswjs/interceptors' WebSocket interceptor (published under its browser build; it runs in Node too). */
function loadInterceptor(): new () => Interceptor {
  const id = '@mswjs/interceptors/WebSocket';
  let file = resolveFromHere(id);
  if (!file) {
    const nock = resolveFromHere('nock');
    if (nock) file = localRequire.resolve(id, { paths: [nock] });
  }
  if (!file) throw new Error(`mockaws: cannot find ${id}; install @mswjs/interceptors`);
  return (localRequire(file) as { WebSocketInterceptor: new () => Interceptor }).WebSocketInterceptor;
}
