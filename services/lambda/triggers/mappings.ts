/**
 * Event source mappings: their configuration, their State on the clock
 * (Creating → Enabled or Disabled, Updating/Enabling/Disabling, Deleting),
 * and a poller per mapping that runs on the global setTimeout (fake timers
 * drive it) while the mapping is Enabled. SQS queues, DynamoDB streams and
 * Kinesis streams deliver; the other sources are stored but never polled.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { LambdaBackend } from '../models/backend';
import { pollDynamoDb } from './dynamodb-source';
import { parseFilters } from './filter';
import { type KinesisCursor, pollKinesis } from './kinesis-source';
import { pollSqs } from './sqs-source';

export type SourceKind = 'sqs' | 'dynamodb' | 'kinesis' | 'other';

export interface Mapping {
  uuid: string;
  kind: SourceKind;
  eventSourceArn?: string;
  /** The function ARN as given (qualified when it named a version or alias). */
  functionArn: string;
  batchSize: number;
  batchingWindowS: number;
  startingPosition?: string;
  startingPositionTimestamp?: Date;
  enabled: boolean;
  state: string;
  /** The state reached once `settleAt` passes. */
  settlesTo: string;
  settleAt: number;
  lastModified: number;
  lastProcessingResult: string;
  functionResponseTypes: string[];
  maxConcurrency?: number;
  filterCriteria?: { Filters?: Array<{ Pattern?: string }> };
  filters: Array<Record<string, unknown>>;
  onFailure?: string;
  maxRetryAttempts: number;
  bisect: boolean;
  maxRecordAgeS: number;
  parallelizationFactor: number;
  tumblingWindowS?: number;
  /** Everything else the caller set, returned as given (Kafka, MQ, DocumentDB settings). */
  extra: Record<string, unknown>;
  // Poller state
  timer?: ReturnType<typeof setTimeout>;
  inFlight: number;
  windowStart?: number;
  /** Streams: the next sequence number to deliver, and the retries of the current batch. */
  position?: string;
  retries: number;
  /** Streams, bisecting: the size the current batch is cut to. */
  bisectSize?: number;
  /** Kinesis: where the mapping is in each shard. */
  kinesis?: KinesisCursor;
}

export class EventSourceMappings {
  readonly all = new Map<string, Mapping>();
  /** Poll interval in ms of the core clock. */
  pollIntervalMs = 20;
  private disposed = false;

  constructor(readonly backend: LambdaBackend) {}

  add(m: Omit<Mapping, 'uuid' | 'state' | 'settlesTo' | 'settleAt' | 'lastModified' | 'lastProcessingResult' | 'inFlight' | 'retries' | 'filters'>): Mapping {
    const now = clock.now();
    const mapping: Mapping = {
      ...m,
      uuid: randomUUID(),
      state: 'Creating',
      settlesTo: m.enabled ? 'Enabled' : 'Disabled',
      settleAt: now + this.backend.stateTransitionMs,
      lastModified: now,
      lastProcessingResult: 'No records processed',
      inFlight: 0,
      retries: 0,
      filters: parseFilters(m.filterCriteria),
    };
    this.all.set(mapping.uuid, mapping);
    this.arm(mapping);
    return mapping;
  }

  stateOf(m: Mapping): string {
    if (m.state !== m.settlesTo && clock.now() >= m.settleAt) {
      m.state = m.settlesTo;
      if (m.state === 'Deleted') this.all.delete(m.uuid);
    }
    return m.state;
  }

  /** Moves to `transient` now and to `final` after the transition time. */
  transition(m: Mapping, transient: string, final: string): void {
    m.state = transient;
    m.settlesTo = final;
    m.settleAt = clock.now() + this.backend.stateTransitionMs;
    m.lastModified = clock.now();
  }

  remove(m: Mapping): void {
    this.transition(m, 'Deleting', 'Deleted');
    if (m.timer) clearTimeout(m.timer);
    m.timer = undefined;
  }

  /** The function went away: its mappings go too. */
  forgetFunction(functionArn: string): void {
    for (const m of this.all.values()) if (m.functionArn === functionArn || m.functionArn.startsWith(`${functionArn}:`)) this.remove(m);
  }

  /** Schedules the next poll of a delivering source. */
  arm(m: Mapping, delay = this.pollIntervalMs): void {
    if (this.disposed || m.kind === 'other' || m.timer) return;
    m.timer = setTimeout(() => {
      m.timer = undefined;
      void this.tick(m);
    }, delay);
  }

  private async tick(m: Mapping): Promise<void> {
    if (this.disposed || !this.all.has(m.uuid)) return;
    const state = this.stateOf(m);
    if (state === 'Deleting' || state === 'Deleted') return;
    try {
      if (state === 'Enabled') {
        if (m.kind === 'sqs') await pollSqs(this, m);
        else if (m.kind === 'kinesis') await pollKinesis(this, m);
        else await pollDynamoDb(this, m);
      }
    } finally {
      this.arm(m);
    }
  }

  /** After a snapshot restore: the copied mappings' pollers belonged to the state replaced. */
  restored(): void {
    for (const m of this.all.values()) {
      m.timer = undefined;
      this.arm(m);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const m of this.all.values()) if (m.timer) clearTimeout(m.timer);
  }
}
