/** The @connections API's handler table, keyed by the model's operation names. */
import type { HandlerTable } from '../../../src/core/service';
import type { ApigatewaymanagementapiOperations } from '../types';
import * as connections from './connections';

export const handlers: HandlerTable<ApigatewaymanagementapiOperations, unknown> = {
  PostToConnection: connections.postToConnection,
  GetConnection: connections.getConnection,
  DeleteConnection: connections.deleteConnection,
};
