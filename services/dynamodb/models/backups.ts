/**
 * On-demand backups of one region: each holds the table's definition and
 * its items at creation time, outlives the table, and is listed in creation
 * order. SYSTEM backups (made when a table with PITR on is deleted) expire
 * after 35 days.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { persistFrozen, rebuildDerived } from '../../../src/core/persist-hints';
import type { Item } from '../values/attribute-value';
import type { BackupDescription, BackupDetails, BackupSummary } from '../types';
import { keySchemaOf } from './describe';
import { type TableDefinition, definitionOf, itemsOf } from './snapshot';
import type { Table } from './table';

const SYSTEM_RETENTION_MS = 35 * 24 * 3600 * 1000;

export class Backup {
  /**
   * Its items never change once made, and are the table's own item objects (items are never written
   * into: snapshot.ts): a state directory saves them once, by value, apart from the table's.
   */
  static readonly [persistFrozen] = ['items'];
  expiresAt?: Date;
  status: 'CREATING' | 'AVAILABLE' | 'DELETED' = 'AVAILABLE';

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly type: 'USER' | 'SYSTEM',
    readonly createdAt: Date,
    readonly def: TableDefinition,
    readonly items: Item[],
  ) {
    this.expiresAt = type === 'SYSTEM' ? new Date(createdAt.getTime() + SYSTEM_RETENTION_MS) : undefined;
  }
}

export function backupNotFound(arn: string): AwsError {
  return new AwsError('BackupNotFoundException', `Backup not found: ${arn}`, { status: 400 });
}

/** `<14-digit ms>-<8 hex>`: the id form AWS uses for backups, exports and imports. */
export function timedId(): string {
  return `${String(clock.now()).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
}

export class BackupStore {
  /** Insertion (= creation) order. */
  private readonly byArn = new Map<string, Backup>();

  /** A state directory of format 3 or older saved backups as plain objects: made Backups, to be saved once from now on. */
  [rebuildDerived](): void {
    for (const b of this.byArn.values()) if (!(b instanceof Backup)) Object.setPrototypeOf(b, Backup.prototype);
  }

  create(table: Table, name: string, type: Backup['type'] = 'USER'): Backup {
    const backup = new Backup(`${table.arn}/backup/${timedId()}`, name, type, clock.date(), definitionOf(table), itemsOf(table));
    this.byArn.set(backup.arn, backup);
    return backup;
  }

  get(arn: string): Backup {
    this.expire();
    const backup = this.byArn.get(arn);
    if (!backup) throw backupNotFound(arn);
    return backup;
  }

  delete(arn: string): Backup {
    const backup = this.get(arn);
    this.byArn.delete(arn);
    backup.status = 'DELETED';
    return backup;
  }

  /** Backups in creation order, starting after `afterArn` when given. */
  *list(afterArn?: string): Generator<Backup> {
    this.expire();
    let started = afterArn === undefined;
    for (const b of this.byArn.values()) {
      if (started) yield b;
      else if (b.arn === afterArn) started = true;
    }
  }

  private expire(): void {
    const now = clock.now();
    for (const [arn, b] of this.byArn) if (b.expiresAt && b.expiresAt.getTime() <= now) this.byArn.delete(arn);
  }
}

export function backupDetails(b: Backup, status: Backup['status'] = b.status): BackupDetails {
  return {
    BackupArn: b.arn,
    BackupName: b.name,
    BackupSizeBytes: b.def.bytes,
    BackupStatus: status,
    BackupType: b.type,
    BackupCreationDateTime: b.createdAt,
    BackupExpiryDateTime: b.expiresAt,
  };
}

export function backupSummary(b: Backup): BackupSummary {
  return {
    TableName: b.def.name,
    TableId: b.def.id,
    TableArn: b.def.arn,
    BackupArn: b.arn,
    BackupName: b.name,
    BackupCreationDateTime: b.createdAt,
    BackupExpiryDateTime: b.expiresAt,
    BackupStatus: b.status,
    BackupType: b.type,
    BackupSizeBytes: b.def.bytes,
  };
}

export function backupDescription(b: Backup, status: Backup['status'] = b.status): BackupDescription {
  const d = b.def;
  const provisioned = d.billingMode === 'PROVISIONED';
  const gsis = d.indexes.filter((i) => i.kind === 'GSI');
  const lsis = d.indexes.filter((i) => i.kind === 'LSI');
  return {
    BackupDetails: backupDetails(b, status),
    SourceTableDetails: {
      TableName: d.name,
      TableId: d.id,
      TableArn: d.arn,
      TableSizeBytes: d.bytes,
      KeySchema: keySchemaOf(d.key),
      TableCreationDateTime: d.createdAt,
      ProvisionedThroughput: {
        ReadCapacityUnits: provisioned ? d.throughput.ReadCapacityUnits : 0,
        WriteCapacityUnits: provisioned ? d.throughput.WriteCapacityUnits : 0,
      },
      ItemCount: d.itemCount,
      BillingMode: d.billingMode,
    },
    SourceTableFeatureDetails: {
      LocalSecondaryIndexes: lsis.length
        ? lsis.map((i) => ({ IndexName: i.name, KeySchema: keySchemaOf(i.key), Projection: i.projection }))
        : undefined,
      GlobalSecondaryIndexes: gsis.length
        ? gsis.map((i) => ({
            IndexName: i.name,
            KeySchema: keySchemaOf(i.key),
            Projection: i.projection,
            ProvisionedThroughput: provisioned ? i.throughput : undefined,
          }))
        : undefined,
      StreamDescription: d.stream ? { StreamEnabled: d.stream.enabled, StreamViewType: d.stream.viewType } : undefined,
      TimeToLiveDescription: d.ttl?.enabled ? { AttributeName: d.ttl.attribute, TimeToLiveStatus: 'ENABLED' } : undefined,
      SSEDescription: d.sse?.enabled ? { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: d.sse.kmsKey } : undefined,
    },
  };
}
