/** App clients: create (with a secret when asked), describe, list, update, delete. */
import { clock } from '../../../src/core/clock';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import { AwsError } from '../../../src/core/errors';
import type { AppClient, UserPool } from '../models/pool';
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

const STANDARD_SCOPES = new Set(['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin']);

/** OAuth settings must name scopes the pool has (standard ones or its resource servers'). */
function checkOAuth(
  pool: UserPool,
  input: { AllowedOAuthFlows?: string[]; AllowedOAuthScopes?: string[]; SupportedIdentityProviders?: string[] },
  hasSecret: boolean,
): void {
  for (const name of input.SupportedIdentityProviders ?? []) {
    if (name !== 'COGNITO' && !pool.identityProviders.has(name)) throw invalidParameter(`The provider ${name} does not exist for User Pool ${pool.id}`);
  }
  const flows = input.AllowedOAuthFlows ?? [];
  if (flows.includes('client_credentials') && flows.length > 1) {
    throw new AwsError('InvalidOAuthFlowException', 'client_credentials flow can not be selected along with code flow or implicit flow.', { status: 400 });
  }
  if (flows.includes('client_credentials') && !hasSecret) {
    throw new AwsError('InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.', { status: 400 });
  }
  for (const scope of input.AllowedOAuthScopes ?? []) {
    if (STANDARD_SCOPES.has(scope)) continue;
    const [server, name] = [scope.slice(0, scope.lastIndexOf('/')), scope.slice(scope.lastIndexOf('/') + 1)];
    const known = pool.resourceServers.get(server)?.Scopes?.some((s) => s.ScopeName === name);
    if (!known) throw new AwsError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`, { status: 400 });
  }
}

function clientSettings(input: Omit<CreateUserPoolClientRequest, 'UserPoolId' | 'GenerateSecret'> & { ClientName?: string }) {
  checkFlows(input.ExplicitAuthFlows);
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
    checkOAuth(pool, rest, GenerateSecret === true);
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
    checkOAuth(pool, rest, client.ClientSecret !== undefined);
    // Like UpdateUserPool, omitted settings go back to their defaults; name and secret stay.
    const updated: AppClient = {
      ...clientSettings({ ...rest, ClientName: rest.ClientName ?? client.ClientName }),
      UserPoolId,
      ClientId,
      ClientName: rest.ClientName ?? client.ClientName,
      ...(client.ClientSecret ? { ClientSecret: client.ClientSecret } : {}),
      ...(client.secrets ? { secrets: client.secrets } : {}),
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
    // The client's terms documents and branding style go with it.
    for (const [id, t] of pool.terms) if (t.ClientId === input.ClientId) pool.terms.delete(id);
    for (const [id, b] of pool.brandings) if (b.clientId === input.ClientId) pool.brandings.delete(id);
  },
};
