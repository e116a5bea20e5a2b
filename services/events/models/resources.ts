/** The resources an EventBridge backend holds. */
import type { SortedKeySet } from '../../../src/core/sorted-keys';
import type { ConnectivityResourceParameters, ReplicationConfig, RoutingConfig, Target } from '../types';
import type { HttpInvocation } from './api-destination';

/** An event as EventBridge delivers it. */
export interface BusEvent {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  'replay-name'?: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: string | string[];
  Resource: string;
  Condition?: unknown;
}

export interface EventBus {
  name: string;
  arn: string;
  description?: string;
  kmsKeyIdentifier?: string;
  deadLetterConfig?: { Arn?: string };
  logConfig?: { IncludeDetail?: string; Level?: string };
  statements: PolicyStatement[];
  creationTime: Date;
  lastModifiedTime: Date;
  rules: Map<string, Rule>;
  ruleNames: SortedKeySet;
  tags: Map<string, string>;
}

export interface Rule {
  name: string;
  arn: string;
  busName: string;
  eventPattern?: string;
  scheduleExpression?: string;
  /** When the schedule was set: `rate()` counts from here. */
  scheduleAnchor?: number;
  state: string;
  description?: string;
  roleArn?: string;
  managedBy?: string;
  createdBy: string;
  /** Targets by id, in the order they were added. */
  targets: Map<string, Target>;
  tags: Map<string, string>;
}

export interface ArchivedEvent {
  event: BusEvent;
  /** When the event was put (ms), what replays select on. */
  at: number;
  size: number;
}

export interface Archive {
  name: string;
  arn: string;
  eventSourceArn: string;
  description?: string;
  eventPattern?: string;
  retentionDays: number;
  kmsKeyIdentifier?: string;
  state: string;
  creationTime: Date;
  events: ArchivedEvent[];
}

export interface Replay {
  name: string;
  arn: string;
  description?: string;
  eventSourceArn: string;
  destination: { Arn: string; FilterArns?: string[] };
  eventStartTime: Date;
  eventEndTime: Date;
  state: string;
  stateReason?: string;
  replayStartTime: Date;
  replayEndTime?: Date;
  eventLastReplayedTime?: Date;
}

export interface Connection {
  name: string;
  arn: string;
  description?: string;
  authorizationType: string;
  authParameters: Record<string, unknown>;
  invocationConnectivityParameters?: ConnectivityResourceParameters;
  /** The VPC Lattice resource association made for a private endpoint. */
  resourceAssociationArn?: string;
  kmsKeyIdentifier?: string;
  state: string;
  secretArn: string;
  creationTime: Date;
  lastModifiedTime: Date;
  lastAuthorizedTime: Date;
}

export interface ApiDestination {
  name: string;
  arn: string;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: string;
  invocationRateLimitPerSecond: number;
  state: string;
  creationTime: Date;
  lastModifiedTime: Date;
}

export interface Endpoint {
  name: string;
  arn: string;
  description?: string;
  routingConfig: RoutingConfig;
  replicationConfig?: ReplicationConfig;
  eventBuses: Array<{ EventBusArn: string }>;
  roleArn?: string;
  endpointId: string;
  endpointUrl: string;
  state: string;
  creationTime: Date;
  lastModifiedTime: Date;
}

/** A partner event source, as the partner created it for a customer account. */
export interface PartnerSource {
  name: string;
  arn: string;
  account: string;
  createdBy: string;
  creationTime: Date;
  state: 'PENDING' | 'ACTIVE' | 'DELETED';
}

/** One delivery EventBridge made or attempted to a target. */
export interface Delivery {
  ruleArn: string;
  targetId: string;
  targetArn: string;
  eventId: string;
  /** What the target was sent (after Input / InputPath / InputTransformer). */
  input: string;
  attempt: number;
  at: Date;
  /** Set when the attempt failed. */
  error?: { code: string; message: string };
  /** Set when the event was sent to the target's dead-letter queue. */
  deadLettered?: boolean;
  /** Kinesis partition key, SQS group id and other target parameters that applied. */
  parameters?: Record<string, unknown>;
  /** For an API destination: the HTTP request EventBridge made (sent only to an endpoint this mock answers). */
  request?: HttpInvocation;
  /** For an API destination answered by this mock (execute-api, a function URL): its answer. */
  response?: { status: number; body: string };
}
