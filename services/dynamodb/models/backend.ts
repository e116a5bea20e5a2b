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
import { invalidParameter, limitExceeded, validation, noSuchTable, resourceInUse, resourceNotFound, stringMember, tableNotFound } from '../exceptions';
import { SequenceCounter, TableStream } from './stream';
import { Table } from './table';
import { type TableSse, sseRefusal } from './sse';
import { checkBilling, resolveTableSchema } from './table-schema';
import { keySchemaOf } from './describe';
import { BackupStore } from './backups';
import { dropGlobalTables } from './replication';
import type { ExportRecord } from './exports';
import type { ImportRecord } from './imports';
import { RecordIndex } from './record-index';
import { type TimingSetting, type Timings, defaultTimings, timingsOf } from './lifecycle';

const MAX_TABLES = 2500;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})$/;

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
  private readonly deleting = new Set<Table>();
  /** How long CREATING / UPDATING / DELETING last (see lifecycle.ts). */
  timings: Timings = defaultTimings();

  constructor(readonly ctx: BackendContext) {}

  /** `(await m.backends.dynamodb()).setTimings('realistic')`: transitional states that last. */
  setTimings(setting: TimingSetting): void {
    this.timings = timingsOf(setting);
  }

  get region(): string {
    return this.ctx.region;
  }

  arnOf(name: string): string {
    return `arn:${partitionOf(this.ctx.region)}:dynamodb:${this.ctx.region}:${this.ctx.account}:table/${name}`;
  }

  /**
   * The name a TableName member refers to: the name itself, or the table in
   * a table ARN (accepted everywhere since resource-based policies). An ARN
   * of another account or region names no table here.
   */
  nameOf(ref: string): string | undefined {
    stringMember(ref);
    if (!ref.startsWith('arn:')) return ref;
    const m = TABLE_ARN.exec(ref);
    return m && m[1] === this.region && m[2] === this.ctx.account ? m[3] : undefined;
  }

  /** Drops tables whose DELETING window has passed (only DELETING tables are looked at: this runs on every lookup). */
  private sweep(): void {
    if (this.deleting.size === 0) return;
    const now = clock.now();
    for (const t of this.deleting) {
      if (now < (t.deletedAt ?? 0) + this.timings.deleteMs) continue;
      this.deleting.delete(t);
      if (this.tables.get(t.name) === t) this.tables.delete(t.name);
    }
  }

  /** A table by name or ARN, in any state (undefined when there is none). */
  find(ref: string): Table | undefined {
    this.sweep();
    const name = this.nameOf(ref);
    const t = name === undefined ? undefined : this.tables.get(name);
    t?.expire();
    return t;
  }

  /** The table for an item operation: unknown, CREATING or DELETING → "Requested resource not found". */
  table(ref: string): Table {
    const t = this.find(ref);
    if (!t?.readable) throw resourceNotFound();
    const refusal = sseRefusal(t.sse);
    if (refusal) throw refusal;
    return t;
  }

  /** The table for a control-plane operation (names the table in its error). */
  describeTarget(ref: string): Table {
    const t = this.find(ref);
    if (!t) throw tableNotFound(ref);
    return t;
  }

  tableByArnOrName(ref: string): Table {
    return this.describeTarget(ref);
  }

  /** The table for UpdateTable and friends: refused while it is not ACTIVE. */
  changeTarget(ref: string): Table {
    const t = this.describeTarget(ref);
    const status = t.status;
    if (status !== 'ACTIVE') {
      const state = status === 'CREATING' ? 'created' : status === 'UPDATING' ? 'updated' : 'deleted';
      throw resourceInUse(`Attempt to change a resource which is still in use: Table is being ${state}: ${t.name}`);
    }
    return t;
  }

  /** A table named by name or ARN for backups, PITR and exports (TableNotFoundException). */
  backupTarget(nameOrArn: string): Table {
    const t = this.find(nameOrArn);
    if (!t || t.deletedAt !== undefined) throw noSuchTable(nameOrArn);
    return t;
  }

  createTable(input: CreateTableInput, sse?: TableSse): Table {
    const schema = resolveTableSchema(input);
    checkBilling(input.BillingMode, input.ProvisionedThroughput);
    this.sweep();
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
    // The handler resolves SSESpecification with KMS first (resolveSse) and passes the result.
    table.sse = sse;
    table.tags = input.Tags ?? [];
    table.deletionProtection = input.DeletionProtectionEnabled ?? false;
    table.tableClass = input.TableClass ?? 'STANDARD';
    table.activeAt = clock.now() + this.timings.createMs;
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

  deleteTable(ref: string): Table {
    const found = this.describeTarget(ref);
    // A second DeleteTable during DELETING is answered without error; CREATING and UPDATING refuse it.
    if (found.deletedAt !== undefined) return found;
    const table = this.changeTarget(ref);
    if (table.deletionProtection) {
      throw validation('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
    }
    // Deleting a table with PITR on leaves a SYSTEM backup to restore it from.
    if (table.pitr.enabled) this.backups.create(table, `${table.name}$DeletedTableBackup`, 'SYSTEM');
    table.group?.leave(table.region);
    for (const arn of [...this.policies.keys()]) if (arn === table.arn || arn.startsWith(`${table.arn}/`)) this.policies.delete(arn);
    table.stream?.disable();
    this.retired.push(...table.oldStreams, ...(table.stream ? [table.stream] : []));
    table.deletedAt = clock.now();
    this.deleting.add(table);
    this.sweep();
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
    for (const table of this.tables.values()) if (table.deletedAt === undefined) all.push(...table.oldStreams, ...(table.stream ? [table.stream] : []));
    return all.filter((s) => s.status === 'ENABLED' || (s.disabledAt ?? 0) >= cutoff);
  }
}
