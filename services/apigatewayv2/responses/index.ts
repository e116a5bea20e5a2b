/** The API Gateway v2 handler table, keyed by the model's operation names. */
import type { HandlerTable } from '../../../src/core/service';
import type { ApiGatewayV2Backend } from '../models/backend';
import type { Apigatewayv2Operations } from '../types';
import * as apis from './apis';
import * as authorizers from './authorizers';
import * as domains from './domains';
import * as importExport from './import-export';
import * as integrations from './integrations';
import * as models from './models';
import * as routes from './routes';
import * as routingRules from './routing-rules';
import * as stages from './stages';
import * as tags from './tags';
import * as vpcLinks from './vpc-links';
import * as ws from './websocket-responses';

export const handlers: HandlerTable<Apigatewayv2Operations, ApiGatewayV2Backend> = {
  CreateModel: models.createModel,
  CreateRouteResponse: ws.createRouteResponse,
  GetRouteResponse: ws.getRouteResponse,
  GetRouteResponses: ws.getRouteResponses,
  UpdateRouteResponse: ws.updateRouteResponse,
  DeleteRouteResponse: ws.deleteRouteResponse,
  CreateIntegrationResponse: ws.createIntegrationResponse,
  GetIntegrationResponse: ws.getIntegrationResponse,
  GetIntegrationResponses: ws.getIntegrationResponses,
  UpdateIntegrationResponse: ws.updateIntegrationResponse,
  DeleteIntegrationResponse: ws.deleteIntegrationResponse,
  GetModel: models.getModel,
  GetModels: models.getModels,
  UpdateModel: models.updateModel,
  DeleteModel: models.deleteModel,
  DeleteAccessLogSettings: stages.deleteAccessLogSettings,
  DeleteRouteSettings: stages.deleteRouteSettings,
  CreateApi: apis.createApi,
  GetApi: apis.getApi,
  GetApis: apis.getApis,
  UpdateApi: apis.updateApi,
  DeleteApi: apis.deleteApi,
  DeleteCorsConfiguration: apis.deleteCorsConfiguration,
  CreateRoute: routes.createRoute,
  GetRoute: routes.getRoute,
  GetRoutes: routes.getRoutes,
  UpdateRoute: routes.updateRoute,
  DeleteRoute: routes.deleteRoute,
  CreateIntegration: integrations.createIntegration,
  GetIntegration: integrations.getIntegration,
  GetIntegrations: integrations.getIntegrations,
  UpdateIntegration: integrations.updateIntegration,
  DeleteIntegration: integrations.deleteIntegration,
  CreateStage: stages.createStage,
  GetStage: stages.getStage,
  GetStages: stages.getStages,
  UpdateStage: stages.updateStage,
  DeleteStage: stages.deleteStage,
  CreateDeployment: stages.createDeployment,
  GetDeployment: stages.getDeployment,
  GetDeployments: stages.getDeployments,
  DeleteDeployment: stages.deleteDeployment,
  CreateAuthorizer: authorizers.createAuthorizer,
  GetAuthorizer: authorizers.getAuthorizer,
  GetAuthorizers: authorizers.getAuthorizers,
  UpdateAuthorizer: authorizers.updateAuthorizer,
  DeleteAuthorizer: authorizers.deleteAuthorizer,
  TagResource: tags.tagResource,
  GetTags: tags.getTags,
  UntagResource: tags.untagResource,
  CreateDomainName: domains.createDomainName,
  GetDomainName: domains.getDomainName,
  GetDomainNames: domains.getDomainNames,
  UpdateDomainName: domains.updateDomainName,
  DeleteDomainName: domains.deleteDomainName,
  CreateApiMapping: domains.createApiMapping,
  GetApiMapping: domains.getApiMapping,
  GetApiMappings: domains.getApiMappings,
  UpdateApiMapping: domains.updateApiMapping,
  DeleteApiMapping: domains.deleteApiMapping,
  CreateRoutingRule: routingRules.createRoutingRule,
  GetRoutingRule: routingRules.getRoutingRule,
  PutRoutingRule: routingRules.putRoutingRule,
  DeleteRoutingRule: routingRules.deleteRoutingRule,
  ListRoutingRules: routingRules.listRoutingRules,
  ImportApi: importExport.importApi,
  ReimportApi: importExport.reimportApi,
  ExportApi: importExport.exportApiHandler,
  CreateVpcLink: vpcLinks.createVpcLink,
  GetVpcLink: vpcLinks.getVpcLink,
  GetVpcLinks: vpcLinks.getVpcLinks,
  UpdateVpcLink: vpcLinks.updateVpcLink,
  DeleteVpcLink: vpcLinks.deleteVpcLink,
  UpdateDeployment: stages.updateDeployment,
  ResetAuthorizersCache: stages.resetAuthorizersCache,
  DeleteRouteRequestParameter: routes.deleteRouteRequestParameter,
  GetModelTemplate: models.getModelTemplate,
};
