/**
 * One SQS queue: its attributes and tags, and the message lifecycle — send
 * (delays, FIFO deduplication and sequence numbers), receive (visibility
 * timeout, dead-letter redrive, FIFO receive-attempt ids, long polling),
 * delete and visibility changes by receipt handle.
 */
import { createHash, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import { persistDerived, persistRecords, rebuildDerived, touchRecord } from '../../../src/core/persist-hints';
import { invalidParameterValue, invalidValue, purgeQueueInProgress, receiptHandleIsInvalid } from '../exceptions';
import { Deque } from './heap';
import { Waiters } from './long-poll';
import { type AttributeValue, md5Hex, md5OfAttributes } from './md5';
import { MessageStore, type StoredMessage } from './message-store';
import { defaultAttributes, parseRedrivePolicy } from './queue-attributes';
import { newReceipt, parseReceipt } from './receipt';
import type { BackendAccess } from '../../../src/core/service';
import { openBody, type SealedBody } from './sse';

export interface SendParams {
  body: string;
  /** The body encrypted for an SSE-KMS queue (models/sse.ts): stored instead of `body`. */
  sealed?: SealedBody;
  attributes?: Record<string, AttributeValue>;
  systemAttributes?: Record<string, AttributeValue>;
  delaySeconds?: number;
  groupId?: string;
  dedupId?: string;
  senderId: string;
}

export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  md5OfSystemAttributes?: string;
  sequenceNumber?: string;
}

/** A snapshot of one delivery, taken when it happened. */
export interface Received {
  msg: StoredMessage;
  receipt: string;
  receiveCount: number;
  firstReceiveAt: number;
}

export interface ReceiveParams {
  max: number;
  visibilityTimeout?: number;
  attemptId?: string;
}

const FIVE_MINUTES = 5 * 60 * 1000;
const MAX_VISIBILITY = 43_200;
/** SQS FIFO sequence numbers are 20-digit, ever-increasing decimals. */
const SEQUENCE_BASE = 18_000_000_000_000_000_000n;

/** A delivery kept for a FIFO receive attempt, naming its message by id (state shares no message object). */
interface Attempted {
  id: string;
  receipt: string;
  receiveCount: number;
  firstReceiveAt: number;
}

export class Queue {
  /** With a state directory the dedup window is saved in chunks; its expiry order is made again from it. */
  static readonly [persistRecords] = ['dedup'];
  static readonly [persistDerived] = ['dedupOrder'];
  readonly store: MessageStore;
  readonly tags = new Map<string, string>();
  readonly createdAt: number;
  modifiedAt: number;
  lastPurgeAt?: number;
  private readonly dedup = new Map<string, { result: SendResult; expiresAt: number }>();
  private dedupOrder = new Deque<{ key: string; expiresAt: number }>();
  private readonly attempts = new Map<string, { at: number; received: Attempted[] }>();
  private sequence = 0n;
  readonly waiters: Waiters<Received>;

  constructor(
    readonly name: string,
    readonly account: string,
    readonly region: string,
    public attributes: Record<string, string>,
    /** Finds a queue of the same account and region by ARN (dead-letter targets): the backend. */
    private readonly queues: { byArn(arn: string): Queue | undefined },
    now: number,
  ) {
    this.attributes = { ...defaultAttributes(name.endsWith('.fifo')), ...attributes };
    // SSE-KMS replaces the default SSE-SQS.
    if (attributes.KmsMasterKeyId) this.attributes.SqsManagedSseEnabled = 'false';
    this.store = new MessageStore(this.fifo);
    this.createdAt = this.modifiedAt = now;
    this.waiters = new Waiters();
  }

  get fifo(): boolean {
    return this.name.endsWith('.fifo');
  }

  get arn(): string {
    return arn({ service: 'sqs', region: this.region, account: this.account, resource: this.name });
  }

  url(endpoint: string): string {
    return `${endpoint}/${this.account}/${this.name}`;
  }

  private num(name: string): number {
    return Number(this.attributes[name]);
  }

  refresh(now: number): void {
    this.store.refresh(now, this.num('MessageRetentionPeriod') * 1000);
    for (let d = this.dedupOrder.peek(); d && d.expiresAt <= now; d = this.dedupOrder.peek()) {
      this.dedupOrder.shift();
      if (this.dedup.get(d.key)?.expiresAt === d.expiresAt) {
        this.dedup.delete(d.key);
        touchRecord(this.dedup, d.key);
      }
    }
    // Receive attempts replay for five minutes only; the Map is in time order (an attempt is set anew after a delete).
    for (const [id, attempt] of this.attempts) {
      if (now - attempt.at < FIVE_MINUTES) break;
      this.attempts.delete(id);
    }
  }

  /** The dedup window's expiry order after a restore: a key is set once per window, so the Map's order is it. */
  [rebuildDerived](): void {
    this.dedupOrder = new Deque();
    for (const [key, { expiresAt }] of this.dedup) this.dedupOrder.push({ key, expiresAt });
  }

  send(p: SendParams, now: number): SendResult {
    this.refresh(now);
    const md5OfBody = md5Hex(p.body);
    let dedupKey: string | undefined;
    let dedupId = p.dedupId;
    if (this.fifo) {
      if (dedupId === undefined && this.attributes.ContentBasedDeduplication === 'true') {
        dedupId = createHash('sha256').update(p.body).digest('hex');
      }
      if (dedupId === undefined) {
        throw invalidParameterValue(
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      dedupKey = this.attributes.DeduplicationScope === 'messageGroup' ? `${p.groupId}\u0000${dedupId}` : dedupId;
      const seen = this.dedup.get(dedupKey);
      // A duplicate inside the 5-minute window is accepted but not enqueued again.
      if (seen) return seen.result;
    }
    const delay = p.delaySeconds ?? this.num('DelaySeconds');
    const msg: StoredMessage = {
      id: randomUUID(),
      body: p.sealed ? '' : p.body,
      sealed: p.sealed,
      md5OfBody,
      attributes: p.attributes && Object.keys(p.attributes).length ? p.attributes : undefined,
      md5OfAttributes: md5OfAttributes(p.attributes),
      systemAttributes: p.systemAttributes,
      md5OfSystemAttributes: md5OfAttributes(p.systemAttributes),
      senderId: p.senderId,
      sentAt: now,
      receiveCount: 0,
      groupId: p.groupId,
      dedupId: this.fifo ? dedupId : undefined,
      sequenceNumber: this.fifo ? this.nextSequenceNumber() : undefined,
      state: 'gone',
      dueAt: now + delay * 1000,
      version: 0,
    };
    this.store.add(msg, now);
    const result: SendResult = {
      messageId: msg.id,
      md5OfBody,
      md5OfAttributes: msg.md5OfAttributes,
      md5OfSystemAttributes: msg.md5OfSystemAttributes,
      sequenceNumber: msg.sequenceNumber,
    };
    if (dedupKey !== undefined) {
      this.dedup.set(dedupKey, { result, expiresAt: now + FIVE_MINUTES });
      touchRecord(this.dedup, dedupKey);
      this.dedupOrder.push({ key: dedupKey, expiresAt: now + FIVE_MINUTES });
    }
    if (msg.state === 'visible') this.waiters.notify();
    return result;
  }

  private nextSequenceNumber(): string {
    this.sequence += 1n;
    return (SEQUENCE_BASE + this.sequence * 65_536n).toString();
  }

  /** Takes up to `max` visible messages and puts them in flight (never blocks). */
  receive(p: ReceiveParams, now: number): Received[] {
    this.refresh(now);
    const replay = this.fifo && p.attemptId ? this.replayAttempt(p.attemptId, now) : undefined;
    if (replay) return replay;
    const vt = p.visibilityTimeout ?? this.num('VisibilityTimeout');
    const redrive = parseRedrivePolicy(this.attributes.RedrivePolicy);
    const dlq = redrive ? this.queues.byArn(redrive.deadLetterTargetArn) : undefined;
    const out: Received[] = [];
    while (out.length < p.max) {
      const batch = this.store.nextBatch(p.max - out.length);
      if (batch.length === 0) break;
      for (const msg of batch) {
        // A message received maxReceiveCount times goes to the dead-letter queue instead.
        if (redrive && dlq && msg.receiveCount >= redrive.maxReceiveCount) {
          this.store.remove(msg);
          dlq.acceptMoved(msg, this.arn, now);
          continue;
        }
        msg.receiveCount++;
        msg.firstReceiveAt ??= now;
        msg.receivedAt = now;
        msg.receipt = newReceipt(this.arn, msg.id);
        this.store.markInflight(msg, now + vt * 1000);
        out.push({ msg, receipt: msg.receipt, receiveCount: msg.receiveCount, firstReceiveAt: msg.firstReceiveAt });
      }
    }
    if (this.fifo && p.attemptId && out.length) {
      this.attempts.set(p.attemptId, { at: now, received: out.map((r) => ({ id: r.msg.id, receipt: r.receipt, receiveCount: r.receiveCount, firstReceiveAt: r.firstReceiveAt })) });
    }
    return out;
  }

  /** FIFO: the same ReceiveRequestAttemptId within 5 minutes returns the same messages and handles. */
  private replayAttempt(attemptId: string, now: number): Received[] | undefined {
    const prior = this.attempts.get(attemptId);
    if (!prior) return undefined;
    const out: Received[] = [];
    for (const r of prior.received) {
      const msg = this.store.byId.get(r.id);
      if (msg?.state !== 'inflight' || msg.receipt !== r.receipt) break;
      out.push({ msg, receipt: r.receipt, receiveCount: r.receiveCount, firstReceiveAt: r.firstReceiveAt });
    }
    if (now - prior.at < FIVE_MINUTES && out.length === prior.received.length) return out;
    this.attempts.delete(attemptId);
    return undefined;
  }

  /** Long poll: answer at once if anything is there, else park until a message arrives or time runs out. */
  receiveWait(p: ReceiveParams, waitSeconds: number, now: number): Promise<Received[]> {
    const got = this.receive(p, now);
    if (got.length > 0 || waitSeconds <= 0) return Promise.resolve(got);
    return this.waiters.wait(() => this.receive(p, clock.now()), now + waitSeconds * 1000, () => this.store.nextDueAt());
  }

  private messageFor(handle: string): StoredMessage | undefined {
    const parsed = parseReceipt(handle);
    if (parsed.queueArn !== this.arn) throw receiptHandleIsInvalid(handle);
    return this.store.byId.get(parsed.messageId);
  }

  /** FIFO handles die when the message is received again or comes back visible. */
  private checkFifoHandle(msg: StoredMessage, handle: string): void {
    if (this.fifo && (msg.receipt !== handle || msg.state !== 'inflight')) {
      throw invalidValue(handle, 'ReceiptHandle', 'The receipt handle has expired.');
    }
  }

  /**
   * A message's body as a reader inside the process sees it (Lambda's SQS event source): an SSE-KMS
   * body is opened through KMS as ReceiveMessage opens it, so it needs the key to be usable then.
   */
  bodyOf(msg: StoredMessage, backends: BackendAccess, now: number): Promise<string> {
    return msg.sealed ? openBody(this, backends, msg.sealed, now) : Promise.resolve(msg.body);
  }

  deleteMessage(handle: string, now: number): void {
    this.refresh(now);
    const msg = this.messageFor(handle);
    if (!msg) return; // already deleted: SQS answers success
    this.checkFifoHandle(msg, handle);
    this.store.remove(msg);
    // In FIFO, deleting unlocks the group: parked receivers may now get its next message.
    if (this.fifo) this.waiters.notify();
  }

  changeVisibility(handle: string, seconds: number, now: number): void {
    this.refresh(now);
    const msg = this.messageFor(handle);
    if (msg?.state !== 'inflight') {
      throw invalidValue(handle, 'ReceiptHandle', 'Message does not exist or is not available for visibility timeout change.');
    }
    this.checkFifoHandle(msg, handle);
    const elapsed = (now - (msg.receivedAt ?? now)) / 1000;
    if (seconds < 0 || elapsed + seconds > MAX_VISIBILITY) {
      throw invalidValue(
        seconds,
        'VisibilityTimeout',
        `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY} seconds]`,
      );
    }
    if (seconds === 0) {
      this.store.makeVisible(msg);
      this.waiters.notify();
    } else {
      this.store.markInflight(msg, now + seconds * 1000);
    }
  }

  purge(now: number, url: string): void {
    if (this.lastPurgeAt !== undefined && now - this.lastPurgeAt < 60_000) throw purgeQueueInProgress(url);
    this.lastPurgeAt = now;
    this.store.purge();
  }

  /** A message redriven here from `sourceArn` (dead-letter move, or a move task back). */
  acceptMoved(from: StoredMessage, sourceArn: string | undefined, now: number): void {
    const msg: StoredMessage = {
      ...from,
      id: from.id,
      receiveCount: 0,
      firstReceiveAt: undefined,
      receipt: undefined,
      receivedAt: undefined,
      deadLetterSourceArn: sourceArn,
      sequenceNumber: this.fifo ? this.nextSequenceNumber() : undefined,
      state: 'gone',
      dueAt: now,
      version: 0,
    };
    this.store.add(msg, now);
    this.waiters.notify();
  }

  /** Every attribute value, the computed ones included. */
  allAttributes(now: number): Record<string, string> {
    this.refresh(now);
    const counts = this.store.counts;
    const attrs: Record<string, string> = {
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(Math.floor(this.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(this.modifiedAt / 1000)),
    };
    for (const [k, v] of Object.entries(this.attributes)) if (v !== '') attrs[k] = v;
    if (this.attributes.KmsMasterKeyId) attrs.KmsDataKeyReusePeriodSeconds ??= '300';
    return attrs;
  }

  setAttributes(attrs: Record<string, string>, now: number): void {
    Object.assign(this.attributes, attrs);
    if (attrs.KmsMasterKeyId) this.attributes.SqsManagedSseEnabled = 'false';
    this.modifiedAt = now;
    // A shorter wait or delay can make messages receivable for parked receivers.
    this.waiters.notify();
  }

  close(): void {
    this.waiters.closeAll();
  }
}
