/**
 * What a service folder provides. Core only sees these types; the list of
 * services is handed to the dispatcher by src/index.ts (services/index.ts),
 * so core never imports a service.
 */
import type { CredentialStore } from './credentials';
import type { AwsRequest, AwsResponse } from './request';
import type { ProtocolName, ServiceSpec } from './spec';
import type { OperationCodec } from '../protocols/protocol';
import type { ValidationCheck } from './validate';

/** Static routing facts, known before the service module is loaded. */
export interface ServiceRoute {
  id: string;
  signingName: string;
  endpointPrefix: string;
  targetPrefix?: string;
  /** Service shape name, the CBOR path segment `/service/<name>/operation/<op>`. */
  serviceShape: string;
  protocols: ProtocolName[];
  /** Host patterns claimed by this service; named group `region` when the host names it. */
  hosts: RegExp[];
  global?: boolean;
  /**
   * Services that share a host (API Gateway v1 and v2 on apigateway.<region>):
   * the request paths that are this one's. The first entry whose paths match wins.
   */
  paths?: RegExp[];
  /** Requests that are not API calls but the service's data plane (ServiceModule.dataPlane). */
  dataPlane?: DataPlaneRoute;
}

/**
 * Which requests a service's data plane answers, declared in its urls.ts so
 * they route before the module loads: Lambda function URLs, API Gateway's
 * execute-api, Cognito's JWKS. Either test is enough.
 */
export interface DataPlaneRoute {
  /** Hosts whose every request belongs to the data plane (`<id>.lambda-url.<region>.on.aws`); named group `region`. */
  hosts?: RegExp[];
  /**
   * Paths that belong to it on any host: under the service's own host
   * (`/<poolId>/.well-known/jwks.json`) or the forms the server mode answers on
   * its own address (`/_aws/execute-api/<id>/...`). Keep them specific enough
   * that no API call and no S3 path-style key can match.
   */
  paths?: RegExp[];
  /**
   * Services whose per-service mock answers this plane too: API Gateway v1's
   * REST APIs are served by the execute-api plane apigatewayv2 owns, so
   * `mockAPIGateway()` must reach it.
   */
  alsoFor?: string[];
}

/** What a data-plane handler may use besides the request. */
export interface DataPlaneContext<B = unknown> {
  service: string;
  /** The signer's account when the request is signed, else the default account. */
  account: string;
  /** From the host (named group `region`), else the signature's scope, else the default region. */
  region: string;
  requestId: string;
  /** This service's state for (account, region). */
  backend: B;
  backends: BackendAccess;
  credentials: CredentialStore;
  /** Scheme + host the caller used. */
  endpoint: string;
  /** The access key the request was signed with, when it was signed. */
  accessKeyId?: string;
}

/** Everything a request handler may use besides its input. */
export interface RequestContext<B = unknown> {
  service: string;
  operation: string;
  account: string;
  region: string;
  requestId: string;
  /** The state of this service for (account, region). */
  backend: B;
  request: AwsRequest;
  protocol: ProtocolName;
  /** Reach another service's backend (cross-service fan-out, e.g. SNS → SQS). */
  backends: BackendAccess;
  /** Scheme + host the caller used, for URLs the service hands back (SQS QueueUrl). */
  endpoint: string;
  /** The access key the request was signed with, when it was signed. */
  accessKeyId?: string;
  /** Credentials the fake issued (STS, IAM) and the accounts they belong to. */
  credentials: CredentialStore;
}

export interface BackendAccess {
  get<T = unknown>(service: string, account?: string, region?: string): Promise<T>;
  /**
   * State one service shares across every account and region of a mock (S3's
   * global bucket namespace, DynamoDB's global tables): made by `init` on
   * first use, dropped by reset(), included in snapshots. Keyed by a name the
   * service owns (`s3:buckets`).
   */
  shared<T>(key: string, init: () => T): T;
  /**
   * Another service's operation, called as AWS calls it on a user's behalf
   * (Step Functions' SDK integrations, API Gateway's AWS integrations): the
   * input in the model's member names, checked by the model as a request
   * would be; resolves to the handler's output or rejects with its AwsError.
   * Runs through the dispatcher's hooks (overrides, IAM enforcement) but is
   * not journaled as a caller's request. There is no HTTP request behind it:
   * handlers that read raw headers see none.
   */
  call<O = Record<string, unknown>>(
    service: string,
    operation: string,
    input: Record<string, unknown>,
    where?: { account?: string; region?: string },
  ): Promise<O>;
  /**
   * An HTTP request a service makes to an AWS endpoint on a user's behalf
   * (an EventBridge API destination pointing at an execute-api stage or a
   * function URL), answered by this mock like any caller's request. Never
   * the network: a request no mocked service or data plane claims rejects
   * with MockawsRefused.
   */
  http(request: AwsRequest): Promise<AwsResponse>;
}

export type Handler<I = any, O = any, B = any> = (
  input: I,
  ctx: RequestContext<B>,
) => O | Promise<O>;

/**
 * The handler table of a service: keys are the exact operation names.
 * `Ops` is the generated `<Svc>Operations` map of input/output types.
 */
export type HandlerTable<Ops extends Record<string, { input: unknown; output: unknown }>, B> = {
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler of an operation with no output returns nothing.
  [K in keyof Ops]?: Handler<Ops[K]['input'], Ops[K]['output'] | void, B>;
};

export interface BackendContext {
  account: string;
  region: string;
  backends: BackendAccess;
}

/** What `services/<svc>/index.ts` exports by default, loaded on first request. */
export interface ServiceModule<B = any> {
  spec: ServiceSpec;
  handlers: Record<string, Handler<any, any, B> | undefined>;
  createBackend(ctx: BackendContext): B;
  /**
   * Model validation (required members, enums, lengths, ranges, patterns)
   * runs before every handler of every service (src/core/validate.ts). This
   * tunes it: `code` is the error code (default ValidationException for JSON,
   * CBOR and rest-json services, ValidationError for query and EC2 ones);
   * `skip` turns off generic checks AWS does not make for this service (then
   * its handlers answer in the service's own words); `false` turns it off
   * (S3 by default: its REST API has no such validation layer).
   */
  validation?: ServiceValidation | false;
  /**
   * Answers the requests of `route.dataPlane` (not API calls): a whole HTTP
   * response in the data plane's own format. A throw becomes a 500.
   */
  dataPlane?(req: AwsRequest, ctx: DataPlaneContext<B>): AwsResponse | Promise<AwsResponse>;
  /**
   * A WebSocket opening handshake to the data plane (API Gateway WebSocket
   * APIs): accepted with a session the transport feeds frames to, or refused
   * with the HTTP response the client gets instead of the upgrade.
   */
  webSocket?(req: AwsRequest, ctx: DataPlaneContext<B>, peer: WebSocketPeer): Promise<WebSocketOpening>;
  /**
   * The service's own body codecs for named operations of one protocol, used
   * by that protocol in place of its generic walk of the model
   * (src/protocols/protocol.ts OperationCodec: same values, same errors, less
   * work). DynamoDB's hot item operations have one.
   */
  codecs?: ServiceCodecs;
}

export interface ServiceCodecs {
  protocol: ProtocolName;
  /** By exact operation name. */
  operations: Readonly<Record<string, OperationCodec>>;
}

/**
 * The client end of a WebSocket, as a transport (the in-process WebSocket
 * hook, the server's upgrade) hands it to a data plane: what it can do to the client.
 */
export interface WebSocketPeer {
  /** One message frame: text for a string, binary for bytes. */
  send(data: string | Buffer): void;
  /** A close frame with this code and reason (the transport ends the connection). */
  close(code: number, reason: string): void;
}

/** What the transport tells a data plane about an accepted connection. */
export interface WebSocketSession {
  /** A message from the client (text frames as strings, binary as bytes). */
  message(data: string | Buffer): void;
  /** The connection ended: a close frame from the client (its code) or a dropped socket (1006). */
  closed(code: number, reason: string): void;
}

export type WebSocketOpening =
  | { accepted: true; session: WebSocketSession; headers?: Record<string, string> }
  | { accepted: false; response: AwsResponse };

export interface ServiceValidation {
  code?: string;
  skip?: ValidationCheck[];
  /**
   * `Shape.Member` names left unchecked (their value below too), each with a
   * reason where it is set: a page token of the fake's own format, say.
   */
  skipMembers?: string[];
}

/** One line of services/index.ts. */
export interface ServiceEntry {
  route: ServiceRoute;
  load(): Promise<ServiceModule>;
}
