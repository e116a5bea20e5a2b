/**
 * The runtime: the sessions that are active, the capture hooks they share and
 * the fake environment. There is one per module graph, kept under a
 * `Symbol.for` key on globalThis so the CommonJS and ES module builds (or two
 * copies of mockaws) hook the SDK once. Under jest each test file has its own
 * globals, hence its own runtime: the right scope, as it has its own SDK too.
 *
 * Handles join the top session when they agree on account and region, so a
 * global mock from a setup file and a `mockAws()` in a test share one state.
 * A handle that asks for another account or region starts a session on top;
 * a request goes to the topmost session faking its service.
 */
import type { AwsRequest, AwsResponse } from '../core/request';
import { ServiceRouter } from '../core/router';
import type { ServiceEntry, WebSocketOpening, WebSocketPeer } from '../core/service';
import { HttpFallback } from '../intercept/http-fallback';
import { claimProcessHooks, releaseProcessHooks } from '../intercept/process-slot';
import { type CaptureTarget, SdkClientHook } from '../intercept/sdk-clients';
import { WebSocketHook } from '../intercept/websocket-hook';
import { FakeEnvironment } from './environment';
import { ServiceNames } from './names';
import { Session } from './session';

export interface JoinRequest {
  account: string;
  region: string;
  /** Service ids this handle fakes; undefined for all. */
  services: ReadonlySet<string> | undefined;
  /** Extra hosts the HTTP fallback answers for. */
  hosts: Array<string | RegExp>;
  /** Journal size of a new session. */
  journalLimit: number;
}

class CaptureHooks {
  readonly sdk: SdkClientHook;
  readonly http: HttpFallback;
  readonly webSocket: WebSocketHook;

  constructor(target: CaptureTarget, hosts: () => Array<string | RegExp>) {
    this.sdk = new SdkClientHook(target);
    this.http = new HttpFallback(target, { hosts, onUnhookedSdkRequest: () => this.sdk.rediscover() });
    this.webSocket = new WebSocketHook(target, (hostname, port) => this.http.claims(hostname, port));
  }

  install(): void {
    claimProcessHooks(this);
    this.sdk.install();
    this.http.install();
    this.webSocket.install();
  }

  dispose(): void {
    this.webSocket.dispose();
    this.http.dispose();
    this.sdk.dispose();
    releaseProcessHooks(this);
  }
}

export class MockRuntime implements CaptureTarget {
  private readonly sessions: Session[] = [];
  private readonly hostsOf = new Map<object, Array<string | RegExp>>();
  private readonly router: ServiceRouter;
  private readonly environment = new FakeEnvironment();
  private hooks: CaptureHooks | undefined;
  /** The service and operation names tests may write, checked. */
  readonly names: ServiceNames;

  constructor(readonly entries: ServiceEntry[]) {
    this.router = new ServiceRouter(entries);
    this.names = new ServiceNames(entries);
  }

  serviceIds(): string[] {
    return this.router.ids();
  }

  isActive(): boolean {
    return this.sessions.length > 0;
  }

  /** Add a handle: to the top session when compatible, else to a new one on top. */
  join(member: object, request: JoinRequest): Session {
    let session = this.sessions.at(-1);
    if (!session || session.account !== request.account || session.region !== request.region) {
      session = new Session(request.account, request.region, this.entries, request.journalLimit, this.names);
      this.sessions.push(session);
      this.environment.apply(request.region);
    }
    session.join(member, request.services);
    this.hostsOf.set(member, request.hosts);
    if (!this.hooks) {
      this.hooks = new CaptureHooks(this, () => [...this.hostsOf.values()].flat());
      this.hooks.install();
    }
    return session;
  }

  /** Remove a handle; a session nobody belongs to is dropped, and with the last one the hooks. */
  /**
   * `member` leaves its session; the last to leave un-hooks it at once and drops its state once `saved`
   * settles (a state directory's last flush, which must still see the state it writes).
   */
  leave(member: object, session: Session, saved?: Promise<unknown>): void {
    if (!session.has(member)) return;
    session.leave(member);
    this.hostsOf.delete(member);
    if (session.size > 0) return;
    // Out of the runtime first: no later mock joins a session whose state is about to go.
    const index = this.sessions.indexOf(session);
    if (index >= 0) this.sessions.splice(index, 1);
    if (saved) saved.finally(() => session.reset());
    else session.reset();
    const top = this.sessions.at(-1);
    if (top) {
      this.environment.apply(top.region);
      return;
    }
    this.environment.restore();
    this.hooks?.dispose();
    this.hooks = undefined;
  }

  /** Patch a client class the automatic discovery could not reach. */
  patchClientClass(cls: Parameters<SdkClientHook['patchClass']>[0]): void {
    if (!this.hooks) throw new Error('mockaws: no mock is active');
    this.hooks.sdk.patchClass(cls);
  }

  dispatch(request: AwsRequest): Promise<AwsResponse> {
    const session = this.sessionFor(request);
    // A session still loading its saved state answers once it is loaded.
    return session.ready ? session.ready.then(() => session.dispatcher.dispatch(request)) : session.dispatcher.dispatch(request);
  }

  openWebSocket(request: AwsRequest, peer: WebSocketPeer): Promise<WebSocketOpening> {
    const session = this.sessionFor(request);
    const open = () => session.dispatcher.openWebSocket(request, peer);
    return session.ready ? session.ready.then(open) : open();
  }

  private sessionFor(request: AwsRequest): Session {
    const top = this.sessions.at(-1);
    if (!top) throw new Error('mockaws: no mock is active');
    if (this.sessions.length === 1) return top;
    const service = this.router.resolve(request)?.route.id;
    if (service !== undefined) {
      for (let i = this.sessions.length - 1; i >= 0; i--) {
        if (this.sessions[i].fakes(service)) return this.sessions[i];
      }
    }
    return top;
  }
}

const RUNTIME = Symbol.for('mockaws.runtime');

/** The runtime of this module graph, created on first use. */
export function runtimeFor(entries: ServiceEntry[]): MockRuntime {
  const host = globalThis as { [RUNTIME]?: MockRuntime };
  let runtime = host[RUNTIME];
  if (!runtime) {
    runtime = new MockRuntime(entries);
    host[RUNTIME] = runtime;
  }
  return runtime;
}
