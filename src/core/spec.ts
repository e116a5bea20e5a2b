/**
 * The shape of a generated service spec (services/<svc>/spec.ts).
 *
 * codegen/ writes one of these per service from the schemas the pinned
 * `@aws-sdk/client-*` packages ship; the protocol layer walks it to parse
 * requests and serialize responses. Nothing here is written by hand per
 * service: fixes go into codegen/overrides.ts.
 */

export type ProtocolName = 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml' | 'rpc-v2-cbor';

/** Leaf types. Every member targets one of these or a named shape in `shapes`. */
export type Primitive =
  | 'string'
  | 'boolean'
  | 'number'
  | 'bigint'
  | 'bigdecimal'
  | 'timestamp'
  | 'blob'
  | 'document';

export type TimestampFormat = 'date-time' | 'http-date' | 'epoch-seconds';

/**
 * Constraint traits of a member's target (from botocore's models: the v3
 * schemas drop them). `min`/`max` bound a string's or blob's length, a list's
 * or map's size, or a number's value; `pattern` is the model's regular
 * expression, which must match the whole string; `enum` names an entry of
 * ServiceSpec.enums.
 */
export interface Constraints {
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string;
}

export interface MemberSpec extends Constraints {
  /** A Primitive, or the name of a shape in ServiceSpec.shapes. */
  target: string;
  /** HTTP binding (rest protocols). Absent: the member lives in the body. */
  location?: 'uri' | 'querystring' | 'queryParams' | 'header' | 'headers' | 'statusCode' | 'payload';
  /** Header name, query key, URI label, or header prefix for location 'headers'. */
  locationName?: string;
  xmlName?: string;
  xmlAttribute?: true;
  xmlFlattened?: true;
  xmlNamespace?: { uri: string; prefix?: string };
  ec2QueryName?: string;
  jsonName?: string;
  timestampFormat?: TimestampFormat;
  idempotencyToken?: true;
  /** Streaming blob (S3 bodies, Lambda payloads), or an event stream when the target is a union. */
  streaming?: true;
  /** In an event of an event stream: the member is the message body (raw bytes or text), not JSON. */
  eventPayload?: true;
  /** In an event of an event stream: the member travels as a message header of its own name. */
  eventHeader?: true;
  /** A string carrying JSON (jsonvalue / mediaType), base64-encoded in headers. */
  mediaType?: string;
  required?: true;
  hostLabel?: true;
  /**
   * Element constraints of a list (`items`) or map (`keys`, `values`) whose
   * shape is a synthetic one shared by many members (`__listOfString`): a named
   * list or map carries them on its own member/key/value instead.
   */
  items?: Constraints;
  keys?: Constraints;
  values?: Constraints;
}

export interface ErrorTraits {
  fault: 'client' | 'server';
  status: number;
  /** awsQueryError: the code query-compatible and query clients see. */
  queryCode?: string;
  queryStatus?: number;
}

export interface StructureShape {
  type: 'structure' | 'union';
  members: Record<string, MemberSpec>;
  xmlName?: string;
  xmlNamespace?: { uri: string; prefix?: string };
  error?: ErrorTraits;
}

export interface ListShape {
  type: 'list';
  member: MemberSpec;
  xmlFlattened?: true;
  xmlName?: string;
  sparse?: true;
}

export interface MapShape {
  type: 'map';
  key: MemberSpec;
  value: MemberSpec;
  xmlFlattened?: true;
  xmlName?: string;
  sparse?: true;
}

export type ShapeSpec = StructureShape | ListShape | MapShape;

export interface OperationSpec {
  name: string;
  /** Structure shape names; absent when the operation takes or returns nothing. */
  input?: string;
  output?: string;
  /** rest protocols (and any model that declares one): method, URI template, success code. */
  http?: { method: string; uri: string; code: number };
  hostPrefix?: string;
  idempotent?: true;
  /** httpChecksum: the request checksum is required (S3 DeleteObjects and friends). */
  checksumRequired?: true;
}

export interface ServiceSpec {
  /** Our service id: 's3', 'dynamodb', 'sqs'. */
  id: string;
  /** Smithy namespace, e.g. 'com.amazonaws.sqs' (prefix of JSON `__type`). */
  namespace: string;
  /** Service shape name (CBOR path segment and JSON error namespace). */
  serviceShape: string;
  apiVersion: string;
  signingName: string;
  endpointPrefix: string;
  /** Protocols accepted, the v3 client's own first. */
  protocols: ProtocolName[];
  jsonVersion?: '1.0' | '1.1';
  targetPrefix?: string;
  xmlNamespace?: string;
  queryCompatible?: true;
  /** Served once per account, not per region (IAM, STS's state, S3's bucket namespace). */
  global?: true;
  operations: Record<string, OperationSpec>;
  shapes: Record<string, ShapeSpec>;
  enums: Record<string, string[]>;
  /** Names of the error structures in `shapes`. */
  errors: string[];
  /**
   * JSON `__type` of modelled errors, when AWS's differs from `namespace#Shape`:
   * a prefix (`com.amazonaws.dynamodb.v20120810#`), or '' for the bare shape name.
   */
  errorTypePrefix?: string;
  /**
   * `__type` of the errors AWS's request layer answers before the service runs
   * (Coral services: `com.amazon.coral.validate#ValidationException`,
   * `com.amazon.coral.service#SerializationException`), by code.
   */
  frameworkErrorTypes?: Record<string, string>;
}

const PRIMITIVES = new Set<string>([
  'string',
  'boolean',
  'number',
  'bigint',
  'bigdecimal',
  'timestamp',
  'blob',
  'document',
]);

export function isPrimitive(target: string): target is Primitive {
  return PRIMITIVES.has(target);
}

/** The operation of that exact name, looked up as an own property (`toString` is not an operation). */
export function operationNamed(spec: ServiceSpec, name: string): OperationSpec | undefined {
  return Object.hasOwn(spec.operations, name) ? spec.operations[name] : undefined;
}
