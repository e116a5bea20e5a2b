/**
 * API Gateway v2 state for one account and region: HTTP and WebSocket APIs
 * with their routes, integrations, authorizers, stages and deployments.
 * The data plane (dataplane/) reads it through `api(id)` and `snapshot()`.
 */
import type { BackendContext } from '../../../src/core/service';
import { Collection } from '../../apigateway/models/collection';
import { notFound } from '../exceptions';

export { gatewayId } from '../../apigateway/models/ids';

import type { VpcLink } from '../types';
import { AuthorizerCache } from '../../apigateway/models/authorizer-cache';
import { close, liveConnection, send } from '../dataplane/websocket-connections';
import type { WsConnection } from './connections';
import type { PortalProductState, PortalState } from './portals';
import { type HttpApi, type Snapshot, snapshotOf } from './resources';

export class ApiGatewayV2Backend {
  readonly account: string;
  readonly region: string;
  readonly apis = new Collection<HttpApi>();
  /** VPC links (v2: subnets and security groups) with their creation time; their status follows from it on the clock. */
  readonly vpcLinks = new Collection<VpcLink & { createdAt: number }>();
  /** Lambda authorizer results of HTTP API stages (ResetAuthorizersCache empties a stage's). */
  readonly authorizerCache = new AuthorizerCache();
  /** Open WebSocket connections by id (dataplane/websocket-connections.ts owns them). */
  readonly connections = new Map<string, WsConnection>();
  /** Developer portals and the portal products they publish (models/portals.ts). */
  readonly portals = new Collection<PortalState>();
  readonly portalProducts = new Collection<PortalProductState>();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
  }

  /** The API, or undefined (the data plane answers its own 404). */
  api(apiId: string): HttpApi | undefined {
    return this.apis.get(apiId);
  }

  /** The API, or AWS's NotFoundException. */
  requireApi(apiId: string): HttpApi {
    const api = this.apis.get(apiId);
    if (!api) throw notFound(`Invalid API identifier specified ${this.account}:${apiId}`, 'Api');
    return api;
  }

  /**
   * What a stage serves: an auto-deploy stage the API as it is now (every
   * change is deployed at once), any other stage its deployment's snapshot.
   */
  snapshot(api: HttpApi, stageName: string): Snapshot | undefined {
    const stage = api.stages.get(stageName);
    if (!stage) return undefined;
    if (stage.AutoDeploy) return snapshotOf(api);
    return stage.DeploymentId ? api.snapshots.get(stage.DeploymentId) : undefined;
  }

  /** An open WebSocket connection (of `apiId`, when given), for the @connections API (apigatewaymanagementapi). */
  connection(connectionId: string, apiId?: string): WsConnection | undefined {
    return liveConnection(this, connectionId, apiId);
  }

  /** A message frame to an open connection (PostToConnection). */
  postToConnection(conn: WsConnection, data: Buffer): void {
    send(conn, data);
  }

  /** Closes an open connection from the server side; $disconnect runs (DeleteConnection). */
  deleteConnection(conn: WsConnection): void {
    void close(this, conn, 1000, '');
  }

  /** ARNs of portal resources carry the account: portal products are shared across accounts. */
  portalArn(path: string): string {
    const partition = this.region.startsWith('cn-') ? 'aws-cn' : this.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
    return `arn:${partition}:apigateway:${this.region}:${this.account}:/${path}`;
  }

  endpoint(apiId: string, protocol: string): string {
    const scheme = protocol === 'WEBSOCKET' ? 'wss' : 'https';
    const suffix = this.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    return `${scheme}://${apiId}.execute-api.${this.region}.${suffix}`;
  }
}
