/** The API Gateway (REST APIs) handler table, keyed by the model's operation names. */
import type { HandlerTable } from '../../../src/core/service';
import type { ApiGatewayBackend } from '../models/backend';
import type { ApigatewayOperations } from '../types';
import * as authorizers from './authorizers';
import * as deployments from './deployments';
import * as keys from './keys';
import * as methods from './methods';
import * as resources from './resources';
import * as restapis from './restapis';
import * as tags from './tags';

export const handlers: HandlerTable<ApigatewayOperations, ApiGatewayBackend> = {
  CreateRestApi: restapis.createRestApi,
  GetRestApi: restapis.getRestApi,
  GetRestApis: restapis.getRestApis,
  UpdateRestApi: restapis.updateRestApi,
  DeleteRestApi: restapis.deleteRestApi,
  CreateResource: resources.createResource,
  GetResource: resources.getResource,
  GetResources: resources.getResources,
  DeleteResource: resources.deleteResource,
  PutMethod: methods.putMethod,
  GetMethod: methods.getMethod,
  DeleteMethod: methods.deleteMethod,
  PutMethodResponse: methods.putMethodResponse,
  GetMethodResponse: methods.getMethodResponse,
  DeleteMethodResponse: methods.deleteMethodResponse,
  PutIntegration: methods.putIntegration,
  GetIntegration: methods.getIntegration,
  DeleteIntegration: methods.deleteIntegration,
  PutIntegrationResponse: methods.putIntegrationResponse,
  GetIntegrationResponse: methods.getIntegrationResponse,
  DeleteIntegrationResponse: methods.deleteIntegrationResponse,
  CreateDeployment: deployments.createDeployment,
  GetDeployment: deployments.getDeployment,
  GetDeployments: deployments.getDeployments,
  DeleteDeployment: deployments.deleteDeployment,
  CreateStage: deployments.createStage,
  GetStage: deployments.getStage,
  GetStages: deployments.getStages,
  UpdateStage: deployments.updateStage,
  DeleteStage: deployments.deleteStage,
  CreateApiKey: keys.createApiKey,
  GetApiKey: keys.getApiKey,
  GetApiKeys: keys.getApiKeys,
  UpdateApiKey: keys.updateApiKey,
  DeleteApiKey: keys.deleteApiKey,
  CreateUsagePlan: keys.createUsagePlan,
  GetUsagePlan: keys.getUsagePlan,
  GetUsagePlans: keys.getUsagePlans,
  DeleteUsagePlan: keys.deleteUsagePlan,
  CreateUsagePlanKey: keys.createUsagePlanKey,
  GetUsagePlanKeys: keys.getUsagePlanKeys,
  DeleteUsagePlanKey: keys.deleteUsagePlanKey,
  CreateAuthorizer: authorizers.createAuthorizer,
  GetAuthorizer: authorizers.getAuthorizer,
  GetAuthorizers: authorizers.getAuthorizers,
  DeleteAuthorizer: authorizers.deleteAuthorizer,
  CreateRequestValidator: authorizers.createRequestValidator,
  GetRequestValidator: authorizers.getRequestValidator,
  GetRequestValidators: authorizers.getRequestValidators,
  DeleteRequestValidator: authorizers.deleteRequestValidator,
  CreateModel: authorizers.createModel,
  GetModel: authorizers.getModel,
  GetModels: authorizers.getModels,
  DeleteModel: authorizers.deleteModel,
  TagResource: tags.tagResource,
  GetTags: tags.getTags,
  UntagResource: tags.untagResource,
};
