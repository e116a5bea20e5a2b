/**
 * Asynchronous invocation (InvocationType Event): the event is queued and run
 * off the caller's request. An attempt that fails (function error, timeout,
 * throttle) is retried up to MaximumRetryAttempts times (default 2), one
 * minute before the first retry and two minutes before the second, as Lambda
 * documents; an event older than MaximumEventAgeInSeconds is dropped. Then
 * the OnFailure destination (or the dead-letter queue) gets the record; a
 * success goes to the OnSuccess destination. Attempts run as tasks of the
 * core event loop, so `aws.settle()` waits for them and the clock (fake
 * timers or `aws.clock.advance()`) brings the retries due.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { eventLoop, type TaskHandle } from '../../../src/core/events';
import type { InvokeResult } from '../runtime/runner';
import type { LambdaBackend, Resolved } from './backend';
import { sendTo } from './destinations';

const RETRY_DELAYS_MS = [60_000, 120_000];
const DEFAULT_MAX_AGE_S = 21_600;

interface QueuedEvent {
  requestId: string;
  target: Resolved;
  payload: Uint8Array;
  attempts: number;
  queuedAt: number;
}

export class AsyncInvoker {
  private readonly pending = new Set<TaskHandle>();
  private disposed = false;

  constructor(private readonly backend: LambdaBackend) {}

  enqueue(target: Resolved, payload: Uint8Array): string {
    const event: QueuedEvent = { requestId: randomUUID(), target, payload, attempts: 0, queuedAt: clock.now() };
    this.schedule(event, 0);
    return event.requestId;
  }

  private schedule(event: QueuedEvent, delayMs: number): void {
    if (this.disposed) return;
    const handle = eventLoop(this.backend.backends).schedule(
      () => {
        this.pending.delete(handle);
        return this.attempt(event);
      },
      { at: clock.now() + delayMs, label: `lambda:async:${event.target.fn.name}` },
    );
    this.pending.add(handle);
  }

  private async attempt(event: QueuedEvent): Promise<void> {
    const { fn } = event.target;
    if (this.backend.functions.get(fn.name) !== fn) return; // deleted meanwhile
    const config = fn.invokeConfigs.get(event.target.qualifier ?? '$LATEST');
    const maxRetries = config?.maxRetries ?? 2;
    const maxAge = (config?.maxAgeSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
    event.attempts += 1;
    let result: InvokeResult | undefined;
    let error: { type: string; message: string } | undefined;
    try {
      this.backend.checkRunnable(event.target);
      result = await this.backend.run(event.target, event.payload);
      if (result.functionError) error = { type: 'Unhandled', message: Buffer.from(result.payload).toString('utf8') };
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      error = { type: err.code, message: err.message };
    }
    if (this.disposed) return;
    if (!error) {
      if (config?.onSuccess) await this.deliver(config.onSuccess, event, 'Success', result, 'Lambda Function Invocation Result - Success');
      return;
    }
    const retriesLeft = event.attempts <= maxRetries;
    const delay = RETRY_DELAYS_MS[Math.min(event.attempts - 1, RETRY_DELAYS_MS.length - 1)];
    if (retriesLeft && clock.now() + delay - event.queuedAt <= maxAge) {
      this.schedule(event, delay);
      return;
    }
    const condition = retriesLeft ? 'EventAgeExceeded' : 'RetriesExhausted';
    if (config?.onFailure) {
      await this.deliver(config.onFailure, event, condition, result, 'Lambda Function Invocation Result - Failure');
    } else if (event.target.version.deadLetterTarget) {
      await sendTo(this.backend.backends, event.target.version.deadLetterTarget, Buffer.from(event.payload).toString('utf8'), this.backend.account, {
        RequestID: event.requestId,
        ErrorCode: '200',
        ErrorMessage: error.message,
      });
    }
  }

  /** The invocation record Lambda sends to a destination. */
  private async deliver(arn: string, event: QueuedEvent, condition: string, result: InvokeResult | undefined, detailType: string): Promise<void> {
    const record = {
      version: '1.0',
      timestamp: clock.date().toISOString(),
      requestContext: {
        requestId: event.requestId,
        functionArn: `${event.target.fn.arn}:${event.target.qualifier ?? '$LATEST'}`,
        condition,
        approximateInvokeCount: event.attempts,
      },
      requestPayload: parse(event.payload),
      responseContext: {
        statusCode: result?.statusCode ?? 200,
        executedVersion: event.target.version.version,
        functionError: result?.functionError,
      },
      responsePayload: result ? parse(result.payload) : undefined,
    };
    await sendTo(this.backend.backends, arn, JSON.stringify(record), this.backend.account, undefined, detailType);
  }

  dispose(): void {
    this.disposed = true;
    for (const h of this.pending) h.cancel();
    this.pending.clear();
  }
}

function parse(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
