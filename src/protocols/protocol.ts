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
}

export interface Protocol {
  readonly name: ProtocolName;
  /** Which operation does this request call? undefined when none matches. */
  resolveOperation(req: AwsRequest, spec: ServiceSpec): OperationSpec | undefined;
  /** Request → input object of the operation (throws AwsError on bad wire input). */
  parse(req: AwsRequest, op: OperationSpec, spec: ServiceSpec): Record<string, unknown>;
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
