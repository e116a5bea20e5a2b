/**
 * Kinesis Data Streams for DynamoDB: every item change of a table with an
 * ACTIVE streaming destination goes to that Kinesis stream as one record, in
 * AWS's JSON format (`recordFormat: 'application/json'`, both images whatever
 * the table's own stream view, ApproximateCreationDateTime in milliseconds or
 * microseconds per the destination's precision), through the kinesis
 * backend's `putRecord`, as a task on the core event loop. The record's
 * partition key is derived from the item's key, so one item's changes stay in
 * order on one shard.
 */
import { createHash, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { isAwsError } from '../../../src/core/errors';
import { eventLoop } from '../../../src/core/events';
import { parseArn } from '../../../src/core/ids';
import type { BackendAccess } from '../../../src/core/service';
import { itemToJson } from '../formats/dynamodb-json';
import { type Item, itemSize } from '../values/attribute-value';
import type { KinesisDestination } from './features';

interface KinesisWriter {
  putRecord(streamNameOrArn: string, data: Uint8Array, partitionKey: string): unknown;
}

export interface ItemChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  keys: Item;
  old?: Item;
  next?: Item;
  /** A TTL deletion: AWS names the DynamoDB service as the user. */
  byTtl: boolean;
}

/** What a table's writes call for its ACTIVE destinations (set on the table by EnableKinesisStreamingDestination). */
export type KinesisSink = (change: ItemChange, destinations: Iterable<KinesisDestination>) => void;

export function kinesisSink(backends: BackendAccess, tableName: string, region: string): KinesisSink {
  return (change, destinations) => {
    const now = clock.now();
    for (const d of destinations) {
      if (d.status !== 'ACTIVE') continue;
      const record = recordOf(change, tableName, region, d.precision === 'MICROSECOND' ? now * 1000 : now);
      eventLoop(backends).schedule(() => put(backends, d, record, change.keys), { label: `dynamodb ${tableName} to ${d.streamArn}` });
    }
  };
}

function recordOf(change: ItemChange, tableName: string, region: string, created: number) {
  const dynamodb: Record<string, unknown> = { ApproximateCreationDateTime: created, Keys: itemToJson(change.keys) };
  if (change.next) dynamodb.NewImage = itemToJson(change.next);
  if (change.old) dynamodb.OldImage = itemToJson(change.old);
  dynamodb.SizeBytes = itemSize(change.keys) + (change.next ? itemSize(change.next) : 0) + (change.old ? itemSize(change.old) : 0);
  return {
    awsRegion: region,
    eventID: randomUUID(),
    eventName: change.eventName,
    userIdentity: change.byTtl ? { type: 'Service', principalId: 'dynamodb.amazonaws.com' } : null,
    recordFormat: 'application/json',
    tableName,
    dynamodb,
    eventSource: 'aws:dynamodb',
  };
}

async function put(backends: BackendAccess, d: KinesisDestination, record: object, keys: Item): Promise<void> {
  const arn = parseArn(d.streamArn);
  if (!arn) return;
  try {
    const kinesis = await backends.get<Partial<KinesisWriter>>('kinesis', arn.account, arn.region);
    if (typeof kinesis.putRecord !== 'function') return;
    const partitionKey = createHash('md5').update(JSON.stringify(itemToJson(keys))).digest('hex').toUpperCase();
    kinesis.putRecord(d.streamArn, Buffer.from(JSON.stringify(record)), partitionKey);
    d.lastError = undefined;
  } catch (err) {
    // A stream that is gone or throttling: the record is lost, as when AWS's destination fails.
    d.lastError = isAwsError(err) ? err.code : String(err);
  }
}
