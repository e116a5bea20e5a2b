/**
 * `--state-dir DIR` / `startServer({ stateDir })` / `mockAws({ stateDir })`:
 * a dispatcher's whole state (every backend, state shared across accounts,
 * issued credentials) kept in a directory across restarts.
 *
 * Durability by group commit: every call that may change state waits, before
 * it is answered, for a flush that began after its handler finished, so an
 * answered call is on disk. Calls finishing while a flush runs share the next
 * one, so under load one flush serves many calls.
 *
 * A flush writes only what changed (src/persist/segments.ts): the state is
 * cut into segments (a backend per service, account and region; a shared
 * state; the credentials), and a flush encodes only the segments marked
 * dirty: the backend of each call that may change state (src/persist/reads.ts
 * tells reads from the model), backends made, handed to other services or to
 * background work (the registry's StateObserver), data-plane requests'
 * services, credentials issued. A read waits for no flush unless it marked
 * something. Segments whose text did not change are not written; large byte
 * arrays (object bodies) live beside them as content-addressed blob files,
 * written once each.
 *
 * What nothing reports (a timer changing its own backend, a Step Functions
 * execution moving on) is found by a check on the real clock: each second,
 * if anything ran since the last (a write, an event-loop task, a clock timer;
 * reads do not count, so a read-only load pays for no check but the idle one),
 * every segment is encoded again and written if its text changed. A check
 * costing c ms waits at least 40 c before the next, so checking a large
 * state takes at most ~2.5% of the time; with no activity, one check every
 * 30 seconds catches work on timers of its own.
 */
import { performance } from 'node:perf_hooks';
// The real timers, even under jest's fake ones: a flush must never wait for a fake clock to tick.
import { setImmediate, setInterval } from 'node:timers';
import type { StateObserver } from '../core/backends';
import type { Call, Dispatcher, StateSnapshot } from '../core/dispatch';
import type { IssuedCredential } from '../core/credentials';
import { clock } from '../core/clock';
import { AwsError } from '../core/errors';
import { eventLoop } from '../core/events';
import type { ServiceSpec } from '../core/spec';
import { ClassRegistry, type StateClassLoaders } from './classes';
import { decode, PersistError } from './encode';
import { onlyReads } from './reads';
import { type Index, Segments, type Written } from './segments';
import { FORMAT, StateDir } from './state-dir';

export interface PersistOptions {
  dir: string;
  /** The generated loaders of each service's classes (services/state-classes.generated.ts). */
  classLoaders: StateClassLoaders;
  /** The mockaws version, written to the manifest. */
  version: string;
  /** Milliseconds between the periodic checks. Default 1000. */
  interval?: number;
}

/** Format 1: the whole state as one document. */
interface WholeDocument {
  format: number;
  mockaws: string;
  state: unknown;
}

/** What format 1 saved as its root. */
interface SavedRoot {
  states: Map<string, unknown>;
  shared: Map<string, unknown>;
  credentials: IssuedCredential[];
}

const CREDENTIALS = 'c';
/** A check waits this many times its own cost before the next. */
const CHECK_SPACING = 40;
/** With no activity seen, a check every this many intervals all the same. */
const IDLE_CHECK = 30;

export class Persistence {
  private readonly files: StateDir;
  private readonly classes: ClassRegistry;
  private readonly segments: Segments;
  private lastIndex = '';
  /** The flush writing now. */
  private running?: Promise<void>;
  /** The flush after it, not begun yet: every call that finishes meanwhile shares it. */
  private pending?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly detach: Array<() => void> = [];
  private closed = false;
  /** Units changed since the last flush began. */
  private readonly dirty = new Set<string>();
  /** Units reached through the registry while a write was running: kept dirty until none runs. */
  private readonly reached = new Set<string>();
  /** Writes, reports, event-loop tasks and clock timers so far: the check runs only after some (reads are not). */
  private activity = 0;
  private checkedAt = -1;
  /** Did the last check find a change nothing reported? Then the next one runs even with no new activity. */
  private foundQuiet = false;
  /** Reports from the registry and the credential store, counted: a read that caused one waits for its flush. */
  private reports = 0;
  private writing = 0;
  private checkAll = true;
  private checking = false;
  private lastCheck = performance.now();
  private nextCheck = 0;
  private readonly specs = new Map<string, ServiceSpec>();
  private readonly readOps = new Map<string, boolean>();
  /** Flushes written and skipped (unchanged), segments encoded and written, for tests and figures. */
  readonly stats = { written: 0, skipped: 0, encoded: 0, segmentsWritten: 0 };
  /** Where the last flush met functions it could not keep (restored as undefined). */
  dropped: string[] = [];
  private readonly warned = new Set<string>();

  private constructor(
    private readonly dispatcher: Dispatcher,
    private readonly options: PersistOptions,
  ) {
    this.files = new StateDir(options.dir, options.version);
    this.classes = new ClassRegistry(options.classLoaders);
    this.segments = new Segments(this.classes, FORMAT);
  }

  /** Opens the directory, restores what it holds into the dispatcher, then keeps it up to date. */
  static async attach(dispatcher: Dispatcher, options: PersistOptions): Promise<Persistence> {
    const persistence = new Persistence(dispatcher, options);
    await persistence.load();
    persistence.start();
    return persistence;
  }

  private async load(): Promise<void> {
    this.files.open();
    const text = this.files.readState();
    if (text === undefined) return;
    const doc = JSON.parse(text) as Index | WholeDocument;
    if (doc.format > FORMAT) throw new PersistError(`mockaws: ${this.options.dir}/state.json is in format ${doc.format}; this mockaws reads ${FORMAT}`);
    await this.classes.loadAll();
    const stand = [{}, {}, {}]; // the registry, dispatcher and credential store of the process that saved it
    const blobs = new Set<string>();
    const readBlob = (sha: string) => {
      blobs.add(sha);
      return this.files.readBlob(sha);
    };
    let root: SavedRoot;
    /** Segment and chunk files the index names. */
    const keep = new Set<string>();
    if ('state' in doc) {
      root = decode(doc.state as never, this.classes, readBlob, stand) as SavedRoot;
    } else {
      root = { states: new Map(), shared: new Map(), credentials: [] };
      const values = new Map<string, unknown>();
      for (const segment of doc.segments) {
        const own = new Set<string>();
        const chunks = new Set<string>();
        const parsed = JSON.parse(this.files.readSegment(segment.h)) as { units: never };
        const units = decode(
          parsed.units,
          this.classes,
          (sha) => {
            own.add(sha);
            return readBlob(sha);
          },
          stand,
          (sha) => {
            chunks.add(sha);
            keep.add(sha);
            return (JSON.parse(this.files.readSegment(sha)) as { r: never }).r;
          },
          this.segments.restored,
        ) as Map<string, unknown>;
        for (const [unit, value] of units) values.set(unit, value);
        this.segments.adopt(segment.units, segment.h, own, chunks);
        keep.add(segment.h);
      }
      for (const unit of doc.order) {
        const value = values.get(unit);
        if (unit === CREDENTIALS) root.credentials = value as IssuedCredential[];
        else if (unit.startsWith('b:')) root.states.set(unit.slice(2), value);
        else root.shared.set(unit.slice(2), value);
      }
      this.lastIndex = text;
    }
    const snapshot: StateSnapshot = {
      backends: { states: root.states, shared: root.shared, infrastructure: stand },
      credentials: root.credentials,
    };
    this.dispatcher.restore(snapshot);
    this.files.collect(blobs, keep);
    // The first flush walks every segment: a format-1 directory is rewritten, and every object is claimed.
    this.checkAll = true;
  }

  private start(): void {
    // Every call that may change state, in-process or over HTTP, is answered only once its effects are on disk.
    this.detach.push(this.dispatcher.use((call, next) => this.around(call, next)));
    // A data plane request (a function URL, an execute-api stage) runs no hook: its service's state is saved after.
    this.detach.push(
      this.dispatcher.onCall((event) => {
        if (event.call || event.service === undefined) return;
        this.markService(event.service);
        this.commit().catch((err: Error) => this.warn(err));
      }),
    );
    const registry = this.dispatcher.backends;
    const observer: StateObserver = {
      changed: (kind, key) => {
        const unit = kind === 'backend' ? `b:${key}` : `s:${key}`;
        this.dirty.add(unit);
        if (this.writing > 0) this.reached.add(unit);
        this.reports++;
      },
      replaced: () => {
        this.checkAll = true;
        this.reports++;
      },
    };
    registry.observer = observer;
    this.detach.push(() => {
      if (registry.observer === observer) registry.observer = undefined;
    });
    // Keys a read issues (STS GetSessionToken) are saved before it is answered.
    const store = this.dispatcher.credentials;
    const register = store.register;
    store.register = (credential) => {
      register.call(store, credential);
      this.dirty.add(CREDENTIALS);
      this.reports++;
    };
    this.detach.push(() => {
      store.register = register;
    });
    this.timer = setInterval(() => this.tick(), this.options.interval ?? 1000);
    this.timer.unref();
  }

  private async around(call: Call, next: () => Promise<unknown>): Promise<unknown> {
    if (await this.isRead(call)) {
      const before = this.reports;
      try {
        return await next();
      } finally {
        // It made a backend or issued a key (or a write ran meanwhile): answered once that is on disk.
        if (this.reports !== before) await this.saved();
      }
    }
    let result: unknown;
    let failure: unknown;
    let failed = false;
    this.writing++;
    this.activity++;
    try {
      result = await next();
    } catch (err) {
      failure = err;
      failed = true;
    } finally {
      this.writing--;
    }
    // Marked once the handler is done: a flush that ran while it awaited saw only part of its work.
    const own = `b:${call.service}\u0000${call.account}\u0000`;
    this.dirty.add(`${own}${call.region}`).add(`${own}global`);
    await this.saved();
    if (failed) throw failure;
    return result;
  }

  private saved(): Promise<void> {
    return this.commit().catch((err: Error) => {
      throw new AwsError('InternalFailure', `mockaws: the state could not be saved: ${err.message}`, { status: 500 });
    });
  }

  /** Does the operation only read (src/persist/reads.ts)? Decided once per operation. */
  private async isRead(call: Call): Promise<boolean> {
    const key = `${call.service}:${call.operation}`;
    let read = this.readOps.get(key);
    if (read === undefined) {
      let spec = this.specs.get(call.service);
      if (!spec) {
        spec = (await this.dispatcher.loadService(call.service)).spec;
        this.specs.set(call.service, spec);
      }
      const op = Object.hasOwn(spec.operations, call.operation) ? spec.operations[call.operation] : undefined;
      read = op !== undefined && onlyReads(spec, op);
      this.readOps.set(key, read);
    }
    return read;
  }

  /** Every unit of a service: a data plane names no account or region. */
  private markService(service: string): void {
    const backend = `${service}\u0000`;
    const shared = `${service}:`;
    const { states, shared: sharedStates } = this.dispatcher.backends.live();
    for (const key of states.keys()) if (key.startsWith(backend)) this.dirty.add(`b:${key}`);
    for (const key of sharedStates.keys()) if (key.startsWith(shared)) this.dirty.add(`s:${key}`);
  }

  /**
   * Each interval: what is marked dirty, and (spaced by its cost, only after
   * some activity) a check of everything for changes nothing reported.
   */
  private tick(): void {
    const activity = this.activity + this.reports + eventLoop(this.dispatcher.backends).ran + clock.timersFired();
    const now = performance.now();
    // With no activity seen, still now and then: work on timers of its own (Lambda pollers) counts nowhere.
    const quiet = now >= this.lastCheck + IDLE_CHECK * (this.options.interval ?? 1000);
    if ((activity !== this.checkedAt || this.foundQuiet || quiet) && now >= this.nextCheck) {
      this.lastCheck = now;
      this.checkedAt = activity;
      this.checking = true;
      this.checkAll = true;
    } else if (this.dirty.size === 0 && !this.checkAll) return;
    this.commit().catch((err: Error) => this.warn(err));
  }

  private warn(err: Error): void {
    process.emitWarning(`mockaws: the state could not be saved: ${err.message}`);
  }

  /** Resolves once a flush that began after this call is on disk. */
  commit(): Promise<void> {
    if (this.closed) return Promise.resolve();
    // A flush scheduled but not yet begun will see this call's changes: share it.
    if (this.pending) return this.pending;
    const previous = this.running ?? Promise.resolve();
    const flush: Promise<void> = previous
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve))) // calls finishing together share it
      .then(() => {
        this.pending = undefined;
        this.running = flush;
        return this.flushNow();
      })
      .finally(() => {
        if (this.running === flush) this.running = undefined;
      });
    this.pending = flush;
    return flush;
  }

  /** Resolves once a flush that began after this call is on disk (the one chain: flushes never overlap). */
  flush(): Promise<void> {
    return this.commit();
  }

  /** Encodes what changed now (everything the first time) and writes the segments whose text changed. */
  private async flushNow(): Promise<void> {
    const { states, shared } = this.dispatcher.backends.live();
    await this.classes.load(servicesIn(states, shared));
    try {
      await this.write(this.encodeChanged());
    } catch (err) {
      // Saved again whole next time: whatever this flush took as dirty is not lost.
      this.checkAll = true;
      if (!(err instanceof PersistError)) throw err;
      // A class first met here may belong to a service that has no backend of its own yet.
      await this.classes.loadAll();
      await this.write(this.encodeChanged());
    }
  }

  /** Takes the marks and encodes their segments, synchronously (nothing moves meanwhile). */
  private encodeChanged(): { values: Map<string, unknown>; written: Written[] } {
    const all = this.checkAll;
    const check = this.checking;
    const units = new Set([...this.dirty, ...this.reached, CREDENTIALS]);
    const reported = this.dirty.size;
    this.checkAll = false;
    this.checking = false;
    this.dirty.clear();
    if (this.writing === 0) this.reached.clear();
    const values = new Map<string, unknown>();
    const { states, shared } = this.dispatcher.backends.live();
    for (const [key, value] of states) values.set(`b:${key}`, value);
    for (const [key, value] of shared) values.set(`s:${key}`, value);
    values.set(CREDENTIALS, this.dispatcher.credentials.snapshot());
    const started = performance.now();
    const written = this.segments.encode(values, units, all, [this.dispatcher.backends, this.dispatcher, this.dispatcher.credentials]);
    const now = performance.now();
    this.stats.encoded++;
    if (check) {
      this.nextCheck = now + CHECK_SPACING * (now - started);
      // Changed with nothing marked dirty: background work is running, so look again next time.
      this.foundQuiet = reported === 0 && written.length > 0;
    }
    this.dropped = this.segments.dropped;
    this.warnDropped(this.dropped);
    return { values, written };
  }

  private async write({ values, written }: { values: Map<string, unknown>; written: Written[] }): Promise<void> {
    const index = this.segments.index(values.keys(), written, this.options.version);
    if (written.length === 0 && index.text === this.lastIndex) {
      this.stats.skipped++;
      return;
    }
    const blobs = new Map<string, Uint8Array>();
    for (const w of written) for (const [sha, bytes] of w.blobs) blobs.set(sha, bytes);
    const files = new Map<string, string>();
    for (const w of written) {
      for (const [sha, text] of w.chunkTexts) files.set(sha, text);
      files.set(w.sha, w.text);
    }
    await this.files.commit(index.text, files, blobs);
    this.segments.applied(written);
    // The index on disk names only these segments and blobs now: the others (overwritten state and bodies) can go.
    this.files.collect(index.blobs, index.segments);
    this.lastIndex = index.text;
    this.stats.written++;
    this.stats.segmentsWritten += written.length;
  }

  /** Says once per service that some of its state (closures) is not kept, so a restart will not restore it whole. */
  private warnDropped(paths: string[]): void {
    for (const path of paths) {
      const unit = /^\$<([^>]*)>/.exec(path)?.[1] ?? '';
      const service = unit.startsWith('b:') ? unit.slice(2).split('\u0000')[0] : 'shared state';
      if (this.warned.has(service)) continue;
      this.warned.add(service);
      process.emitWarning(
        `mockaws: ${service} holds functions the state directory cannot keep (${path}); after a restart that state is incomplete (docs/server.md, Persistence)`,
      );
    }
  }

  /** After a reset: resolves once the (empty) state is written and the blobs deleted. */
  cleared(): Promise<void> {
    return this.commit();
  }

  /** Stops the periodic check and the hooks, after a last flush of everything. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    for (const undo of this.detach.splice(0)) undo();
    this.checkAll = true;
    await this.commit();
    await this.running;
    this.closed = true;
  }
}

/** Service ids with state: backend keys (`svc\0account\0region`) and shared keys (`svc:name`). */
function servicesIn(states: ReadonlyMap<string, unknown>, shared: ReadonlyMap<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const key of states.keys()) ids.add(key.split('\u0000')[0]);
  for (const key of shared.keys()) ids.add(key.split(':')[0]);
  return ids;
}
