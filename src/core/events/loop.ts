/**
 * The event loop every asynchronous delivery between services goes through
 * (EventBridge targets, S3 notifications, log subscriptions, retries,
 * schedules). One loop per emulated AWS (per backend registry).
 *
 * Tasks run one at a time, in order of due time and then of scheduling, so
 * what a test observes is the same on every run. A task due now runs on the
 * native promise queue (never faked by jest/vitest timers); a task due later
 * waits on core/clock, so fake timers and `aws.clock.advance()` both bring it
 * due. `settle()` resolves once nothing due is queued or running.
 */
import { type ClockTimer, clock } from '../clock';
import { freshCopy } from '../snapshot';

export type Task = () => void | Promise<void>;

/** A queued task; cancel() drops it if it has not run. */
export interface TaskHandle {
  cancel(): void;
}

interface Entry {
  at: number;
  seq: number;
  label: string;
  run: Task;
  cancelled: boolean;
}

/** A task that threw: kept for inspection (tasks record their own delivery failures). */
export interface TaskFailure {
  label: string;
  at: number;
  error: unknown;
}

export class EventLoop {
  private readonly queue: Entry[] = [];
  private seq = 0;
  private draining = false;
  private kicked = false;
  private timer?: ClockTimer;
  private timerAt?: number;
  private idle: Array<() => void> = [];
  private readonly subscribers = new Map<string, Array<(event: unknown) => void | Promise<void>>>();
  readonly failures: TaskFailure[] = [];
  /** Tasks run so far (persistence checks the state after background work: src/persist/). */
  ran = 0;

  /** Run `run` when the clock reaches `at` (now, if omitted or past). */
  schedule(run: Task, options: { at?: number; label?: string } = {}): TaskHandle {
    const entry: Entry = { at: options.at ?? clock.now(), seq: this.seq++, label: options.label ?? 'task', run, cancelled: false };
    this.insert(entry);
    this.wake();
    const handle: TaskHandle & { [freshCopy](): undefined } = {
      cancel: () => {
        entry.cancelled = true;
      },
      // A copy (snapshot, state directory) holds no pending task: the backend's restored() re-arms what it needs.
      [freshCopy]: () => undefined,
    };
    return handle;
  }

  /** Tell every subscriber of `topic` about `event`, each as its own task. */
  publish(topic: string, event: unknown, options: { at?: number } = {}): void {
    for (const fn of this.subscribers.get(topic) ?? []) {
      this.schedule(() => fn(event), { at: options.at, label: topic });
    }
  }

  /** Listen to `topic`; returns the function that stops listening. */
  subscribe(topic: string, fn: (event: unknown) => void | Promise<void>): () => void {
    const list = this.subscribers.get(topic) ?? [];
    list.push(fn);
    this.subscribers.set(topic, list);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Tasks due now or earlier that have not run yet. */
  get due(): number {
    const now = clock.now();
    return this.queue.filter((e) => !e.cancelled && e.at <= now).length;
  }

  /** Tasks waiting for a later time (retries, schedules). */
  get pending(): number {
    return this.queue.filter((e) => !e.cancelled).length;
  }

  /** Resolves when no task is due or running (tasks scheduled later do not count). */
  settle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle.push(resolve);
      this.wake();
    });
  }

  /** Drop every queued task and subscriber (the mock was reset). */
  reset(): void {
    for (const e of this.queue) e.cancelled = true;
    this.queue.length = 0;
    this.subscribers.clear();
    this.timer?.cancel();
    this.timer = this.timerAt = undefined;
    this.release();
  }

  private isIdle(): boolean {
    if (this.draining || this.kicked) return false;
    const head = this.head();
    return head === undefined || head.at > clock.now();
  }

  private head(): Entry | undefined {
    while (this.queue.length && this.queue[0].cancelled) this.queue.shift();
    return this.queue[0];
  }

  /** Ordered insert (binary search on (at, seq)). */
  private insert(entry: Entry): void {
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.queue[mid];
      if (e.at < entry.at || (e.at === entry.at && e.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
  }

  private wake(): void {
    if (this.draining || this.kicked) return;
    const head = this.head();
    if (!head) {
      this.release();
      return;
    }
    if (head.at <= clock.now()) {
      this.kicked = true;
      Promise.resolve().then(() => this.drain());
      return;
    }
    if (this.timerAt !== head.at) {
      this.timer?.cancel();
      this.timerAt = head.at;
      this.timer = clock.at(head.at, () => {
        this.timer = this.timerAt = undefined;
        this.wake();
      });
    }
    this.release();
  }

  private async drain(): Promise<void> {
    this.kicked = false;
    this.draining = true;
    try {
      for (let head = this.head(); head && head.at <= clock.now(); head = this.head()) {
        this.queue.shift();
        this.ran++;
        try {
          await head.run();
        } catch (error) {
          this.failures.push({ label: head.label, at: head.at, error });
        }
      }
    } finally {
      this.draining = false;
    }
    this.wake();
  }

  private release(): void {
    if (!this.isIdle()) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
}

const loops = new WeakMap<object, EventLoop>();

/**
 * The loop of one emulated AWS, keyed by its backend registry (what services
 * see as `ctx.backends`). Services call `eventLoop(ctx.backends)`.
 */
export function eventLoop(owner: object): EventLoop {
  let loop = loops.get(owner);
  if (!loop) {
    loop = new EventLoop();
    loops.set(owner, loop);
  }
  return loop;
}
