/**
 * The messages of one queue, indexed so every operation is O(log n) at any
 * depth: a deque of ready messages (standard) or ready message groups (FIFO),
 * a min-heap of due times (delays and visibility timeouts), and a deque in
 * send order for retention. Entries are invalidated lazily by a version
 * number instead of being searched for and removed.
 *
 * With a state directory, only `byId` is saved, in chunks (a flush encodes the
 * messages that changed, not the queue): every change of a message is told
 * with touchRecord. The orderings are made again from the messages after a
 * restore: `byId` keeps send order, and `readySeq` keeps the order in which
 * messages (standard) or groups (FIFO) became ready.
 */
import { persistDerived, persistRecords, rebuildDerived, touchRecord } from '../../../src/core/persist-hints';
import { Deque, MinHeap } from './heap';
import type { AttributeValue } from './md5';
import type { SealedBody } from './sse';

export type MessageState = 'delayed' | 'visible' | 'inflight' | 'gone';

export interface StoredMessage {
  id: string;
  /** The body; empty when `sealed` holds it encrypted (SSE-KMS queues). */
  body: string;
  sealed?: SealedBody;
  md5OfBody: string;
  attributes?: Record<string, AttributeValue>;
  md5OfAttributes?: string;
  systemAttributes?: Record<string, AttributeValue>;
  md5OfSystemAttributes?: string;
  senderId: string;
  /** Epoch ms; retention counts from here (kept when moved to a dead-letter queue). */
  sentAt: number;
  firstReceiveAt?: number;
  receiveCount: number;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  deadLetterSourceArn?: string;
  state: MessageState;
  /** When a delayed or in-flight message becomes visible. */
  dueAt: number;
  /** Bumped on every state or due-time change; older index entries are stale. */
  version: number;
  receipt?: string;
  receivedAt?: number;
  /**
   * When it last became ready to receive, as a count of the store's (standard: the ready deque's
   * order; FIFO, on a group's head: when the group became ready). Read only to rebuild after a restore.
   */
  readySeq?: number;
}

interface Entry {
  msg: StoredMessage;
  version: number;
  at: number;
}

interface Group {
  id: string;
  messages: Deque<StoredMessage>;
  inflight: number;
  /** Its place among the ready groups (the readySeq its head carries while the group is ready). */
  readySeq: number;
}

export class MessageStore {
  static readonly [persistRecords] = ['byId'];
  static readonly [persistDerived] = ['counts', 'timed', 'ready', 'order', 'groups', 'readyGroups'];
  readonly byId = new Map<string, StoredMessage>();
  // Not readonly: made again by rebuildDerived after a restore.
  counts = { visible: 0, inflight: 0, delayed: 0 };
  private timed = new MinHeap<Entry>();
  private ready = new Deque<Entry>();
  private order = new Deque<StoredMessage>();
  private groups = new Map<string, Group>();
  private readyGroups = new Set<Group>();
  /** The last readySeq given. */
  private readyTick = 0;

  constructor(readonly fifo: boolean) {}

  get size(): number {
    return this.byId.size;
  }

  add(msg: StoredMessage, now: number): void {
    this.byId.set(msg.id, msg);
    this.touch(msg);
    this.order.push(msg);
    if (this.fifo) this.groupOf(msg, true).messages.push(msg);
    if (msg.dueAt > now) {
      this.setState(msg, 'delayed');
      this.timed.push({ msg, version: msg.version, at: msg.dueAt });
      if (this.fifo) this.updateGroup(this.groupOf(msg));
    } else {
      this.makeVisible(msg);
    }
  }

  /** Drops expired messages and makes due ones visible. */
  refresh(now: number, retentionMs: number): void {
    for (let m = this.order.peek(); m; m = this.order.peek()) {
      if (m.state !== 'gone' && m.sentAt + retentionMs > now) break;
      this.order.shift();
      this.remove(m);
    }
    for (let e = this.timed.peek(); e && e.at <= now; e = this.timed.peek()) {
      this.timed.pop();
      const m = e.msg;
      if (e.version === m.version && (m.state === 'delayed' || m.state === 'inflight')) this.makeVisible(m);
    }
  }

  /** When the next delayed or in-flight message is due (may be a stale entry: wake and look). */
  nextDueAt(): number | undefined {
    return this.timed.peek()?.at;
  }

  /**
   * Visible messages to hand out, oldest first: up to `limit` from the ready
   * deque, or for FIFO the visible head run of the first unlocked group. The
   * caller must mark each returned message in flight or remove it.
   */
  nextBatch(limit: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    if (!this.fifo) {
      while (out.length < limit) {
        const e = this.ready.shift();
        if (!e) break;
        if (e.version === e.msg.version && e.msg.state === 'visible') out.push(e.msg);
      }
      return out;
    }
    for (const g of this.readyGroups) {
      this.compact(g);
      for (let i = 0; out.length < limit; i++) {
        const m = g.messages.at(i);
        if (!m || m.state === 'delayed' || m.state === 'inflight') break;
        if (m.state === 'visible') out.push(m);
      }
      if (out.length) return out;
      this.readyGroups.delete(g);
    }
    return out;
  }

  markInflight(msg: StoredMessage, until: number): void {
    if (this.fifo && msg.state !== 'inflight') {
      const g = this.groupOf(msg);
      g.inflight++;
      this.readyGroups.delete(g);
    }
    this.setState(msg, 'inflight');
    msg.dueAt = until;
    msg.version++;
    this.timed.push({ msg, version: msg.version, at: until });
    // The caller's writes (receive count, receipt) are saved with this one.
    this.touch(msg);
  }

  makeVisible(msg: StoredMessage): void {
    if (this.fifo && msg.state === 'inflight') this.groupOf(msg).inflight--;
    this.setState(msg, 'visible');
    msg.version++;
    this.touch(msg);
    if (this.fifo) this.updateGroup(this.groupOf(msg));
    else {
      msg.readySeq = ++this.readyTick;
      this.ready.push({ msg, version: msg.version, at: 0 });
    }
  }

  remove(msg: StoredMessage): void {
    if (msg.state === 'gone') return;
    if (this.fifo && msg.state === 'inflight') this.groupOf(msg).inflight--;
    this.setState(msg, 'gone');
    msg.version++;
    this.byId.delete(msg.id);
    this.touch(msg);
    if (this.fifo) this.updateGroup(this.groupOf(msg));
  }

  purge(): void {
    for (const m of this.byId.values()) {
      m.state = 'gone';
      m.version++;
    }
    const ids = [...this.byId.keys()];
    this.byId.clear();
    for (const id of ids) touchRecord(this.byId, id);
    this.counts.visible = this.counts.inflight = this.counts.delayed = 0;
    this.timed.clear();
    this.ready.clear();
    this.order.clear();
    this.groups.clear();
    this.readyGroups.clear();
  }

  /** Every message still held, in send order (message move tasks drain these). */
  *inOrder(): Iterable<StoredMessage> {
    for (let i = 0; i < this.order.length; i++) {
      const m = this.order.at(i) as StoredMessage;
      if (m.state !== 'gone') yield m;
    }
  }

  /**
   * Makes the orderings again from the messages after a restore: `byId` holds the messages in send
   * order (the retention deque and each FIFO group's deque), their states give the counts and the
   * timed heap, and readySeq the ready deque's order (standard) or the ready groups' (FIFO).
   */
  [rebuildDerived](): void {
    this.counts = { visible: 0, inflight: 0, delayed: 0 };
    this.timed = new MinHeap();
    this.ready = new Deque();
    this.order = new Deque();
    this.groups = new Map();
    this.readyGroups = new Set();
    const visible: StoredMessage[] = [];
    for (const msg of this.byId.values()) {
      if (msg.state === 'gone') continue;
      this.counts[msg.state]++;
      this.order.push(msg);
      if (msg.state === 'delayed' || msg.state === 'inflight') this.timed.push({ msg, version: msg.version, at: msg.dueAt });
      if (this.fifo) {
        const g = this.groupOf(msg, true);
        g.messages.push(msg);
        if (msg.state === 'inflight') g.inflight++;
      } else if (msg.state === 'visible') {
        visible.push(msg);
      }
    }
    const bySeq = (a: StoredMessage, b: StoredMessage) => (a.readySeq ?? 0) - (b.readySeq ?? 0);
    if (this.fifo) {
      const ready = [...this.groups.values()].filter((g) => g.inflight === 0 && g.messages.peek()?.state === 'visible');
      ready.sort((a, b) => bySeq(a.messages.peek() as StoredMessage, b.messages.peek() as StoredMessage));
      for (const g of ready) {
        g.readySeq = g.messages.peek()?.readySeq ?? 0;
        this.readyGroups.add(g);
      }
    } else {
      visible.sort(bySeq); // stable: a state saved before readySeq keeps send order
      for (const msg of visible) this.ready.push({ msg, version: msg.version, at: 0 });
    }
    this.readyTick ??= 0;
  }

  private touch(msg: StoredMessage): void {
    touchRecord(this.byId, msg.id);
  }

  private setState(msg: StoredMessage, state: MessageState): void {
    if (msg.state !== 'gone') this.counts[msg.state]--;
    msg.state = state;
    if (state !== 'gone') this.counts[state]++;
  }

  private groupOf(msg: StoredMessage, create = false): Group {
    const id = msg.groupId ?? '';
    let g = this.groups.get(id);
    if (!g) {
      g = { id, messages: new Deque(), inflight: 0, readySeq: 0 };
      if (create) this.groups.set(id, g);
    }
    return g;
  }

  private compact(g: Group): void {
    while (g.messages.peek()?.state === 'gone') g.messages.shift();
  }

  /** A FIFO group is ready when nothing of it is in flight and its head is visible. */
  private updateGroup(g: Group): void {
    this.compact(g);
    const head = g.messages.peek();
    if (!head) {
      this.groups.delete(g.id);
      this.readyGroups.delete(g);
      return;
    }
    if (g.inflight === 0 && head.state === 'visible') {
      if (!this.readyGroups.has(g)) {
        this.readyGroups.add(g);
        g.readySeq = ++this.readyTick;
      }
      // The group keeps its place when its head changes (a ready head dropped by retention).
      if (head.readySeq !== g.readySeq) {
        head.readySeq = g.readySeq;
        this.touch(head);
      }
    } else {
      this.readyGroups.delete(g);
    }
  }
}
