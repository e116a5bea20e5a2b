/**
 * PostToConnection, GetConnection, DeleteConnection: the connections live in
 * the API Gateway v2 backend (its data plane owns them); this service finds
 * one by id, among the API the request came through when it says
 * (`x-mockaws-execute-api`, set by the execute-api plane).
 */
import type { RequestContext } from '../../../src/core/service';
import type { ApiGatewayV2Backend } from '../../apigatewayv2/models/backend';
import { gone, payloadTooLarge } from '../exceptions';
import type * as T from '../types';

type Ctx = RequestContext<unknown>;

/** API Gateway's quota for one message to a client. */
const MAX_DATA_BYTES = 128 * 1024;

async function connection(connectionId: string, ctx: Ctx) {
  const v2 = await ctx.backends.get<ApiGatewayV2Backend>('apigatewayv2', ctx.account, ctx.region);
  const apiId = ctx.request.headers['x-mockaws-execute-api']?.split('/')[0];
  const conn = v2.connection(connectionId, apiId);
  if (!conn) throw gone();
  return { v2, conn };
}

export async function postToConnection(input: T.PostToConnectionRequest, ctx: Ctx): Promise<void> {
  const data = Buffer.from(input.Data ?? new Uint8Array());
  if (data.length > MAX_DATA_BYTES) throw payloadTooLarge(`Message size ${data.length} exceeds the limit of ${MAX_DATA_BYTES} bytes`);
  const { v2, conn } = await connection(input.ConnectionId, ctx);
  v2.postToConnection(conn, data);
}

export async function getConnection(input: T.GetConnectionRequest, ctx: Ctx): Promise<T.GetConnectionResponse> {
  const { conn } = await connection(input.ConnectionId, ctx);
  return {
    ConnectedAt: new Date(conn.connectedAt),
    Identity: { SourceIp: conn.sourceIp, UserAgent: conn.userAgent ?? '' },
    LastActiveAt: new Date(conn.lastActiveAt),
  };
}

export async function deleteConnection(input: T.DeleteConnectionRequest, ctx: Ctx): Promise<void> {
  const { v2, conn } = await connection(input.ConnectionId, ctx);
  v2.deleteConnection(conn);
}
