/**
 * Record transformation through a Lambda processor (docs:
 * data-transformation.html): the function gets `{ invocationId,
 * deliveryStreamArn, region, records: [{ recordId,
 * approximateArrivalTimestamp, data (base64) }] }` and answers `{ records:
 * [{ recordId, result: Ok | Dropped | ProcessingFailed, data }] }`. A record
 * the answer leaves out, or with an unknown result, failed; a function error
 * fails the whole batch after NumberOfRetries more attempts.
 */
import { randomUUID } from 'node:crypto';
import type { ProcessingConfiguration } from '../types';
import type { FirehoseBackend } from './backend';
import type { DeliveryStream, Pending } from './stream';

/** The Lambda backend's public invoke, duck-typed. */
interface LambdaInvoker {
  invoke(
    functionNameOrArn: string,
    payload: string,
    opts: { invocationType: 'RequestResponse' },
  ): Promise<{ statusCode: number; payload: Uint8Array; functionError?: string }>;
}

/** A record transformation failed: written to the error prefix as one JSON line. */
export interface FailedRecord {
  record: Pending;
  attemptsMade: number;
  errorCode: string;
  errorMessage: string;
  lambdaArn: string;
}

export interface Transformed {
  ok: Buffer[];
  failed: FailedRecord[];
}

/** The Lambda processor's parameters, or undefined when processing is off. */
export function lambdaProcessor(conf: ProcessingConfiguration | undefined): { arn: string; retries: number; batchBytes: number } | undefined {
  if (!conf?.Enabled) return undefined;
  const processor = conf.Processors?.find((p) => p.Type === 'Lambda');
  if (!processor) return undefined;
  const param = (name: string) => processor.Parameters?.find((p) => p.ParameterName === name)?.ParameterValue;
  const arn = param('LambdaArn');
  if (!arn) return undefined;
  return { arn, retries: Number(param('NumberOfRetries') ?? 3), batchBytes: Number(param('BufferSizeInMBs') ?? 1) * 1024 * 1024 };
}

export async function transform(
  backend: FirehoseBackend,
  stream: DeliveryStream,
  processor: { arn: string; retries: number; batchBytes: number },
  records: Pending[],
): Promise<Transformed> {
  const out: Transformed = { ok: [], failed: [] };
  for (const batch of batches(records, processor.batchBytes)) {
    const fail = (record: Pending, attemptsMade: number, errorCode: string, errorMessage: string) =>
      out.failed.push({ record, attemptsMade, errorCode, errorMessage, lambdaArn: processor.arn });
    const lambda = await backend.backends.get<Partial<LambdaInvoker>>('lambda', backend.account, backend.region);
    if (typeof lambda.invoke !== 'function') {
      for (const r of batch) fail(r, 1, 'Lambda.InvokeAccessDenied', 'The Lambda backend cannot be invoked.');
      continue;
    }
    const event = JSON.stringify({
      invocationId: randomUUID(),
      deliveryStreamArn: stream.arn,
      region: backend.region,
      records: batch.map((r) => ({ recordId: r.recordId, approximateArrivalTimestamp: r.arrival, data: r.data.toString('base64') })),
    });
    let answer: unknown;
    let attempts = 0;
    let error: { code: string; message: string } | undefined;
    do {
      attempts++;
      error = undefined;
      try {
        const res = await lambda.invoke(processor.arn, event, { invocationType: 'RequestResponse' });
        if (res.functionError) error = { code: 'Lambda.FunctionError', message: 'The Lambda function was successfully invoked but it returned an error result.' };
        else answer = JSON.parse(Buffer.from(res.payload).toString('utf8'));
      } catch (err) {
        const code = (err as { code?: string }).code;
        error = code === 'ResourceNotFoundException'
          ? { code: 'Lambda.FunctionNotFound', message: `The Lambda function ${processor.arn} could not be found.` }
          : { code: 'Lambda.InvokeFailed', message: err instanceof Error ? err.message : String(err) };
      }
    } while (error && attempts <= processor.retries);
    if (error) {
      for (const r of batch) fail(r, attempts, error.code, error.message);
      continue;
    }
    const results = new Map<string, { result?: unknown; data?: unknown }>();
    const list = (answer as { records?: unknown } | null)?.records;
    for (const item of Array.isArray(list) ? list : []) {
      if (item && typeof item === 'object' && typeof item.recordId === 'string') results.set(item.recordId, item);
    }
    for (const r of batch) {
      const res = results.get(r.recordId);
      if (res?.result === 'Dropped') continue;
      if (res?.result === 'Ok' && typeof res.data === 'string') out.ok.push(Buffer.from(res.data, 'base64'));
      else if (res?.result === 'ProcessingFailed') fail(r, attempts, 'Lambda.ProcessingFailedStatus', 'ProcessingFailed status set for record');
      else fail(r, attempts, 'Lambda.MissingRecordId', 'One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids.');
    }
  }
  return out;
}

/** Records in arrival order, cut into batches of at most `bytes` (one record at least). */
function* batches(records: Pending[], bytes: number): Generator<Pending[]> {
  let batch: Pending[] = [];
  let size = 0;
  for (const r of records) {
    if (batch.length > 0 && size + r.data.length > bytes) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(r);
    size += r.data.length;
  }
  if (batch.length > 0) yield batch;
}
