/**
 * AWS restJson1 (Lambda, API Gateway, SESv2, Scheduler, ...).
 *
 * Request: method + URI template; members bound to labels, query, headers
 * (http-bindings.ts); the payload member as the raw body (blob, string) or as
 * JSON (structure, document); else the unbound members as a JSON object,
 * named by jsonName, timestamps epoch seconds, blobs base64.
 * Response: status from the model (or the statusCode member), header-bound
 * members, then payload or JSON body, with `x-amzn-requestid`.
 * Error: `x-amzn-errortype: <Code>` plus `{"message": ...}` and the error's
 * modelled members (protocols.md §2.3).
 */
import type { AwsError } from '../core/errors';
import type { MemberSpec, ServiceSpec, StructureShape } from '../core/spec';
import type { LeafCodec } from './document-walk';
import { readDocument, writeDocument } from './document-walk';
import { withEventStreams } from './event-stream';
import { jsonLeafCodec, parseJsonBody } from './json';
import type { Protocol } from './protocol';
import { type RestFormat, restProtocol } from './rest-protocol';

const restJsonCodec: LeafCodec = {
  ...jsonLeafCodec,
  wireName: (name: string, member: MemberSpec) => member.jsonName ?? name,
};

function jsonBuffer(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

const restJsonFormat: RestFormat = {
  contentType: 'application/json',
  readBody(spec, shapeName, body) {
    return (readDocument(spec, { target: shapeName }, parseJsonBody(body), restJsonCodec) ?? {}) as Record<
      string,
      unknown
    >;
  },
  readPayload(spec, member, body) {
    return readDocument(spec, member, parseJsonBody(body), restJsonCodec);
  },
  writeBody(spec, shapeName, value) {
    return jsonBuffer(writeDocument(spec, { target: shapeName }, value, restJsonCodec));
  },
  writePayload(spec, member, value) {
    return jsonBuffer(writeDocument(spec, member, value, restJsonCodec));
  },
  baseHeaders(_spec, meta) {
    return { 'x-amzn-requestid': meta.requestId };
  },
  errorHead(_spec, shapeName, meta) {
    return { 'content-type': 'application/json', 'x-amzn-requestid': meta.requestId, 'x-amzn-errortype': shapeName };
  },
  errorBody(spec, shapeName, err) {
    return jsonBuffer(errorObject(spec, shapeName, err));
  },
};

/** The JSON object of an error: its message and modelled members, plus any fields the model does not know. */
function errorObject(spec: ServiceSpec, shapeName: string, err: AwsError): Record<string, unknown> {
  const shape = spec.shapes[shapeName] as StructureShape | undefined;
  const body: Record<string, unknown> = {};
  const modelled = shape && 'members' in shape ? shape.members : {};
  // Fields the model does not know travel as given (S3-style extras, test helpers).
  for (const [k, v] of Object.entries(err.fields)) if (!(k in modelled) && v !== undefined) body[k] = v;
  if (shape && 'members' in shape) {
    Object.assign(body, writeDocument(spec, { target: shapeName }, err.fields, restJsonCodec));
  }
  // The SDK reads `message` (then `Message`) and always exposes it as `message`.
  body.message ??= err.message;
  return body;
}

const restJson = restProtocol('rest-json', restJsonFormat);
/** Event-stream outputs (Lambda InvokeWithResponseStream) are encoded by event-stream.ts. */
export const restJsonProtocol: Protocol = { ...restJson, serialize: withEventStreams(restJson.serialize, restJsonCodec, false) };
