/** App clients: create (with a secret when asked), describe, list, update, delete. */
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { AppClient } from '../models/pool';
import type { CognitoidpOperations, CreateUserPoolClientRequest } from '../types';
import { pageOf } from './paging';

const LEGACY_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

/** Cognito's defaults for a client that names no auth flows. */
const DEFAULT_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

function checkFlows(flows: string[] | undefined): void {
  if (!flows?.length) return;
  const legacy = flows.filter((f) => LEGACY_FLOWS.has(f));
  if (legacy.length && legacy.length !== flows.length) {
    throw invalidParameter('ExplicitAuthFlow values cannot be mixed: legacy values and new (ALLOW_) values cannot be used together.');
  }
}

function clientSettings(input: Omit<CreateUserPoolClientRequest, 'UserPoolId' | 'GenerateSecret'> & { ClientName?: string }) {
  checkFlows(input.ExplicitAuthFlows);
  if (input.AllowedOAuthFlows?.includes('client_credentials') && input.AllowedOAuthFlows.length > 1) {
    throw invalidParameter('client_credentials flow can not be selected along with code flow or implicit flow.');
  }
  return {
    RefreshTokenValidity: 30,
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
    AllowedOAuthFlowsUserPoolClient: false,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    ExplicitAuthFlows: input.ExplicitAuthFlows?.length ? input.ExplicitAuthFlows : DEFAULT_FLOWS,
  };
}

export const clients: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  CreateUserPoolClient(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const { UserPoolId, GenerateSecret, ...rest } = input;
    const settings = clientSettings(rest);
    const client: AppClient = {
      ...settings,
      UserPoolId,
      ClientName: input.ClientName,
      ClientId: ctx.backend.newClientId(),
      ...(GenerateSecret ? { ClientSecret: ctx.backend.newClientSecret() } : {}),
      CreationDate: clock.date(),
      LastModifiedDate: clock.date(),
    };
    pool.clients.set(client.ClientId, client);
    ctx.backend.clientPools.set(client.ClientId, pool);
    return { UserPoolClient: client };
  },

  DescribeUserPoolClient(input, ctx) {
    ctx.backend.pool(input.UserPoolId);
    return { UserPoolClient: ctx.backend.client(input.ClientId, input.UserPoolId).client };
  },

  ListUserPoolClients(input, ctx) {
    const pool = ctx.backend.pool(input.UserPoolId);
    const ids = [...pool.clients.keys()].sort();
    const page = pageOf(ids, input.NextToken, input.MaxResults);
    return {
      UserPoolClients: page.items.map((id) => {
        const c = pool.clients.get(id) as AppClient;
        return { ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName };
      }),
      NextToken: page.next,
    };
  },

  UpdateUserPoolClient(input, ctx) {
    ctx.backend.pool(input.UserPoolId);
    const { pool, client } = ctx.backend.client(input.ClientId, input.UserPoolId);
    const { UserPoolId, ClientId, ...rest } = input;
    // Like UpdateUserPool, omitted settings go back to their defaults; name and secret stay.
    const updated: AppClient = {
      ...clientSettings({ ...rest, ClientName: rest.ClientName ?? client.ClientName }),
      UserPoolId,
      ClientId,
      ClientName: rest.ClientName ?? client.ClientName,
      ...(client.ClientSecret ? { ClientSecret: client.ClientSecret } : {}),
      CreationDate: client.CreationDate,
      LastModifiedDate: clock.date(),
    };
    pool.clients.set(ClientId, updated);
    return { UserPoolClient: updated };
  },

  DeleteUserPoolClient(input, ctx) {
    ctx.backend.pool(input.UserPoolId);
    const { pool } = ctx.backend.client(input.ClientId, input.UserPoolId);
    pool.clients.delete(input.ClientId);
    ctx.backend.clientPools.delete(input.ClientId);
  },
};
