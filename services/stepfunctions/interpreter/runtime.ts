/**
 * The moving parts of one execution: its history, the fibers running its
 * branches, and how it waits. Every wait (Wait states, retry intervals, task
 * tokens, activities, child executions) is a suspension: the fiber stops
 * counting as active, and whatever resumes it does so from a task on the
 * core event loop that then awaits `quiet()` — the moment every fiber of
 * the execution is suspended again or the execution ended. So
 * `aws.settle()` returns with the execution at rest, and the clock (fake
 * timers, `aws.clock.advance`) is what brings Wait states and retries due.
 */
import { clock } from '../../../src/core/clock';
import { eventLoop, type TaskHandle } from '../../../src/core/events';
import type { BackendAccess } from '../../../src/core/service';
import type { HistoryEvent } from '../types';
import { Aborted } from './errors';

/** Aborting a branch aborts everything under it (a failed Parallel stops its siblings). */
export class Signal {
  private own = false;
  constructor(private readonly parent?: Signal) {}
  abort(): void {
    this.own = true;
  }
  get aborted(): boolean {
    return this.own || (this.parent?.aborted ?? false);
  }
  child(): Signal {
    return new Signal(this);
  }
}

/** A line of control inside an execution: the last event it logged, its abort signal, its variables. */
export interface Thread {
  last: number;
  signal: Signal;
  variables: Map<string, unknown>;
  /** The Map iteration this thread runs ($$.Map.Item). */
  item?: { Index: number; Value: unknown };
  /** The state the thread is in and its input (what a redrive restarts from). */
  at?: { name: string; input: unknown };
}

export type EventDetails = Omit<HistoryEvent, 'timestamp' | 'type' | 'id' | 'previousEventId'>;

export class Runtime {
  readonly history: HistoryEvent[] = [];
  root = new Signal();
  private active = 0;
  private waiters: Array<() => void> = [];
  private handles = new Set<TaskHandle>();
  ended = false;
  /** Hears of every event as it is logged (CloudWatch Logs delivery). */
  onEvent?: (e: HistoryEvent) => void;

  constructor(readonly backends: BackendAccess) {}

  /** Appends a history event after the thread's last one and makes it the thread's last. */
  event(thread: Pick<Thread, 'last'>, type: string, details: EventDetails = {}): number {
    const id = this.history.length + 1;
    const e: HistoryEvent = { timestamp: clock.date(), type, id, previousEventId: thread.last, ...details };
    this.history.push(e);
    thread.last = id;
    this.onEvent?.(e);
    return id;
  }

  /** Runs `main` as the execution's first fiber. */
  start(main: () => Promise<void>): void {
    this.active = 1;
    main().finally(() => {
      this.active--;
      this.check();
    });
  }

  /** Ends the execution for good: pending waits are dropped, quiet() resolves. */
  end(): void {
    this.ended = true;
    this.root.abort();
    for (const h of this.handles) h.cancel();
    this.handles.clear();
    this.check();
  }

  /** A redrive brings an ended execution back: new signal, history kept. */
  revive(): void {
    this.ended = false;
    this.root = new Signal();
  }

  /** Resolves when every fiber is suspended or the execution ended. */
  quiet(): Promise<void> {
    if (this.ended || this.active <= 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private check(): void {
    if (!(this.ended || this.active <= 0)) return;
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }

  /** Runs `fn` from the event loop at `at` (now by default), then waits for the execution to come to rest. */
  wake(fn: () => void, at?: number, label = 'stepfunctions'): TaskHandle {
    const handle = eventLoop(this.backends).schedule(
      () => {
        this.handles.delete(handle);
        fn();
        return this.quiet();
      },
      { at, label },
    );
    this.handles.add(handle);
    return handle;
  }

  /**
   * Suspends the calling fiber until `register`'s resume or fail is called
   * (each from an event-loop task, through wake()). `register` returns what
   * cancels its own timers.
   */
  suspend<T>(signal: Signal, register: (resume: (v: T) => void, fail: (e: unknown) => void) => () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const settle = (fn: () => void) => {
        if (done) return;
        done = true;
        cancel();
        this.active++;
        if (this.ended || signal.aborted) reject(new Aborted());
        else fn();
      };
      const cancel = register(
        (v) => settle(() => resolve(v)),
        (e) => settle(() => reject(e)),
      );
      this.active--;
      this.check();
    });
  }

  /** Waits on the clock until `at`. */
  sleepUntil(signal: Signal, at: number): Promise<void> {
    return this.suspend<void>(signal, (resume) => {
      const h = this.wake(() => resume(), at, 'stepfunctions:wait');
      return () => h.cancel();
    });
  }

  /**
   * Runs `count` children, at most `limit` at a time, as fibers of their own.
   * A failure the caller does not tolerate ends the group: the siblings are
   * aborted through `signal` and the failure is thrown.
   */
  all<T>(count: number, limit: number, signal: Signal, run: (i: number) => Promise<T>, tolerate: (error: unknown) => boolean = () => false): Promise<Array<T | undefined>> {
    if (count === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const results: Array<T | undefined> = new Array(count);
      let next = 0;
      let settled = 0;
      let over = false;
      const begin = () => {
        while (!over && next - settled < limit && next < count) {
          const i = next++;
          this.active++;
          run(i).then(
            (v) => end(i, () => (results[i] = v)),
            (e) => end(i, () => tolerate(e), e),
          );
        }
      };
      const end = (i: number, record: () => unknown, error?: unknown) => {
        settled++;
        if (over) {
          this.active--;
          this.check();
          return;
        }
        const ok = record();
        if (error !== undefined && !ok) {
          over = true;
          signal.abort();
          reject(error);
          return; // the parent takes this fiber's place
        }
        if (error !== undefined) results[i] = undefined;
        begin();
        if (settled === count) {
          over = true;
          resolve(results);
          return;
        }
        this.active--;
        this.check();
      };
      begin();
      this.active--; // the parent waits for its children
      this.check();
    });
  }
}
