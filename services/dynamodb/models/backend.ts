/**
 * The DynamoDB backend: the tables of one account and region, the sequence
 * counter their streams share, TransactWriteItems idempotency tokens, and
 * the region's backups, exports and imports. Item operations live in the
 * handlers and `Table`; this class owns the table lifecycle.
 */
import { clock } from '../../../src/core/clock';
import type { BackendContext } from '../../../src/core/service';
import { partitionOf } from '../../../src/core/ids';
import type { CreateTableInput } from '../types';
import { invalidParameter, limitExceeded, noSuchTable, resourceInUse, resourceNotFound, tableNotFound } from '../exceptions';
import { SequenceCounter, TableStream } from './stream';
import { Table } from './table';
import { checkBilling, resolveTableSchema } from './table-schema';
import { keySchemaOf } from './describe';
import { BackupStore } from './backups';
import { dropGlobalTables } from './replication';
import type { ExportRecord } from './exports';
import type { ImportRecord } from './imports';
import { RecordIndex } from './record-index';

const MAX_TABLES = 2500;

export class DynamoDbBackend {
  readonly tables = new Map<string, Table>();
  readonly counter = new SequenceCounter();
  /** ClientRequestToken → fingerprint of the request and when it was first seen. */
  readonly tokens = new Map<string, { fingerprint: string; at: number }>();
  /** Streams of deleted tables: readable for 24 hours after the table goes. */
  private readonly retired: TableStream[] = [];
  readonly backups = new BackupStore();
  /** By ARN, in the order they were started (all and per table, for ListExports / ListImports). */
  readonly exports = new RecordIndex<ExportRecord>();
  readonly imports = new RecordIndex<ImportRecord>();
  /** Resource policies by table or stream ARN. */
  readonly policies = new Map<string, { document: string; revision: string }>();

  constructor(readonly ctx: BackendContext) {}

  get region(): string {
    return this.ctx.region;
  }

  arnOf(name: string): string {
    return `arn:${partitionOf(this.ctx.region)}:dynamodb:${this.ctx.region}:${this.ctx.account}:table/${name}`;
  }

  /** The table for an item operation (unknown → "Requested resource not found"). */
  table(name: string): Table {
    const t = this.tables.get(name);
    if (!t) throw resourceNotFound();
    t.expire();
    return t;
  }

  /** The table for a control-plane operation (names the table in its error). */
  describeTarget(name: string): Table {
    const t = this.tables.get(name);
    if (!t) throw tableNotFound(name);
    t.expire();
    return t;
  }

  tableByArnOrName(nameOrArn: string): Table {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.split(':table/')[1]?.split('/')[0] ?? '' : nameOrArn;
    return this.describeTarget(name);
  }

  /** A table named by name or ARN for backups, PITR and exports (TableNotFoundException). */
  backupTarget(nameOrArn: string): Table {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':table/')[1]?.split('/')[0] ?? '') : nameOrArn;
    const t = this.tables.get(name);
    if (!t || (nameOrArn.startsWith('arn:') && t.arn !== nameOrArn)) throw noSuchTable(nameOrArn);
    t.expire();
    return t;
  }

  createTable(input: CreateTableInput): Table {
    const schema = resolveTableSchema(input);
    checkBilling(input.BillingMode, input.ProvisionedThroughput);
    if (this.tables.has(input.TableName)) throw resourceInUse(`Table already exists: ${input.TableName}`);
    if (this.tables.size >= MAX_TABLES) {
      throw limitExceeded(`Subscriber limit exceeded: Only ${MAX_TABLES} tables can be created for this account`);
    }
    const table = new Table(
      input.TableName,
      this.arnOf(input.TableName),
      schema.key,
      schema.attributeDefinitions,
      input.BillingMode,
      this.counter,
    );
    if (input.ProvisionedThroughput) table.throughput = input.ProvisionedThroughput;
    for (const index of schema.indexes) table.addIndex(index);
    if (input.StreamSpecification?.StreamEnabled) this.enableStream(table, input.StreamSpecification.StreamViewType);
    if (input.SSESpecification?.Enabled) {
      table.sse = {
        enabled: true,
        type: input.SSESpecification.SSEType ?? 'KMS',
        kmsKey:
          input.SSESpecification.KMSMasterKeyId ??
          `arn:${partitionOf(this.region)}:kms:${this.region}:${this.ctx.account}:key/${crypto.randomUUID()}`,
      };
    }
    table.tags = input.Tags ?? [];
    table.deletionProtection = input.DeletionProtectionEnabled ?? false;
    table.tableClass = input.TableClass ?? 'STANDARD';
    this.tables.set(table.name, table);
    return table;
  }

  enableStream(table: Table, viewType: string | undefined): void {
    if (!viewType) throw invalidParameter('You must specify a StreamViewType when enabling a stream');
    if (table.stream?.status === 'ENABLED') {
      throw resourceInUse(`Table ${table.name} already has an enabled stream: ${table.stream.arn}`);
    }
    if (table.stream) table.oldStreams.push(table.stream);
    table.stream = new TableStream(table.arn, table.name, viewType, keySchemaOf(table.key), this.region, this.counter);
  }

  deleteTable(name: string): Table {
    const table = this.describeTarget(name);
    if (table.deletionProtection) {
      throw invalidParameter(`Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`);
    }
    // Deleting a table with PITR on leaves a SYSTEM backup to restore it from.
    if (table.pitr.enabled) this.backups.create(table, `${table.name}$DeletedTableBackup`, 'SYSTEM');
    table.group?.leave(table.region);
    for (const arn of [...this.policies.keys()]) if (arn === table.arn || arn.startsWith(`${table.arn}/`)) this.policies.delete(arn);
    table.stream?.disable();
    this.retired.push(...table.oldStreams, ...(table.stream ? [table.stream] : []));
    this.tables.delete(name);
    return table;
  }

  /** Called by the registry on reset: global tables span regions, so they live outside this backend. */
  dispose(): void {
    dropGlobalTables(this.ctx.backends, this.ctx.account);
  }

  /** Every stream (enabled or disabled within retention) of this backend, oldest first. */
  streams(): TableStream[] {
    const cutoff = clock.now() - 24 * 3600 * 1000;
    const all = [...this.retired];
    for (const table of this.tables.values()) all.push(...table.oldStreams, ...(table.stream ? [table.stream] : []));
    return all.filter((s) => s.status === 'ENABLED' || (s.disabledAt ?? 0) >= cutoff);
  }
}
