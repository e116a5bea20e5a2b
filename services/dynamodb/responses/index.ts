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
};
