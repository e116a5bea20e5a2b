/**
 * `--state-dir DIR` / `startServer({ stateDir })` / `mockAws({ stateDir })`:
 * a dispatcher's whole state (every backend, state shared across accounts,
 * issued credentials) kept in a directory across restarts.
 *
 * Durability by group commit: every call waits, before it is answered, for a
 * flush that began after its handler finished, so an answered call is on
 * disk. Calls finishing while a flush runs share the next one, so under load
 * one flush serves many calls. A flush encodes the state and writes it only
 * when the bytes changed (reads write nothing). A periodic flush (1 s)
 * catches changes made by the clock (timers, deliveries).
 *
 * The state is one document, not one file per backend: backends share
 * objects across accounts and regions (S3's bucket namespace), and one walk
 * keeps those references. Large byte arrays (object bodies) live beside it
 * as content-addressed blob files, written once each.
 */
import { createHash } from 'node:crypto';
// The real timers, even under jest's fake ones: a flush must never wait for a fake clock to tick.
import { setImmediate, setInterval } from 'node:timers';
import type { Dispatcher, StateSnapshot } from '../core/dispatch';
import type { IssuedCredential } from '../core/credentials';
import { AwsError } from '../core/errors';
import { ClassRegistry, type StateClassLoaders } from './classes';
import { decode, encode, PersistError } from './encode';
import { FORMAT, StateDir } from './state-dir';

export interface PersistOptions {
  dir: string;
  /** The generated loaders of each service's classes (services/state-classes.generated.ts). */
  classLoaders: StateClassLoaders;
  /** The mockaws version, written to the manifest. */
  version: string;
  /** Milliseconds between the periodic flushes. Default 1000. */
  interval?: number;
}

interface Document {
  format: number;
  mockaws: string;
  state: unknown;
}

/** What the saved root holds. */
interface SavedRoot {
  states: Map<string, unknown>;
  shared: Map<string, unknown>;
  credentials: IssuedCredential[];
}

export class Persistence {
  private readonly files: StateDir;
  private readonly classes: ClassRegistry;
  private lastDigest = '';
  /** The flush writing now. */
  private running?: Promise<void>;
  /** The flush after it, not begun yet: every call that finishes meanwhile shares it. */
  private pending?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private unhook?: () => void;
  private closed = false;
  /** Flushes written and skipped (unchanged), for tests and figures. */
  readonly stats = { written: 0, skipped: 0 };
  /** Where the last flush met functions it could not keep (restored as undefined). */
  dropped: string[] = [];
  private readonly warned = new Set<string>();

  private constructor(
    private readonly dispatcher: Dispatcher,
    private readonly options: PersistOptions,
  ) {
    this.files = new StateDir(options.dir, options.version);
    this.classes = new ClassRegistry(options.classLoaders);
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
    const doc = JSON.parse(text) as Document;
    if (doc.format > FORMAT) throw new PersistError(`mockaws: ${this.options.dir}/state.json is in format ${doc.format}; this mockaws reads ${FORMAT}`);
    await this.classes.loadAll();
    const stand = [{}, {}, {}]; // the registry, dispatcher and credential store of the process that saved it
    const blobs = new Set<string>();
    const root = decode(doc.state as never, this.classes, (sha) => {
      blobs.add(sha);
      return this.files.readBlob(sha);
    }, stand) as SavedRoot;
    const snapshot: StateSnapshot = {
      backends: { states: root.states, shared: root.shared, infrastructure: stand },
      credentials: root.credentials,
    };
    this.dispatcher.restore(snapshot);
    this.files.collect(blobs);
    this.lastDigest = digest(text);
  }

  private start(): void {
    // Every call, in-process or over HTTP, is answered only once its effects are on disk.
    this.unhook = this.dispatcher.use(async (_call, next) => {
      let result: unknown;
      let failure: unknown;
      let failed = false;
      try {
        result = await next();
      } catch (err) {
        failure = err;
        failed = true;
      }
      await this.commit().catch((err: Error) => {
        throw new AwsError('InternalFailure', `mockaws: the state could not be saved: ${err.message}`, { status: 500 });
      });
      if (failed) throw failure;
      return result;
    });
    this.timer = setInterval(() => {
      this.commit().catch((err: Error) => process.emitWarning(`mockaws: the state could not be saved: ${err.message}`));
    }, this.options.interval ?? 1000);
    this.timer.unref();
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
        return this.flush(); // takes its snapshot synchronously, before anything else runs
      })
      .finally(() => {
        if (this.running === flush) this.running = undefined;
      });
    this.pending = flush;
    return flush;
  }

  /** Encodes the state now and writes it if it changed. */
  async flush(): Promise<void> {
    const snapshot = this.dispatcher.snapshot();
    await this.classes.load(servicesIn(snapshot));
    const root: SavedRoot = { states: snapshot.backends.states, shared: snapshot.backends.shared, credentials: snapshot.credentials };
    let encoded: ReturnType<typeof encode>;
    try {
      encoded = encode(root, this.classes, snapshot.backends.infrastructure);
    } catch (err) {
      if (!(err instanceof PersistError)) throw err;
      // A class first met here may belong to a service that has no backend of its own yet.
      await this.classes.loadAll();
      encoded = encode(root, this.classes, snapshot.backends.infrastructure);
    }
    this.dropped = encoded.dropped;
    this.warnDropped(encoded.dropped);
    const text = JSON.stringify({ format: FORMAT, mockaws: this.options.version, state: encoded.root } satisfies Document);
    const sum = digest(text);
    if (sum === this.lastDigest) {
      this.stats.skipped++;
      return;
    }
    this.files.writeState(text, encoded.blobs);
    // The state on disk names only these blobs now: the others (overwritten bodies) can go.
    this.files.collect(new Set(encoded.blobs.keys()));
    this.lastDigest = sum;
    this.stats.written++;
  }

  /** Says once per service that some of its state (closures) is not kept, so a restart will not restore it whole. */
  private warnDropped(paths: string[]): void {
    for (const path of paths) {
      const service = path.startsWith('$.states<') ? path.slice('$.states<'.length).split('\u0000')[0] : 'shared state';
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

  /** Stops the periodic flush and the hook, after a last flush. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    this.unhook?.();
    await this.commit();
    await this.running;
    this.closed = true;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Service ids with state: backend keys (`svc\0account\0region`) and shared keys (`svc:name`). */
function servicesIn(snapshot: StateSnapshot): Set<string> {
  const ids = new Set<string>();
  for (const key of snapshot.backends.states.keys()) ids.add(key.split('\u0000')[0]);
  for (const key of snapshot.backends.shared.keys()) ids.add(key.split(':')[0]);
  return ids;
}
