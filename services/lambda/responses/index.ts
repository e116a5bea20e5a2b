/** The Lambda handler table, keyed by the model's operation names. */
import type { HandlerTable } from '../../../src/core/service';
import type { LambdaBackend } from '../models/backend';
import type { LambdaOperations } from '../types';
import * as aliases from './aliases';
import * as capacityProviders from './capacity-providers';
import * as concurrency from './concurrency';
import * as durable from './durable';
import * as functions from './functions';
import { invoke, invokeAsync } from './invoke';
import { invokeWithResponseStream } from './invoke-stream';
import * as layers from './layers';
import * as mappings from './mappings';
import * as permissions from './permissions';
import * as resourcePolicies from './resource-policies';
import * as account from './account';
import * as codeSigning from './code-signing';
import * as invokeConfig from './invoke-config';
import * as tags from './tags';
import * as urls from './urls';

export const handlers: HandlerTable<LambdaOperations, LambdaBackend> = {
  AddLayerVersionPermission: permissions.addLayerVersionPermission,
  AddPermission: permissions.addPermission,
  CheckpointDurableExecution: durable.checkpointDurableExecution,
  CreateAlias: aliases.createAlias,
  CreateCapacityProvider: capacityProviders.createCapacityProvider,
  CreateCodeSigningConfig: codeSigning.createCodeSigningConfig,
  CreateEventSourceMapping: mappings.createEventSourceMapping,
  CreateFunction: functions.createFunction,
  CreateFunctionUrlConfig: urls.createFunctionUrlConfig,
  DeleteAlias: aliases.deleteAlias,
  DeleteCapacityProvider: capacityProviders.deleteCapacityProvider,
  DeleteCodeSigningConfig: codeSigning.deleteCodeSigningConfig,
  DeleteEventSourceMapping: mappings.deleteEventSourceMapping,
  DeleteFunction: functions.deleteFunction,
  DeleteFunctionCodeSigningConfig: codeSigning.deleteFunctionCodeSigningConfig,
  DeleteFunctionConcurrency: concurrency.deleteFunctionConcurrency,
  DeleteFunctionEventInvokeConfig: invokeConfig.deleteFunctionEventInvokeConfig,
  DeleteFunctionUrlConfig: urls.deleteFunctionUrlConfig,
  DeleteLayerVersion: layers.deleteLayerVersion,
  DeleteProvisionedConcurrencyConfig: concurrency.deleteProvisionedConcurrencyConfig,
  DeleteResourcePolicy: resourcePolicies.deleteResourcePolicy,
  GetAccountSettings: account.getAccountSettings,
  GetAlias: aliases.getAlias,
  GetCapacityProvider: capacityProviders.getCapacityProvider,
  GetCodeSigningConfig: codeSigning.getCodeSigningConfig,
  GetDurableExecution: durable.getDurableExecution,
  GetDurableExecutionHistory: durable.getDurableExecutionHistory,
  GetDurableExecutionState: durable.getDurableExecutionState,
  GetEventSourceMapping: mappings.getEventSourceMapping,
  GetFunction: functions.getFunction,
  GetFunctionCodeSigningConfig: codeSigning.getFunctionCodeSigningConfig,
  GetFunctionConcurrency: concurrency.getFunctionConcurrency,
  GetFunctionConfiguration: functions.getFunctionConfiguration,
  GetFunctionEventInvokeConfig: invokeConfig.getFunctionEventInvokeConfig,
  GetFunctionRecursionConfig: account.getFunctionRecursionConfig,
  GetFunctionScalingConfig: capacityProviders.getFunctionScalingConfig,
  GetFunctionUrlConfig: urls.getFunctionUrlConfig,
  GetLayerVersion: layers.getLayerVersion,
  GetLayerVersionByArn: layers.getLayerVersionByArn,
  GetLayerVersionPolicy: permissions.getLayerVersionPolicy,
  GetPolicy: permissions.getPolicy,
  GetProvisionedConcurrencyConfig: concurrency.getProvisionedConcurrencyConfig,
  GetResourcePolicy: resourcePolicies.getResourcePolicy,
  GetRuntimeManagementConfig: account.getRuntimeManagementConfig,
  Invoke: invoke,
  InvokeAsync: invokeAsync,
  InvokeWithResponseStream: invokeWithResponseStream,
  ListAliases: aliases.listAliases,
  ListCapacityProviders: capacityProviders.listCapacityProviders,
  ListCodeSigningConfigs: codeSigning.listCodeSigningConfigs,
  ListDurableExecutionsByFunction: durable.listDurableExecutionsByFunction,
  ListEventSourceMappings: mappings.listEventSourceMappings,
  ListFunctionEventInvokeConfigs: invokeConfig.listFunctionEventInvokeConfigs,
  ListFunctionUrlConfigs: urls.listFunctionUrlConfigs,
  ListFunctionVersionsByCapacityProvider: capacityProviders.listFunctionVersionsByCapacityProvider,
  ListFunctions: functions.listFunctions,
  ListFunctionsByCodeSigningConfig: codeSigning.listFunctionsByCodeSigningConfig,
  ListLayerVersions: layers.listLayerVersions,
  ListLayers: layers.listLayers,
  ListProvisionedConcurrencyConfigs: concurrency.listProvisionedConcurrencyConfigs,
  ListTags: tags.listTags,
  ListVersionsByFunction: functions.listVersionsByFunction,
  PublishLayerVersion: layers.publishLayerVersion,
  PublishVersion: functions.publishVersion,
  PutFunctionCodeSigningConfig: codeSigning.putFunctionCodeSigningConfig,
  PutFunctionConcurrency: concurrency.putFunctionConcurrency,
  PutFunctionEventInvokeConfig: invokeConfig.putFunctionEventInvokeConfig,
  PutFunctionRecursionConfig: account.putFunctionRecursionConfig,
  PutFunctionScalingConfig: capacityProviders.putFunctionScalingConfig,
  PutProvisionedConcurrencyConfig: concurrency.putProvisionedConcurrencyConfig,
  PutResourcePolicy: resourcePolicies.putResourcePolicy,
  PutRuntimeManagementConfig: account.putRuntimeManagementConfig,
  RemoveLayerVersionPermission: permissions.removeLayerVersionPermission,
  RemovePermission: permissions.removePermission,
  SendDurableExecutionCallbackFailure: durable.sendDurableExecutionCallbackFailure,
  SendDurableExecutionCallbackHeartbeat: durable.sendDurableExecutionCallbackHeartbeat,
  SendDurableExecutionCallbackSuccess: durable.sendDurableExecutionCallbackSuccess,
  StopDurableExecution: durable.stopDurableExecution,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  UpdateAlias: aliases.updateAlias,
  UpdateCapacityProvider: capacityProviders.updateCapacityProvider,
  UpdateCodeSigningConfig: codeSigning.updateCodeSigningConfig,
  UpdateEventSourceMapping: mappings.updateEventSourceMapping,
  UpdateFunctionCode: functions.updateFunctionCode,
  UpdateFunctionConfiguration: functions.updateFunctionConfiguration,
  UpdateFunctionEventInvokeConfig: invokeConfig.updateFunctionEventInvokeConfig,
  UpdateFunctionUrlConfig: urls.updateFunctionUrlConfig,
};
