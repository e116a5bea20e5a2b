/** The state of one HTTP or WebSocket API: the model's own shapes plus its children. */
import type { Api, Authorizer, Deployment, Integration, IntegrationResponse, Model, Route, RouteResponse, Stage } from '../types';
import { Collection } from '../../apigateway/models/collection';
import { deepCopy } from '../../apigateway/models/copy';

/** What a deployment froze: the routes, integrations and authorizers as they were. */
export interface Snapshot {
  routes: Route[];
  integrations: Map<string, Integration>;
  authorizers: Map<string, Authorizer>;
}

export interface HttpApi {
  info: Api & { ApiId: string };
  routes: Collection<Route & { RouteId: string }>;
  integrations: Collection<Integration & { IntegrationId: string }>;
  authorizers: Collection<Authorizer & { AuthorizerId: string }>;
  stages: Collection<Stage>;
  deployments: Collection<Deployment & { DeploymentId: string }>;
  snapshots: Map<string, Snapshot>;
  models: Collection<Model & { ModelId: string }>;
  /** WebSocket route responses by route id, and integration responses by integration id. */
  routeResponses: Map<string, Collection<RouteResponse & { RouteResponseId: string }>>;
  integrationResponses: Map<string, Collection<IntegrationResponse & { IntegrationResponseId: string }>>;
}

export function newApi(info: Api & { ApiId: string }): HttpApi {
  return {
    info,
    routes: new Collection(),
    integrations: new Collection(),
    authorizers: new Collection(),
    stages: new Collection(),
    deployments: new Collection(),
    snapshots: new Map(),
    models: new Collection(),
    routeResponses: new Map(),
    integrationResponses: new Map(),
  };
}

/** The routes, integrations and authorizers as they are now (what auto-deploy stages serve). */
export function snapshotOf(api: HttpApi): Snapshot {
  return {
    routes: [...api.routes.values()].map(deepCopy),
    integrations: new Map([...api.integrations.values()].map((i) => [i.IntegrationId, deepCopy(i)])),
    authorizers: new Map([...api.authorizers.values()].map((a) => [a.AuthorizerId, deepCopy(a)])),
  };
}
