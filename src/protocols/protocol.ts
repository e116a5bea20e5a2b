/**
 * The contract every wire protocol implements (one file per protocol in this
 * folder). A protocol never knows a service by name: it walks the generated
 * spec. Service quirks that are wire-level (S3's addressing, aws-chunked) are
 * options of the protocol driven by spec facts.
 */
import type { AwsError } from '../core/errors';
import type { AwsRequest, AwsResponse } from '../core/request';
import type { OperationSpec, ProtocolName, ServiceSpec } from '../core/spec';

export interface ResponseMeta {
  requestId: string;
  /** The parsed request, when there is one (S3 error fields, query-mode flag). */
  request?: AwsRequest;
  /** The service's own codec for this operation, when it has one (OperationCodec). */
  codec?: OperationCodec;
}

/**
 * A service's own reader and writer of one operation's body, in place of the
 * protocol's generic walk of the model (ServiceModule.codecs: DynamoDB's
 * AttributeValue codec). It is a faster route to the same answer, never a
 * different one: `read` returns the value the generic parse returns and throws
 * the same WireErrors for the same input; `write` returns the JSON text of the
 * document the generic serializer writes. The protocol keeps everything else
 * (empty bodies, headers, checksums, errors). Only the JSON protocol consults it.
 */
export interface OperationCodec {
  /** A non-empty request body → the operation's input. */
  read?(body: Buffer): Record<string, unknown>;
  /** The handler's output → the response body as JSON text. */
  write?(output: Record<string, unknown>): string;
}

export interface Protocol {
  readonly name: ProtocolName;
  /** Which operation does this request call? undefined when none matches. */
  resolveOperation(req: AwsRequest, spec: ServiceSpec): OperationSpec | undefined;
  /** Request → input object of the operation (throws AwsError on bad wire input). */
  parse(req: AwsRequest, op: OperationSpec, spec: ServiceSpec, codec?: OperationCodec): Record<string, unknown>;
  serialize(
    output: Record<string, unknown> | undefined,
    op: OperationSpec,
    spec: ServiceSpec,
    meta: ResponseMeta,
  ): AwsResponse;
  serializeError(
    err: AwsError,
    op: OperationSpec | undefined,
    spec: ServiceSpec,
    meta: ResponseMeta,
  ): AwsResponse;
}
