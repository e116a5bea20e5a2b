/** The DynamoDB handler table: one entry per implemented operation. */
import type { HandlerTable } from '../../../src/core/service';
import type { DynamoDbBackend } from '../models/backend';
import type { DynamodbOperations } from '../types';
import { batchGetItem, batchWriteItem } from './batch';
import { deleteItem, getItem, putItem, updateItem } from './items';
import { batchExecuteStatement, executeStatement, executeTransaction } from './partiql';
import { query, scan } from './read';
import {
  describeContinuousBackups,
  describeEndpoints,
  describeLimits,
  describeTimeToLive,
  listTagsOfResource,
  tagResource,
  untagResource,
  updateContinuousBackups,
  updateTimeToLive,
} from './table-settings';
import { createTable, deleteTable, describeTableHandler, listTables, updateTable } from './tables';
import { transactGetItems, transactWriteItems } from './transactions';
import {
  createBackup,
  deleteBackup,
  describeBackup,
  listBackups,
  restoreTableFromBackup,
  restoreTableToPointInTime,
} from './backups';
import { describeExport, exportTableToPointInTime, listExports } from './exports';
import { describeImport, importTable, listImports } from './imports';
import {
  createGlobalTable,
  describeGlobalTable,
  describeGlobalTableSettings,
  listGlobalTables,
  updateGlobalTable,
  updateGlobalTableSettings,
} from './global-tables';
import { describeTableReplicaAutoScaling, updateTableReplicaAutoScaling } from './replicas';
import {
  describeContributorInsights,
  describeKinesisStreamingDestination,
  disableKinesisStreamingDestination,
  enableKinesisStreamingDestination,
  listContributorInsights,
  updateContributorInsights,
  updateKinesisStreamingDestination,
} from './insights-kinesis';
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy } from './resource-policies';

export const handlers: HandlerTable<DynamodbOperations, DynamoDbBackend> = {
  CreateTable: createTable,
  DescribeTable: describeTableHandler,
  ListTables: listTables,
  UpdateTable: updateTable,
  DeleteTable: deleteTable,
  PutItem: putItem,
  GetItem: getItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchWriteItem: batchWriteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
  ExecuteStatement: executeStatement,
  BatchExecuteStatement: batchExecuteStatement,
  ExecuteTransaction: executeTransaction,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsOfResource: listTagsOfResource,
  DescribeLimits: describeLimits,
  DescribeEndpoints: describeEndpoints,
  DescribeContinuousBackups: describeContinuousBackups,
  UpdateContinuousBackups: updateContinuousBackups,
  CreateBackup: createBackup,
  DescribeBackup: describeBackup,
  ListBackups: listBackups,
  DeleteBackup: deleteBackup,
  RestoreTableFromBackup: restoreTableFromBackup,
  RestoreTableToPointInTime: restoreTableToPointInTime,
  ExportTableToPointInTime: exportTableToPointInTime,
  DescribeExport: describeExport,
  ListExports: listExports,
  ImportTable: importTable,
  DescribeImport: describeImport,
  ListImports: listImports,
  CreateGlobalTable: createGlobalTable,
  DescribeGlobalTable: describeGlobalTable,
  ListGlobalTables: listGlobalTables,
  UpdateGlobalTable: updateGlobalTable,
  DescribeGlobalTableSettings: describeGlobalTableSettings,
  UpdateGlobalTableSettings: updateGlobalTableSettings,
  DescribeTableReplicaAutoScaling: describeTableReplicaAutoScaling,
  UpdateTableReplicaAutoScaling: updateTableReplicaAutoScaling,
  DescribeContributorInsights: describeContributorInsights,
  UpdateContributorInsights: updateContributorInsights,
  ListContributorInsights: listContributorInsights,
  EnableKinesisStreamingDestination: enableKinesisStreamingDestination,
  DisableKinesisStreamingDestination: disableKinesisStreamingDestination,
  DescribeKinesisStreamingDestination: describeKinesisStreamingDestination,
  UpdateKinesisStreamingDestination: updateKinesisStreamingDestination,
  PutResourcePolicy: putResourcePolicy,
  GetResourcePolicy: getResourcePolicy,
  DeleteResourcePolicy: deleteResourcePolicy,
};
