/** The CloudWatch Logs handler table, keyed by the model's operation names. */
import type { HandlerTable } from '../../../src/core/service';
import type { LogsBackend } from '../models/backend';
import type { LogsOperations } from '../types';
import * as account from './account';
import * as anomalies from './anomalies';
import { filterLogEvents, getLogEvents, putLogEvents } from './events';
import * as filters from './filters';
import * as groups from './groups';
import * as policies from './policies';
import * as queries from './queries';
import { createLogStream, deleteLogStream, describeLogStreams } from './streams';

export const handlers: HandlerTable<LogsOperations, LogsBackend> = {
  AssociateKmsKey: groups.associateKmsKey,
  CancelExportTask: account.cancelExportTask,
  CreateExportTask: account.createExportTask,
  CreateLogAnomalyDetector: anomalies.createLogAnomalyDetector,
  CreateLogGroup: groups.createLogGroup,
  CreateLogStream: createLogStream,
  DeleteAccountPolicy: policies.deleteAccountPolicy,
  DeleteDataProtectionPolicy: groups.deleteDataProtectionPolicy,
  DeleteDestination: account.deleteDestination,
  DeleteLogAnomalyDetector: anomalies.deleteLogAnomalyDetector,
  DeleteLogGroup: groups.deleteLogGroup,
  DeleteLogStream: deleteLogStream,
  DeleteMetricFilter: filters.deleteMetricFilter,
  DeleteQueryDefinition: queries.deleteQueryDefinition,
  DeleteResourcePolicy: account.deleteResourcePolicy,
  DeleteRetentionPolicy: groups.deleteRetentionPolicy,
  DeleteSubscriptionFilter: filters.deleteSubscriptionFilter,
  DescribeAccountPolicies: policies.describeAccountPolicies,
  DescribeDestinations: account.describeDestinations,
  DescribeExportTasks: account.describeExportTasks,
  DescribeLogGroups: groups.describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  DescribeMetricFilters: filters.describeMetricFilters,
  DescribeQueries: queries.describeQueries,
  DescribeQueryDefinitions: queries.describeQueryDefinitions,
  DescribeResourcePolicies: account.describeResourcePolicies,
  DescribeSubscriptionFilters: filters.describeSubscriptionFilters,
  DisassociateKmsKey: groups.disassociateKmsKey,
  FilterLogEvents: filterLogEvents,
  GetDataProtectionPolicy: groups.getDataProtectionPolicy,
  GetLogAnomalyDetector: anomalies.getLogAnomalyDetector,
  GetLogEvents: getLogEvents,
  GetLogGroupFields: queries.getLogGroupFields,
  GetQueryResults: queries.getQueryResults,
  ListLogAnomalyDetectors: anomalies.listLogAnomalyDetectors,
  ListLogGroups: groups.listLogGroups,
  ListTagsForResource: groups.listTagsForResource,
  ListTagsLogGroup: groups.listTagsLogGroup,
  PutAccountPolicy: policies.putAccountPolicy,
  PutDataProtectionPolicy: groups.putDataProtectionPolicy,
  PutDestination: account.putDestination,
  PutDestinationPolicy: account.putDestinationPolicy,
  PutLogEvents: putLogEvents,
  PutLogGroupDeletionProtection: groups.putLogGroupDeletionProtection,
  PutMetricFilter: filters.putMetricFilter,
  PutQueryDefinition: queries.putQueryDefinition,
  PutResourcePolicy: account.putResourcePolicy,
  PutRetentionPolicy: groups.putRetentionPolicy,
  PutSubscriptionFilter: filters.putSubscriptionFilter,
  StartQuery: queries.startQuery,
  StopQuery: queries.stopQuery,
  TagLogGroup: groups.tagLogGroup,
  TagResource: groups.tagResource,
  TestMetricFilter: filters.testMetricFilter,
  UntagLogGroup: groups.untagLogGroup,
  UntagResource: groups.untagResource,
  UpdateLogAnomalyDetector: anomalies.updateLogAnomalyDetector,
};
