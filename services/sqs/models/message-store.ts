/**
 * The messages of one queue, indexed so every operation is O(log n) at any
 * depth: a deque of ready messages (standard) or ready message groups (FIFO),
 * a min-heap of due times (delays and visibility timeouts), and a deque in
 * send order for retention. Entries are invalidated lazily by a version
 * number instead of being searched for and removed.
 */
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
}

export class MessageStore {
  readonly byId = new Map<string, StoredMessage>();
  readonly counts = { visible: 0, inflight: 0, delayed: 0 };
  private readonly timed = new MinHeap<Entry>();
  private readonly ready = new Deque<Entry>();
  private readonly order = new Deque<StoredMessage>();
  private readonly groups = new Map<string, Group>();
  private readonly readyGroups = new Set<Group>();

  constructor(readonly fifo: boolean) {}

  get size(): number {
    return this.byId.size;
  }

  add(msg: StoredMessage, now: number): void {
    this.byId.set(msg.id, msg);
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
  }

  makeVisible(msg: StoredMessage): void {
    if (this.fifo && msg.state === 'inflight') this.groupOf(msg).inflight--;
    this.setState(msg, 'visible');
    msg.version++;
    if (this.fifo) this.updateGroup(this.groupOf(msg));
    else this.ready.push({ msg, version: msg.version, at: 0 });
  }

  remove(msg: StoredMessage): void {
    if (msg.state === 'gone') return;
    if (this.fifo && msg.state === 'inflight') this.groupOf(msg).inflight--;
    this.setState(msg, 'gone');
    msg.version++;
    this.byId.delete(msg.id);
    if (this.fifo) this.updateGroup(this.groupOf(msg));
  }

  purge(): void {
    for (const m of this.byId.values()) {
      m.state = 'gone';
      m.version++;
    }
    this.byId.clear();
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

  private setState(msg: StoredMessage, state: MessageState): void {
    if (msg.state !== 'gone') this.counts[msg.state]--;
    msg.state = state;
    if (state !== 'gone') this.counts[state]++;
  }

  private groupOf(msg: StoredMessage, create = false): Group {
    const id = msg.groupId ?? '';
    let g = this.groups.get(id);
    if (!g) {
      g = { id, messages: new Deque(), inflight: 0 };
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
      if (!this.readyGroups.has(g)) this.readyGroups.add(g);
    } else {
      this.readyGroups.delete(g);
    }
  }
}
