/**
 * A table's DynamoDB stream: one shard holding a record per item write,
 * shaped as GetRecords returns it. Records older than 24 hours are trimmed.
 * The dynamodbstreams service reads these through the dynamodb backend.
 */
import { clock } from '../../../src/core/clock';
import { persistLog } from '../../../src/core/persist-hints';
import type { Item } from '../values/attribute-value';
import { cloneItem, itemSize } from '../values/attribute-value';
import type { KeySchemaElement } from '../types';

export const RETENTION_MS = 24 * 3600 * 1000;

export interface StreamRecordEntry {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: Date;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  userIdentity?: { PrincipalId: string; Type: string };
  /** Creation time in ms, for trimming. */
  at: number;
}

/** Sequence numbers increase across every stream of a backend, as 21-digit strings. */
export class SequenceCounter {
  private next = 100000000000000000000n;
  take(): string {
    this.next += 1n;
    return this.next.toString();
  }
}

export class TableStream {
  /** Records are appended and trimmed at the front, never changed: a state directory saves them in chunks. */
  static readonly [persistLog] = ['records'];
  readonly label: string;
  readonly arn: string;
  readonly shardId: string;
  readonly createdAt: Date;
  status: 'ENABLED' | 'DISABLED' = 'ENABLED';
  disabledAt?: number;
  readonly records: StreamRecordEntry[] = [];
  /** Sequence number of the first record the shard ever held. */
  firstSequence?: string;
  lastSequence?: string;

  constructor(
    readonly tableArn: string,
    readonly tableName: string,
    readonly viewType: string,
    readonly keySchema: KeySchemaElement[],
    private readonly region: string,
    private readonly counter: SequenceCounter,
  ) {
    this.createdAt = clock.date();
    this.label = this.createdAt.toISOString().replace('Z', '');
    this.arn = `${tableArn}/stream/${this.label}`;
    this.shardId = `shardId-${String(this.createdAt.getTime()).padStart(20, '0')}-${Math.random().toString(16).slice(2, 10)}`;
  }

  append(eventName: StreamRecordEntry['eventName'], keys: Item, oldImage?: Item, newImage?: Item, byTtl = false): void {
    if (this.status !== 'ENABLED') return;
    const view = this.viewType;
    const withNew = view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES';
    const withOld = view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES';
    const seq = this.counter.take();
    this.firstSequence ??= seq;
    this.lastSequence = seq;
    const record: StreamRecordEntry['dynamodb'] = {
      ApproximateCreationDateTime: new Date(Math.floor(clock.now() / 1000) * 1000),
      Keys: cloneItem(keys),
      SequenceNumber: seq,
      SizeBytes: 0,
      StreamViewType: view,
    };
    if (withNew && newImage) record.NewImage = cloneItem(newImage);
    if (withOld && oldImage) record.OldImage = cloneItem(oldImage);
    record.SizeBytes = itemSize(keys) + (record.NewImage ? itemSize(record.NewImage) : 0) + (record.OldImage ? itemSize(record.OldImage) : 0);
    this.records.push({
      eventID: `${seq.slice(-12)}${Math.random().toString(16).slice(2, 22)}`.padEnd(32, '0'),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.region,
      dynamodb: record,
      userIdentity: byTtl ? { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' } : undefined,
      at: clock.now(),
    });
  }

  /** Drops records past the 24-hour retention. */
  trim(): void {
    const cutoff = clock.now() - RETENTION_MS;
    let n = 0;
    while (n < this.records.length && this.records[n].at < cutoff) n += 1;
    if (n) this.records.splice(0, n);
  }

  disable(): void {
    this.status = 'DISABLED';
    this.disabledAt = clock.now();
  }
}
