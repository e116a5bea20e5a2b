/**
 * PutRecord and PutRecordBatch into a DirectPut stream. The model bounds a
 * record (1,000 KiB) and a batch (500 records); the 4 MiB batch total and the
 * per-second throughput quota (records, requests and bytes; records over it
 * fail one by one with ServiceUnavailableException "Slow down.") are checked
 * here, on the core clock.
 */
import { clock } from '../../../src/core/clock';
import { invalidArgument, slowDown, streamNotFound } from '../exceptions';
import { enqueue } from '../models/delivery';
import type { DeliveryStream } from '../models/stream';
import type { PutRecordBatchInput, PutRecordInput } from '../types';
import type { Ctx } from './common';

const BATCH_BYTES = 4 * 1024 * 1024;

function target(name: string, ctx: Ctx): DeliveryStream {
  const s = ctx.backend.stream(name);
  // Data goes only into an ACTIVE stream; one still being created or deleted is not there yet.
  if (s.status !== 'ACTIVE') throw streamNotFound(name, ctx.backend.account);
  if (s.type !== 'DirectPut') throw invalidArgument(`This operation is not permitted on ${s.type} delivery stream type.`);
  return s;
}

/** This second's throughput window, counting one more request (over the quota: ServiceUnavailable). */
function window(s: DeliveryStream, ctx: Ctx): DeliveryStream['window'] {
  const second = Math.floor(clock.now() / 1000);
  if (s.window.second !== second) s.window = { second, records: 0, bytes: 0, requests: 0 };
  if (s.window.requests >= ctx.backend.quota.requests) throw slowDown();
  s.window.requests++;
  return s.window;
}

/** Takes `bytes` of the window's quota; false when the record does not fit this second. */
function admit(w: DeliveryStream['window'], bytes: number, ctx: Ctx): boolean {
  const q = ctx.backend.quota;
  if (w.records + 1 > q.records || w.bytes + bytes > q.bytes) return false;
  w.records++;
  w.bytes += bytes;
  return true;
}

export function putRecord(input: PutRecordInput, ctx: Ctx) {
  const s = target(input.DeliveryStreamName, ctx);
  const data = Buffer.from(input.Record.Data);
  if (!admit(window(s, ctx), data.length, ctx)) throw slowDown();
  const [RecordId] = enqueue(ctx.backend, s, [data]);
  return { RecordId, Encrypted: s.encryption.Status === 'ENABLED' };
}

export function putRecordBatch(input: PutRecordBatchInput, ctx: Ctx) {
  const s = target(input.DeliveryStreamName, ctx);
  const records = input.Records.map((r) => Buffer.from(r.Data));
  const total = records.reduce((n, r) => n + r.length, 0);
  if (total > BATCH_BYTES) throw invalidArgument(`Records size ${total} exceeds the limit of ${BATCH_BYTES} bytes for a PutRecordBatch request.`);
  const w = window(s, ctx);
  const admitted = records.map((r) => admit(w, r.length, ctx));
  const ids = enqueue(ctx.backend, s, records.filter((_, i) => admitted[i]));
  let next = 0;
  const RequestResponses = admitted.map((ok) => (ok ? { RecordId: ids[next++] } : { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' }));
  return { FailedPutCount: admitted.filter((ok) => !ok).length, Encrypted: s.encryption.Status === 'ENABLED', RequestResponses };
}
