/**
 * On-demand backups and restores: CreateBackup, DescribeBackup, ListBackups,
 * DeleteBackup, RestoreTableFromBackup and RestoreTableToPointInTime. A new
 * backup answers CREATING and a restored table CREATING with its restore in
 * progress; both are complete on the next describe.
 */
import { resolveSse } from '../models/sse';
import type {
  CreateBackupInput,
  CreateBackupOutput,
  DeleteBackupInput,
  DeleteBackupOutput,
  DescribeBackupInput,
  DescribeBackupOutput,
  ListBackupsInput,
  ListBackupsOutput,
  RestoreTableFromBackupInput,
  RestoreTableFromBackupOutput,
  RestoreTableToPointInTimeInput,
  RestoreTableToPointInTimeOutput,
  TableDescription,
} from '../types';
import { awsError, constraintFailure, noSuchTable, validation } from '../exceptions';
import { backupDescription, backupDetails, backupSummary } from '../models/backups';
import { describeTable } from '../models/describe';
import { definitionOf, restoreTable } from '../models/snapshot';
import type { Table } from '../models/table';
import { checkTableName } from '../models/table-schema';
import { type Ctx, checkEnum } from './common';


export function checkLength(value: string | undefined, member: string, min: number, max: number): void {
  if (value === undefined) return;
  if (value.length < min) throw constraintFailure(value, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw constraintFailure(value, member, `Member must have length less than or equal to ${max}`);
}

function checkBackupArn(arn: string): void {
  checkLength(arn, 'backupArn', 37, 1024);
}

export function createBackup(input: CreateBackupInput, ctx: Ctx): CreateBackupOutput {
  checkLength(input.TableName, 'tableName', 1, 1024);
  checkTableName(input.BackupName, 'backupName', 3);
  const table = ctx.backend.backupTarget(input.TableName);
  const backup = ctx.backend.backups.create(table, input.BackupName);
  return { BackupDetails: backupDetails(backup, 'CREATING') };
}

export function describeBackup(input: DescribeBackupInput, ctx: Ctx): DescribeBackupOutput {
  checkBackupArn(input.BackupArn);
  return { BackupDescription: backupDescription(ctx.backend.backups.get(input.BackupArn)) };
}

export function deleteBackup(input: DeleteBackupInput, ctx: Ctx): DeleteBackupOutput {
  checkBackupArn(input.BackupArn);
  return { BackupDescription: backupDescription(ctx.backend.backups.delete(input.BackupArn)) };
}

export function listBackups(input: ListBackupsInput, ctx: Ctx): ListBackupsOutput {
  const limit = input.Limit ?? 100;
  if (limit < 1) throw constraintFailure(limit, 'limit', 'Member must have value greater than or equal to 1');
  if (limit > 100) throw constraintFailure(limit, 'limit', 'Member must have value less than or equal to 100');
  checkEnum(input.BackupType, ['USER', 'SYSTEM', 'AWS_BACKUP', 'ALL'], 'backupType');
  const type = input.BackupType ?? 'USER';
  const lower = input.TimeRangeLowerBound?.getTime();
  const upper = input.TimeRangeUpperBound?.getTime();
  if (lower !== undefined && upper !== undefined && lower > upper) {
    throw validation('TimeRangeUpperBound must be greater than or equal to TimeRangeLowerBound');
  }
  const name = input.TableName;
  const out: ListBackupsOutput['BackupSummaries'] = [];
  let more = false;
  for (const b of ctx.backend.backups.list(input.ExclusiveStartBackupArn)) {
    if (type !== 'ALL' && b.type !== type) continue;
    if (name !== undefined && b.def.name !== name && b.def.arn !== name) continue;
    const at = b.createdAt.getTime();
    // The lower bound is inclusive, the upper exclusive.
    if ((lower !== undefined && at < lower) || (upper !== undefined && at >= upper)) continue;
    if (out.length === limit) {
      more = true;
      break;
    }
    out.push(backupSummary(b));
  }
  return { BackupSummaries: out, LastEvaluatedBackupArn: more ? out[out.length - 1].BackupArn : undefined };
}

/** A freshly restored table as the restore call answers it: CREATING, restore in progress. */
function restoringDescription(table: Table): TableDescription {
  const d = describeTable(table, 'CREATING');
  if (d.RestoreSummary) d.RestoreSummary = { ...d.RestoreSummary, RestoreInProgress: true };
  return d;
}

export async function restoreTableFromBackup(input: RestoreTableFromBackupInput, ctx: Ctx): Promise<RestoreTableFromBackupOutput> {
  checkTableName(input.TargetTableName, 'targetTableName');
  checkBackupArn(input.BackupArn);
  const backup = ctx.backend.backups.get(input.BackupArn);
  const sse = await resolveSse(input.SSESpecificationOverride, ctx.backends, ctx.account, ctx.region);
  const table = restoreTable(ctx.backend, input.TargetTableName, backup.def, backup.items, input, {
    SourceBackupArn: backup.arn,
    SourceTableArn: backup.def.arn,
    RestoreDateTime: backup.createdAt,
  }, sse);
  return { TableDescription: restoringDescription(table) };
}

export async function restoreTableToPointInTime(input: RestoreTableToPointInTimeInput, ctx: Ctx): Promise<RestoreTableToPointInTimeOutput> {
  checkTableName(input.TargetTableName, 'targetTableName');
  const sourceName = input.SourceTableArn ?? input.SourceTableName;
  if (sourceName === undefined) throw validation('Either SourceTableArn or SourceTableName must be specified');
  if (input.SourceTableArn !== undefined && input.SourceTableName !== undefined) {
    throw validation('Only one of SourceTableArn or SourceTableName can be specified');
  }
  if (input.UseLatestRestorableTime && input.RestoreDateTime) {
    throw validation('Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be specified, but not both');
  }
  if (!input.UseLatestRestorableTime && !input.RestoreDateTime) {
    throw validation('Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be specified, but not both');
  }
  const source = ctx.backend.tables.get(sourceName.startsWith('arn:') ? (sourceName.split(':table/')[1] ?? '') : sourceName);
  if (!source || (input.SourceTableArn !== undefined && source.arn !== input.SourceTableArn)) throw noSuchTable(sourceName);
  source.expire();
  if (!source.pitr.enabled) {
    throw awsError('PointInTimeRecoveryUnavailableException', `Point in time recovery is not enabled for table '${source.name}'`);
  }
  const time = input.RestoreDateTime ? input.RestoreDateTime.getTime() : source.pitr.latest();
  const earliest = source.pitr.earliest();
  const latest = source.pitr.latest();
  if (time < earliest || time > latest) {
    throw awsError(
      'InvalidRestoreTimeException',
      `Restore time ${new Date(time).toISOString()} is outside the restorable window: EarliestRestorableDateTime ${new Date(earliest).toISOString()}, LatestRestorableDateTime ${new Date(latest).toISOString()}`,
    );
  }
  const sse = await resolveSse(input.SSESpecificationOverride, ctx.backends, ctx.account, ctx.region);
  const items = source.pitr.itemsAt(source.store.scan(), time);
  const table = restoreTable(ctx.backend, input.TargetTableName, definitionOf(source), items, input, {
    SourceTableArn: source.arn,
    RestoreDateTime: new Date(time),
  }, sse);
  return { TableDescription: restoringDescription(table) };
}
