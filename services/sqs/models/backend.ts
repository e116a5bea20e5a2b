/**
 * SqsBackend: the queues of one account and region, kept in a sorted name
 * index so ListQueues pages by prefix without scanning, plus the dead-letter
 * relationships and message move tasks between them.
 */
import { clock } from '../../../src/core/clock';
import { parseArn } from '../../../src/core/ids';
import type { BackendContext } from '../../../src/core/service';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { invalidAttributeValue, invalidParameterValue, invalidValue, queueDoesNotExist, queueNameExists } from '../exceptions';
import { MoveTasks } from './move-tasks';
import { type MessageFields, prepareMessage } from './message-input';
import { Queue, type SendResult } from './queue';
import { normalizeAttributes, parseRedrivePolicy } from './queue-attributes';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

export class SqsBackend {
  readonly account: string;
  readonly region: string;
  private readonly queues = new Map<string, Queue>();
  /** Queue names in sorted order (ListQueues pages over this). */
  private readonly names = new SortedKeySet();
  readonly moveTasks = new MoveTasks(this);

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
  }

  createQueue(name: string, attributes: Record<string, string> | undefined, tags: Record<string, string> | undefined): Queue {
    // A FifoQueue value that is not a boolean is refused as a value before the name is judged by it.
    const fifoValue = attributes?.FifoQueue?.toLowerCase();
    if (fifoValue !== undefined && fifoValue !== 'true' && fifoValue !== 'false') throw invalidAttributeValue('FifoQueue');
    const fifoRequested = fifoValue === 'true';
    const fifoName = name.endsWith('.fifo');
    if (fifoName || fifoRequested) {
      if (!FIFO_NAME.test(name) || !fifoRequested) {
        throw invalidParameterValue(
          'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
        );
      }
    } else if (!QUEUE_NAME.test(name)) {
      throw invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    }
    const attrs = normalizeAttributes(attributes, fifoName, true);
    if (attrs.FifoQueue === 'false') delete attrs.FifoQueue;
    this.checkRedrive(name, attrs);
    const now = clock.now();
    const existing = this.queues.get(name);
    if (existing) {
      // Same name and same attributes: CreateQueue is idempotent and returns the queue.
      for (const [k, v] of Object.entries(attrs)) {
        if (existing.attributes[k] !== v) throw queueNameExists(k);
      }
      return existing;
    }
    const queue = new Queue(name, this.account, this.region, attrs, this, now);
    for (const [k, v] of Object.entries(tags ?? {})) queue.tags.set(k, v);
    this.queues.set(name, queue);
    this.names.add(name);
    return queue;
  }

  /** A dead-letter target must exist here and be of the same type as the source. */
  checkRedrive(sourceName: string, attrs: Record<string, string>): void {
    const policy = parseRedrivePolicy(attrs.RedrivePolicy);
    if (!policy) return;
    const target = this.byArn(policy.deadLetterTargetArn);
    if (!target) throw invalidValue(attrs.RedrivePolicy, 'RedrivePolicy', 'Dead letter target does not exist.');
    if (target.fifo !== sourceName.endsWith('.fifo')) {
      throw invalidValue(attrs.RedrivePolicy, 'RedrivePolicy', 'Dead-letter queue must be same type of queue as the source.');
    }
  }

  getQueue(name: string): Queue {
    const q = this.queues.get(name);
    if (!q) throw queueDoesNotExist();
    return q;
  }

  findQueue(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  byArn(value: string): Queue | undefined {
    const parsed = parseArn(value);
    if (parsed?.service !== 'sqs' || parsed.account !== this.account || parsed.region !== this.region) {
      return undefined;
    }
    return this.queues.get(parsed.resource);
  }

  deleteQueue(name: string): void {
    const q = this.getQueue(name);
    q.close();
    this.queues.delete(name);
    this.names.delete(name);
  }

  /** Names with `prefix` after `after` (exclusive), at most `limit`. */
  listNames(prefix: string, after: string | undefined, limit: number): { names: string[]; more: boolean } {
    const resume = after !== undefined && after >= prefix;
    const names: string[] = [];
    for (const name of this.names.from(resume ? after : prefix, resume)) {
      if (!name.startsWith(prefix)) break;
      if (names.length === limit) return { names, more: true };
      names.push(name);
    }
    return { names, more: false };
  }

  /** Queues whose RedrivePolicy names `dlqArn`, in name order. */
  deadLetterSources(dlqArn: string): Queue[] {
    const out: Queue[] = [];
    for (const name of this.names) {
      const q = this.queues.get(name) as Queue;
      if (parseRedrivePolicy(q.attributes.RedrivePolicy)?.deadLetterTargetArn === dlqArn) out.push(q);
    }
    return out;
  }

  /**
   * Delivery from another service (SNS fan-out): the queue's own send path
   * and checks. Throws the AwsError SQS would answer, e.g. QueueDoesNotExist.
   */
  deliver(queueName: string, message: MessageFields, senderId: string): SendResult {
    const queue = this.getQueue(queueName);
    return queue.send(prepareMessage(queue, message, senderId), clock.now());
  }

  /** Called by the registry on reset: release parked long polls. */
  dispose(): void {
    for (const q of this.queues.values()) q.close();
  }
}
