/**
 * Event-stream output (application/vnd.amazon.eventstream): Lambda's
 * InvokeWithResponseStream, Kinesis SubscribeToShard. An output member marked
 * `streaming` whose target is a union is an event stream; the handler returns
 * it as an AsyncIterable (or array) of union values (`{ PayloadChunk: {...} }`)
 * and each becomes one binary message, encoded with the SDK's own codec:
 *
 * - an event: `:message-type: event`, `:event-type: <member>`, `:content-type`;
 *   the body is the member marked `eventPayload` (a blob as bytes, a string as
 *   text, a structure as JSON), members marked `eventHeader` travel as typed
 *   headers, and an event with neither is the JSON of its structure;
 * - an error thrown while iterating ends the stream with an exception message
 *   (`:message-type: exception`, `:exception-type: <code>`) when the union
 *   models that error (Kinesis's do), else with an unmodelled error message
 *   (`:message-type: error`, `:error-code`, `:error-message`).
 *
 * RPC protocols (json) first send an `initial-response` event carrying the
 * output's other members, as AWS does; REST protocols bind those to headers.
 */
import { Readable } from 'node:stream';
import type { EventStreamCodec } from '@smithy/core/event-streams';
import { AwsError } from '../core/errors';
import type { AwsResponse } from '../core/request';
import type { MemberSpec, OperationSpec, ServiceSpec, StructureShape } from '../core/spec';
import { type LeafCodec, writeDocument } from './document-walk';
import type { Protocol } from './protocol';
import { localRequire } from '../intercept/local-require';

type Header = { type: 'string'; value: string } | { type: 'binary'; value: Uint8Array } | { type: 'boolean'; value: boolean } | { type: 'integer'; value: number } | { type: 'timestamp'; value: Date };
type Headers = Record<string, Header>;

let codec: EventStreamCodec | undefined;

/** The frame codec, made on the first event: @smithy/core/event-streams is slow to load and few calls stream. */
function eventCodec(): EventStreamCodec {
  if (codec) return codec;
  const { EventStreamCodec: Codec } = localRequire('@smithy/core/event-streams') as typeof import('@smithy/core/event-streams');
  codec = new Codec(
    (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    (text: string) => Buffer.from(text, 'utf8'),
  );
  return codec;
}

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const members = new WeakMap<OperationSpec, [string, MemberSpec] | null>();

/** The output member that is an event stream (a streaming union), if the operation has one. */
export function eventStreamMember(spec: ServiceSpec, op: OperationSpec): [string, MemberSpec] | undefined {
  let found = members.get(op);
  if (found === undefined) {
    found = null;
    const output = op.output ? spec.shapes[op.output] : undefined;
    if (output && 'members' in output) {
      for (const [name, m] of Object.entries(output.members)) {
        if (m.streaming && spec.shapes[m.target]?.type === 'union') found = [name, m];
      }
    }
    members.set(op, found);
  }
  return found ?? undefined;
}

/** One encoded message. */
export function encodeMessage(headers: Headers, body: Uint8Array): Buffer {
  const bytes = eventCodec().encode({ headers, body });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function str(value: string): Header {
  return { type: 'string', value };
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value ?? {}), 'utf8');
}

/** The message of one union value `{ Member: value }`. */
export function encodeEvent(spec: ServiceSpec, unionName: string, event: Record<string, unknown>, leaf: LeafCodec): Buffer {
  const union = spec.shapes[unionName] as StructureShape;
  const keys = Object.keys(event).filter((k) => event[k] !== undefined);
  const name = keys[0];
  const member = name === undefined ? undefined : union.members[name];
  if (keys.length !== 1 || !member) {
    throw new TypeError(`an event of ${unionName} must have exactly one of ${Object.keys(union.members).join(', ')}; got ${keys.join(', ') || 'none'}`);
  }
  const value = (event[name] ?? {}) as Record<string, unknown>;
  const shape = spec.shapes[member.target];
  const headers: Headers = { ':message-type': str('event'), ':event-type': str(name) };
  if (!shape || !('members' in shape)) {
    headers[':content-type'] = str('application/json');
    return encodeMessage(headers, json(writeDocument(spec, member, value, leaf)));
  }
  let body: Buffer | undefined;
  const rest: Record<string, unknown> = {};
  for (const [field, m] of Object.entries(shape.members)) {
    const v = value[field];
    if (m.eventPayload) {
      if (m.target === 'blob') {
        body = v === undefined ? Buffer.alloc(0) : Buffer.from(v as Uint8Array);
        headers[':content-type'] = str('application/octet-stream');
      } else if (m.target === 'string') {
        body = Buffer.from(String(v ?? ''), 'utf8');
        headers[':content-type'] = str('text/plain');
      } else {
        body = json(writeDocument(spec, m, v, leaf));
        headers[':content-type'] = str('application/json');
      }
    } else if (m.eventHeader) {
      if (v !== undefined && v !== null) headers[field] = headerValue(m, v);
    } else if (v !== undefined) {
      rest[field] = v;
    }
  }
  if (body === undefined) {
    headers[':content-type'] = str('application/json');
    body = json(writeDocument(spec, { target: member.target }, rest, leaf));
  }
  return encodeMessage(headers, body);
}

function headerValue(m: MemberSpec, v: unknown): Header {
  if (v instanceof Date) return { type: 'timestamp', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (typeof v === 'number') return { type: 'integer', value: v };
  if (v instanceof Uint8Array) return { type: 'binary', value: v };
  return m.target === 'blob' ? { type: 'binary', value: Buffer.from(String(v)) } : str(String(v));
}

/** The message an error thrown mid-stream ends the stream with. */
export function encodeError(spec: ServiceSpec, unionName: string, err: unknown, leaf: LeafCodec): Buffer {
  const union = spec.shapes[unionName] as StructureShape;
  const code = err instanceof AwsError ? err.code : 'InternalFailure';
  const message = err instanceof Error ? err.message : String(err);
  const modelled = Object.hasOwn(union.members, code) ? union.members[code] : undefined;
  if (modelled) {
    const fields = err instanceof AwsError ? err.fields : {};
    const body = { ...(writeDocument(spec, modelled, fields, leaf) as object), message };
    return encodeMessage({ ':message-type': str('exception'), ':exception-type': str(code), ':content-type': str('application/json') }, json(body));
  }
  return encodeMessage({ ':message-type': str('error'), ':error-code': str(code), ':error-message': str(message) }, Buffer.alloc(0));
}

type Events = AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;

/** The messages of `events` as a byte stream, ended by an error message if iterating throws. */
export function encodeEventStream(spec: ServiceSpec, unionName: string, events: Events, leaf: LeafCodec, initial?: Buffer): Readable {
  async function* messages(): AsyncGenerator<Buffer> {
    if (initial) yield initial;
    try {
      for await (const event of events) yield encodeEvent(spec, unionName, event, leaf);
    } catch (err) {
      yield encodeError(spec, unionName, err, leaf);
    }
  }
  return Readable.from(messages(), { objectMode: false });
}

/**
 * A protocol's `serialize` that answers an event-stream output as the encoded
 * stream, the other output members serialized by `base` as usual. `rpc`
 * protocols send those members as the `initial-response` event instead.
 */
export function withEventStreams(base: Protocol['serialize'], leaf: LeafCodec, rpc: boolean): Protocol['serialize'] {
  return (output, op, spec, meta): AwsResponse => {
    const found = output ? eventStreamMember(spec, op) : undefined;
    const events = found && output?.[found[0]];
    if (!found || !output || events === undefined || events === null) return base(output, op, spec, meta);
    const others = { ...output };
    delete others[found[0]];
    const response = base(others, op, spec, meta);
    const initial = rpc
      ? encodeMessage(
          { ':message-type': str('event'), ':event-type': str('initial-response'), ':content-type': str('application/json') },
          json(op.output ? writeDocument(spec, { target: op.output }, others, leaf) : {}),
        )
      : undefined;
    delete response.headers['content-length'];
    delete response.headers['x-amz-crc32'];
    // A member bound to Content-Type (Lambda's ResponseStreamContentType) names the stream's content; else it is the event stream's.
    const bound = Object.keys(response.headers).find((h) => h.toLowerCase() === 'content-type');
    if (rpc || bound === undefined) {
      if (bound !== undefined) delete response.headers[bound];
      response.headers['content-type'] = EVENT_STREAM_CONTENT_TYPE;
    }
    response.body = encodeEventStream(spec, found[1].target, events as Events, leaf, initial);
    response.streaming = true;
    return response;
  };
}
