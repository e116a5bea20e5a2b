/** The Lambda handler table, keyed by the model's operation names. */
import type { HandlerTable } from '../../../src/core/service';
import type { LambdaBackend } from '../models/backend';
import type { LambdaOperations } from '../types';
import * as aliases from './aliases';
import * as concurrency from './concurrency';
import * as functions from './functions';
import { invoke, invokeAsync } from './invoke';
import * as layers from './layers';
import * as mappings from './mappings';
import * as permissions from './permissions';
import * as settings from './settings';
import * as urls from './urls';

export const handlers: HandlerTable<LambdaOperations, LambdaBackend> = {
  AddLayerVersionPermission: permissions.addLayerVersionPermission,
  AddPermission: permissions.addPermission,
  CreateAlias: aliases.createAlias,
  CreateCodeSigningConfig: settings.createCodeSigningConfig,
  CreateEventSourceMapping: mappings.createEventSourceMapping,
  CreateFunction: functions.createFunction,
  CreateFunctionUrlConfig: urls.createFunctionUrlConfig,
  DeleteAlias: aliases.deleteAlias,
  DeleteCodeSigningConfig: settings.deleteCodeSigningConfig,
  DeleteEventSourceMapping: mappings.deleteEventSourceMapping,
  DeleteFunction: functions.deleteFunction,
  DeleteFunctionCodeSigningConfig: settings.deleteFunctionCodeSigningConfig,
  DeleteFunctionConcurrency: concurrency.deleteFunctionConcurrency,
  DeleteFunctionEventInvokeConfig: settings.deleteFunctionEventInvokeConfig,
  DeleteFunctionUrlConfig: urls.deleteFunctionUrlConfig,
  DeleteLayerVersion: layers.deleteLayerVersion,
  DeleteProvisionedConcurrencyConfig: concurrency.deleteProvisionedConcurrencyConfig,
  GetAccountSettings: settings.getAccountSettings,
  GetAlias: aliases.getAlias,
  GetCodeSigningConfig: settings.getCodeSigningConfig,
  GetEventSourceMapping: mappings.getEventSourceMapping,
  GetFunction: functions.getFunction,
  GetFunctionCodeSigningConfig: settings.getFunctionCodeSigningConfig,
  GetFunctionConcurrency: concurrency.getFunctionConcurrency,
  GetFunctionConfiguration: functions.getFunctionConfiguration,
  GetFunctionEventInvokeConfig: settings.getFunctionEventInvokeConfig,
  GetFunctionRecursionConfig: settings.getFunctionRecursionConfig,
  GetFunctionUrlConfig: urls.getFunctionUrlConfig,
  GetLayerVersion: layers.getLayerVersion,
  GetLayerVersionByArn: layers.getLayerVersionByArn,
  GetLayerVersionPolicy: permissions.getLayerVersionPolicy,
  GetPolicy: permissions.getPolicy,
  GetProvisionedConcurrencyConfig: concurrency.getProvisionedConcurrencyConfig,
  GetRuntimeManagementConfig: settings.getRuntimeManagementConfig,
  Invoke: invoke,
  InvokeAsync: invokeAsync,
  ListAliases: aliases.listAliases,
  ListCodeSigningConfigs: settings.listCodeSigningConfigs,
  ListEventSourceMappings: mappings.listEventSourceMappings,
  ListFunctionEventInvokeConfigs: settings.listFunctionEventInvokeConfigs,
  ListFunctionUrlConfigs: urls.listFunctionUrlConfigs,
  ListFunctions: functions.listFunctions,
  ListFunctionsByCodeSigningConfig: settings.listFunctionsByCodeSigningConfig,
  ListLayerVersions: layers.listLayerVersions,
  ListLayers: layers.listLayers,
  ListProvisionedConcurrencyConfigs: concurrency.listProvisionedConcurrencyConfigs,
  ListTags: settings.listTags,
  ListVersionsByFunction: functions.listVersionsByFunction,
  PublishLayerVersion: layers.publishLayerVersion,
  PublishVersion: functions.publishVersion,
  PutFunctionCodeSigningConfig: settings.putFunctionCodeSigningConfig,
  PutFunctionConcurrency: concurrency.putFunctionConcurrency,
  PutFunctionEventInvokeConfig: settings.putFunctionEventInvokeConfig,
  PutFunctionRecursionConfig: settings.putFunctionRecursionConfig,
  PutProvisionedConcurrencyConfig: concurrency.putProvisionedConcurrencyConfig,
  PutRuntimeManagementConfig: settings.putRuntimeManagementConfig,
  RemoveLayerVersionPermission: permissions.removeLayerVersionPermission,
  RemovePermission: permissions.removePermission,
  TagResource: settings.tagResource,
  UntagResource: settings.untagResource,
  UpdateAlias: aliases.updateAlias,
  UpdateCodeSigningConfig: settings.updateCodeSigningConfig,
  UpdateEventSourceMapping: mappings.updateEventSourceMapping,
  UpdateFunctionCode: functions.updateFunctionCode,
  UpdateFunctionConfiguration: functions.updateFunctionConfiguration,
  UpdateFunctionEventInvokeConfig: settings.updateFunctionEventInvokeConfig,
  UpdateFunctionUrlConfig: urls.updateFunctionUrlConfig,
};
