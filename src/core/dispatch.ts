/**
 * The dispatcher: the one path every entry point (SDK middleware, HTTP
 * fallback, server) takes. Its steps, in order:
 *
 *   resolveService → loadService → detectProtocol → resolveOperation →
 *   resolveAccountAndRegion → parseRequest → invokeHandler (through hooks) →
 *   serializeResponse | serializeError
 *
 * Nothing thrown below escapes: every failure becomes an AWS-shaped response.
 */
import { resolveByAction } from './action-route';
import { type BackendStates, BackendRegistry } from './backends';
import { clock } from './clock';
import { AwsError, internalError, notImplemented } from './errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, requestId as newRequestId } from './ids';
import { type AwsRequest, type AwsResponse, createRequest } from './request';
import type { DataPlaneContext, RequestContext, ServiceEntry, ServiceModule, WebSocketOpening, WebSocketPeer } from './service';
import type { OperationSpec, ServiceSpec } from './spec';
import { CredentialStore, type IssuedCredential } from './credentials';
import { type CredentialScope, credentialScope } from './credential-scope';
import { refusalResponse } from './refusal';
import { ServiceRouter } from './router';
import { type ValidationCheck, validateInput, validationFailure } from './validate';
import { decodeContentEncoding, detectProtocol, protocolFor } from '../protocols';
import { fillErrorStatus } from '../protocols/errors';
import { WireError, wireFailure } from '../protocols/wire-errors';
import type { OperationCodec, Protocol } from '../protocols/protocol';

/** What Dispatcher.snapshot() returns: opaque to callers. */
export interface StateSnapshot {
  backends: BackendStates;
  credentials: IssuedCredential[];
}

/** One call as hooks see it (the journal, overrides, matchers). */
export interface Call {
  service: string;
  operation: string;
  /** The input as the protocol layer parsed it (member names of the AWS model). */
  input: Record<string, unknown>;
  account: string;
  region: string;
  requestId: string;
  /** The request as the SDK (or raw HTTP) sent it: signed, with its checksums; gzip/aws-chunked bodies decoded. */
  request: AwsRequest;
}

/** Runs around the handler; `next()` runs the stateful backend. */
export type CallHook = (call: Call, next: () => Promise<unknown>) => Promise<unknown>;

/** Told about every request after it is answered. */
export type CallListener = (event: {
  call?: Call;
  service?: string;
  request: AwsRequest;
  response: AwsResponse;
  output?: unknown;
  error?: AwsError;
}) => void;

export interface DispatcherOptions {
  services: ServiceEntry[];
  account?: string;
  region?: string;
  /** Per-service mode: only these services answer; others are refused. */
  only?: ReadonlySet<string>;
}

export class Dispatcher {
  readonly backends: BackendRegistry;
  readonly credentials = new CredentialStore();
  readonly account: string;
  readonly region: string;
  private readonly router: ServiceRouter;
  private readonly modules = new Map<string, ServiceModule>();
  private readonly loading = new Map<string, Promise<ServiceModule>>();
  private readonly hooks: CallHook[] = [];
  private readonly listeners: CallListener[] = [];
  private only: ReadonlySet<string> | undefined;
  /** mockaws/server: when set, checks each request's signature before it is parsed (throws the AwsError). */
  authenticate?: (req: AwsRequest, service: string, protocol: Protocol['name']) => void;
  /**
   * The last routing resort, for a request nothing else routed (the server
   * names an anonymous S3 request by the bucket it addresses): a service id.
   */
  routeUnclaimed?: (req: AwsRequest) => Promise<string | undefined>;

  constructor(options: DispatcherOptions) {
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.region = options.region ?? DEFAULT_REGION;
    this.router = new ServiceRouter(options.services);
    this.only = options.only;
    this.backends = new BackendRegistry((id) => this.loadService(id), {
      account: this.account,
      region: this.region,
    });
    this.backends.setCaller(
      (service, operation, input, where) => this.callOperation(service, operation, input, where),
      (request) => this.sendInternal(request),
    );
  }

  /** BackendAccess.http: a service's own HTTP request to an AWS endpoint, answered here or refused. */
  async sendInternal(request: AwsRequest): Promise<AwsResponse> {
    if (!this.router.dataPlane(request) && !this.router.resolve(request)) {
      throw new AwsError('MockawsRefused', refusalMessage(request, 'no mocked AWS service or data plane answers this endpoint'), { status: 501 });
    }
    return this.dispatch(request);
  }

  /** BackendAccess.call: one service calling another's operation, with no HTTP request behind it. */
  async callOperation<O>(
    service: string,
    operation: string,
    input: Record<string, unknown>,
    where: { account?: string; region?: string } = {},
  ): Promise<O> {
    const mod = this.modules.get(service) ?? (await this.loadService(service));
    const spec = mod.spec;
    const op = Object.hasOwn(spec.operations, operation) ? spec.operations[operation] : undefined;
    if (!op) throw new AwsError('UnknownOperationException', `mockaws: ${service} has no operation ${operation}`, { status: 400 });
    const account = where.account ?? this.account;
    const region = where.region ?? this.region;
    const requestId = newRequestId();
    // Signed (in form only) by the account itself: services that look at the caller (S3's access
    // control) see the account's root acting, as when AWS calls on the user's behalf, not an anonymous one.
    const scope = `${account}/${new Date(clock.now()).toISOString().slice(0, 10).replace(/-/g, '')}/${region}/${spec.signingName}/aws4_request`;
    const request = createRequest({
      method: 'POST',
      url: `https://${spec.endpointPrefix}.${region}.amazonaws.com/`,
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=internal` },
    });
    try {
      const rules = op.input ? validationRules(mod) : undefined;
      if (rules && op.input) {
        const failure = validationFailure(validateInput(spec, op.input, input, rules), rules.code);
        if (failure) throw failure;
      }
      const call: Call = { service, operation: op.name, input, account, region, requestId, request };
      return (await this.invoke(call, mod, protocolFor(spec.protocols[0]), request, account)) as O;
    } catch (thrown) {
      const error = thrown instanceof AwsError ? thrown : internalError(thrown, requestId);
      fillErrorStatus(spec, error);
      throw error;
    }
  }

  /** Services this dispatcher knows (loaded or not). */
  serviceIds(): string[] {
    return this.router.ids();
  }

  setOnly(only: ReadonlySet<string> | undefined): void {
    this.only = only;
  }

  use(hook: CallHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  onCall(listener: CallListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  reset(): void {
    this.backends.reset();
    this.credentials.reset();
  }

  /** A copy of all state: every backend, state shared across accounts, issued credentials (src/core/snapshot.ts). */
  snapshot(): StateSnapshot {
    return { backends: this.backends.snapshot([this, this.credentials]), credentials: this.credentials.snapshot() };
  }

  /** All state replaced by a copy of a snapshot, which stays reusable. */
  restore(snapshot: StateSnapshot): void {
    this.backends.restore(snapshot.backends, [this, this.credentials]);
    this.credentials.restore(snapshot.credentials);
  }

  /** Does this request belong to a service we know (faked or not)? */
  claims(req: AwsRequest): boolean {
    return this.router.resolve(req) !== undefined;
  }

  /** Is this a request to a service's data plane (execute-api, a function URL), which answers its own CORS? */
  isDataPlane(req: AwsRequest): boolean {
    return this.router.dataPlane(req) !== undefined;
  }

  /** The id of the service a request belongs to, if any. */
  serviceOf(req: AwsRequest): string | undefined {
    return this.router.resolve(req)?.route.id;
  }

  loadService(id: string): Promise<ServiceModule> {
    const loaded = this.modules.get(id);
    if (loaded) return Promise.resolve(loaded);
    let pending = this.loading.get(id);
    if (!pending) {
      const entry = this.router.entry(id);
      if (!entry) return Promise.reject(new AwsError('UnknownService', `mockaws has no service '${id}'`));
      pending = entry.load().then(
        (mod) => {
          this.modules.set(id, mod);
          return mod;
        },
        (err: unknown) => {
          // A failed import is not remembered: the next request tries again.
          this.loading.delete(id);
          throw err;
        },
      );
      this.loading.set(id, pending);
    }
    return pending;
  }

  async dispatch(rawRequest: AwsRequest): Promise<AwsResponse> {
    const requestId = newRequestId();
    const plane = this.router.dataPlane(rawRequest);
    if (plane) return this.dispatchDataPlane(plane, rawRequest, requestId);
    const entry =
      this.router.resolve(rawRequest) ??
      (await resolveByAction(rawRequest, this.router, (id) => this.loadService(id))) ??
      (await this.unclaimedEntry(rawRequest));
    if (!entry) return refusal(rawRequest, requestId, 'no mocked AWS service recognises this request');
    const id = entry.route.id;
    let mod: ServiceModule;
    try {
      mod = this.modules.get(id) ?? (await this.loadService(id));
    } catch (thrown) {
      return this.loadFailure(entry, rawRequest, requestId, thrown);
    }
    const spec = mod.spec;
    let req = rawRequest;
    let protocol: Protocol | undefined;
    let op: OperationSpec | undefined;
    let call: Call | undefined;
    try {
      if (this.only && !this.only.has(id)) {
        // Answered in the service's own protocol, so the SDK raises it as a named error.
        throw new AwsError('MockawsRefused', refusalMessage(rawRequest, `service '${id}' is not mocked (per-service mode)`), {
          status: 501,
          senderFault: true,
        });
      }
      protocol = protocolFor(detectProtocol(rawRequest, spec));
      this.authenticate?.(rawRequest, id, protocol.name);
      // REST bodies stay as sent: S3's Content-Encoding (gzip, aws-chunked) belongs to the object.
      const rest = protocol.name === 'rest-xml' || protocol.name === 'rest-json';
      req = rest ? rawRequest : decodeContentEncoding(rawRequest);
      op = protocol.resolveOperation(req, spec);
      if (!op) throw unknownOperation(protocol, spec, req);
      // Parsed once here: account, region and the handler's accessKeyId all come from it.
      const scope = credentialScope(req);
      const { account, region } = this.resolveAccountAndRegion(req, entry.route.hosts, scope);
      const codec = codecOf(mod, protocol, op);
      const input = parseInput(protocol, req, op, spec, codec);
      const rules = op.input ? validationRules(mod) : undefined;
      if (rules && op.input) {
        const failure = validationFailure(validateInput(spec, op.input, input, rules), rules.code);
        if (failure) throw failure;
      }
      call = { service: id, operation: op.name, input, account, region, requestId, request: req };
      const output = await this.invoke(call, mod, protocol, req, scope?.accessKeyId);
      const response = protocol.serialize(
        (output ?? undefined) as Record<string, unknown> | undefined,
        op,
        spec,
        { requestId, request: req, codec },
      );
      this.notify({ call, service: id, request: req, response, output });
      return response;
    } catch (thrown) {
      const error =
        thrown instanceof WireError && protocol
          ? wireFailure(protocol.name, thrown)
          : thrown instanceof AwsError
            ? thrown
            : internalError(thrown, requestId);
      fillErrorStatus(spec, error);
      const proto = protocol ?? protocolFor(spec.protocols[0]);
      const response = proto.serializeError(error, op, spec, { requestId, request: req });
      this.notify({ call, service: id, request: req, response, error });
      return response;
    }
  }

  /**
   * A request to a service's data plane (a Lambda function URL, an API
   * Gateway stage, a JWKS document): answered whole by the module's
   * `dataPlane`, in that plane's own format, with no operation and no model.
   */
  private async dispatchDataPlane(entry: ServiceEntry, req: AwsRequest, requestId: string): Promise<AwsResponse> {
    const id = entry.route.id;
    let response: AwsResponse;
    try {
      const only = this.only;
      if (only && !only.has(id) && !entry.route.dataPlane?.alsoFor?.some((s) => only.has(s))) {
        response = plainError(501, 'MockawsRefused', refusalMessage(req, `service '${id}' is not mocked (per-service mode)`), requestId);
      } else {
        const mod = this.modules.get(id) ?? (await this.loadService(id));
        if (!mod.dataPlane) throw notImplemented(id, 'data plane');
        response = await mod.dataPlane(req, this.dataPlaneContext(entry, mod, req, requestId));
      }
    } catch (thrown) {
      const error = thrown instanceof AwsError ? thrown : internalError(thrown, requestId);
      response = plainError(error.status ?? 500, error.code, error.message, requestId);
    }
    this.notify({ service: id, request: req, response });
    return response;
  }

  private dataPlaneContext(entry: ServiceEntry, mod: ServiceModule, req: AwsRequest, requestId: string): DataPlaneContext {
    const id = entry.route.id;
    const scope = credentialScope(req);
    const planeHosts = entry.route.dataPlane?.hosts ?? [];
    const { account, region: signed } = this.resolveAccountAndRegion(req, entry.route.hosts, scope);
    const region = regionFromHost(req.url.hostname, planeHosts) ?? signed;
    return {
      service: id,
      account,
      region,
      requestId,
      backend: this.backends.getLoaded(id, mod, account, region),
      backends: this.backends,
      credentials: this.credentials,
      endpoint: `${req.url.protocol}//${req.url.host}`,
      accessKeyId: scope?.accessKeyId,
    };
  }

  /**
   * A WebSocket handshake (the GET with `Upgrade: websocket`) to a data plane
   * that takes WebSockets: its `webSocket` answers. Anything else is refused
   * with the plain error a data plane answers (404 when nothing claims it).
   */
  async openWebSocket(req: AwsRequest, peer: WebSocketPeer): Promise<WebSocketOpening> {
    const requestId = newRequestId();
    const entry = this.router.dataPlane(req);
    let opening: WebSocketOpening;
    try {
      const only = this.only;
      if (!entry) {
        opening = { accepted: false, response: refusal(req, requestId, 'no mocked data plane takes WebSockets here') };
      } else if (only && !only.has(entry.route.id) && !entry.route.dataPlane?.alsoFor?.some((s) => only.has(s))) {
        const message = refusalMessage(req, `service '${entry.route.id}' is not mocked (per-service mode)`);
        opening = { accepted: false, response: plainError(501, 'MockawsRefused', message, requestId) };
      } else {
        const mod = this.modules.get(entry.route.id) ?? (await this.loadService(entry.route.id));
        if (!mod.webSocket) throw notImplemented(entry.route.id, 'WebSocket data plane');
        opening = await mod.webSocket(req, this.dataPlaneContext(entry, mod, req, requestId), peer);
      }
    } catch (thrown) {
      const error = thrown instanceof AwsError ? thrown : internalError(thrown, requestId);
      opening = { accepted: false, response: plainError(error.status ?? 500, error.code, error.message, requestId) };
    }
    this.notify({ service: entry?.route.id, request: req, response: opening.accepted ? { status: 101, headers: opening.headers ?? {}, body: Buffer.alloc(0) } : opening.response });
    return opening;
  }

  private async unclaimedEntry(req: AwsRequest): Promise<ServiceEntry | undefined> {
    const id = this.routeUnclaimed ? await this.routeUnclaimed(req) : undefined;
    return id === undefined ? undefined : this.router.entry(id);
  }

  /**
   * The answer when a service's module cannot be loaded (a broken import):
   * there is no spec yet, so the error is written in the route's own protocol
   * from the routing facts alone, rather than rejecting past the dispatcher.
   */
  private loadFailure(entry: ServiceEntry, req: AwsRequest, requestId: string, thrown: unknown): AwsResponse {
    const error = thrown instanceof AwsError ? thrown : internalError(thrown, requestId);
    error.status ??= 500;
    const { route } = entry;
    const spec: ServiceSpec = {
      id: route.id,
      namespace: `com.amazonaws.${route.endpointPrefix}`,
      serviceShape: route.serviceShape,
      apiVersion: '',
      signingName: route.signingName,
      endpointPrefix: route.endpointPrefix,
      protocols: route.protocols,
      targetPrefix: route.targetPrefix,
      operations: {},
      shapes: {},
      enums: {},
      errors: [],
    };
    const response = protocolFor(route.protocols[0]).serializeError(error, undefined, spec, { requestId, request: req });
    this.notify({ service: route.id, request: req, response, error });
    return response;
  }

  private invoke(
    call: Call,
    mod: ServiceModule,
    protocol: Protocol,
    req: AwsRequest,
    accessKeyId: string | undefined,
  ): Promise<unknown> {
    const run = async (): Promise<unknown> => {
      // Own properties only: `toString` is not an operation.
      const handler = Object.hasOwn(mod.handlers, call.operation) ? mod.handlers[call.operation] : undefined;
      if (!handler) throw notImplemented(call.service, call.operation);
      // mockaws/server: a backend made for a call that then fails is dropped (no state from rejected calls).
      const fresh = !this.backends.hasLoaded(call.service, mod, call.account, call.region);
      const ctx: RequestContext = {
        service: call.service,
        operation: call.operation,
        account: call.account,
        region: call.region,
        requestId: call.requestId,
        backend: this.backends.getLoaded(call.service, mod, call.account, call.region),
        request: req,
        protocol: protocol.name,
        backends: this.backends,
        endpoint: `${req.url.protocol}//${req.url.host}`,
        accessKeyId,
        credentials: this.credentials,
      };
      if (!fresh) return handler(call.input, ctx);
      try {
        return await handler(call.input, ctx);
      } catch (err) {
        this.backends.dropUnused(call.service, mod, call.account, call.region);
        throw err;
      }
    };
    if (this.hooks.length === 0) return run();
    const hooks = this.hooks.slice();
    const step = (i: number): Promise<unknown> =>
      i === hooks.length ? run() : hooks[i](call, () => step(i + 1));
    return step(0);
  }

  private notify(event: Parameters<CallListener>[0]): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure must never change the answer the caller gets.
      }
    }
  }

  /**
   * The access key names the account: a 12-digit key is the account itself,
   * keys the fake issued map to theirs, anything else is the default account.
   * The region comes from the SigV4 scope, else the host, else the default.
   */
  resolveAccountAndRegion(
    req: AwsRequest,
    hosts: RegExp[],
    scope: CredentialScope | undefined = credentialScope(req),
  ): { account: string; region: string } {
    let account = this.account;
    if (scope) {
      if (/^\d{12}$/.test(scope.accessKeyId)) account = scope.accessKeyId;
      else account = this.credentials.accountOf(scope.accessKeyId) ?? this.account;
    }
    let region = scope?.region;
    if (!region || region === 'aws-global' || region === 'global') {
      region = regionFromHost(req.url.hostname, hosts) ?? this.region;
    }
    return { account, region };
  }
}

/** The operation's input, a wire error answered in the protocol's own words. */
function parseInput(
  protocol: Protocol,
  req: AwsRequest,
  op: OperationSpec,
  spec: ServiceSpec,
  codec: OperationCodec | undefined,
): Record<string, unknown> {
  try {
    return protocol.parse(req, op, spec, codec);
  } catch (err) {
    if (err instanceof WireError) throw wireFailure(protocol.name, err);
    // A parser that overflowed or met something it did not expect: still the client's malformed request.
    if (err instanceof RangeError || err instanceof TypeError) throw wireFailure(protocol.name, new WireError('Malformed request'));
    throw err;
  }
}

/** The service's own codec for this operation in this protocol (ServiceModule.codecs), if any. */
function codecOf(mod: ServiceModule, protocol: Protocol, op: OperationSpec): OperationCodec | undefined {
  const codecs = mod.codecs;
  if (!codecs || codecs.protocol !== protocol.name || !Object.hasOwn(codecs.operations, op.name)) return undefined;
  return codecs.operations[op.name];
}

/** JSON and CBOR: UnknownOperationException; query and EC2: InvalidAction (AWS's common errors). */
function unknownOperation(protocol: Protocol, spec: ServiceSpec, req: AwsRequest): AwsError {
  const query = protocol.name === 'query' || protocol.name === 'ec2';
  const named = protocol.name === 'json' ? req.headers['x-amz-target'] : undefined;
  const what = named ? `operation ${named}` : `${req.method} ${req.url.pathname}`;
  return new AwsError(
    query ? 'InvalidAction' : 'UnknownOperationException',
    `mockaws: ${spec.id} has no ${what}`,
    { status: 400 },
  );
}

interface ValidationRules {
  code: string;
  skip: ReadonlySet<ValidationCheck>;
  skipMembers: ReadonlySet<string>;
}

const rulesOf = new WeakMap<ServiceModule, ValidationRules | null>();

/** A service's validation settings over the protocol family's defaults (ServiceModule.validation). */
function validationRules(mod: ServiceModule): ValidationRules | undefined {
  let rules = rulesOf.get(mod);
  if (rules === undefined) {
    const own = mod.validation;
    const first = mod.spec.protocols[0];
    // S3's REST API has no model-validation layer: its handlers answer in S3's own words.
    const off = own === false || (own === undefined && first === 'rest-xml');
    const code = (own || undefined)?.code ?? (first === 'query' || first === 'ec2' ? 'ValidationError' : 'ValidationException');
    const tuned = own || undefined;
    rules = off ? null : { code, skip: new Set(tuned?.skip ?? []), skipMembers: new Set(tuned?.skipMembers ?? []) };
    rulesOf.set(mod, rules);
  }
  return rules ?? undefined;
}

function regionFromHost(hostname: string, hosts: RegExp[]): string | undefined {
  for (const pattern of hosts) {
    const m = pattern.exec(hostname);
    if (m?.groups?.region) return m.groups.region;
  }
  return undefined;
}

/** The answer to a request no mocked service will take: never sent to AWS. */
function refusalMessage(req: AwsRequest, why: string): string {
  return `mockaws refused ${req.method} ${req.url.href}: ${why}. Nothing was sent to AWS.`;
}

/** A data plane's failure: JSON with both spellings of the message, as AWS's HTTP front ends answer. */
function plainError(status: number, code: string, message: string, requestId: string): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': code },
    body: Buffer.from(JSON.stringify({ __type: code, message, Message: message })),
  };
}

/** Written in the protocol the request speaks (src/core/refusal.ts), so every SDK can read it. */
function refusal(req: AwsRequest, requestId: string, why: string): AwsResponse {
  return refusalResponse(req, requestId, why);
}
