/**
 * Connections (authorization for API destinations; secrets never echoed) and
 * API destinations. Invoking an API destination is recorded, not sent.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { arn } from '../../../src/core/ids';
import { alreadyExists, notFound, validation } from '../exceptions';
import type { ApiDestination, Connection } from '../models/resources';
import type { ConnectivityResourceParameters } from '../types';
import { type Ctx, checkLimit, checkName, pageByName } from './common';

const NAME = /^[.\-_A-Za-z0-9]+$/;
const AUTH_MEMBER: Record<string, string> = {
  BASIC: 'BasicAuthParameters',
  API_KEY: 'ApiKeyAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
};

type Auth = Record<string, any>;

function checkAuth(type: string, auth: Auth): void {
  const member = AUTH_MEMBER[type];
  if (!auth[member]) throw validation(`Parameter(s) ${member} must be specified for authorization type ${type}.`);
  const others = Object.values(AUTH_MEMBER).filter((m) => m !== member && auth[m] !== undefined);
  if (others.length) throw validation(`Parameter(s) ${others.join(', ')} cannot be specified for authorization type ${type}.`);
}

/** What Describe shows of the auth parameters: everything but the secrets. */
function redacted(auth: Auth) {
  const out: Auth = {};
  if (auth.BasicAuthParameters) out.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username };
  if (auth.ApiKeyAuthParameters) out.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName };
  if (auth.OAuthParameters) {
    const { ClientParameters, ...rest } = auth.OAuthParameters;
    out.OAuthParameters = { ...rest, ClientParameters: ClientParameters ? { ClientID: ClientParameters.ClientID } : undefined };
  }
  if (auth.InvocationHttpParameters) out.InvocationHttpParameters = auth.InvocationHttpParameters;
  return out;
}

/** The VPC Lattice service-network resource association AWS creates for a private connection. */
function associationArn(ctx: Ctx): string {
  return arn({ service: 'vpc-lattice', region: ctx.region, account: ctx.account, resource: `servicenetworkresourceassociation/snra-${randomBytes(9).toString('hex').slice(0, 17)}` });
}

function connectionOf(name: string, ctx: Ctx): Connection {
  const c = ctx.backend.connections.get(name);
  if (!c) throw notFound(`Connection '${name}' does not exist.`);
  return c;
}

const stateOf = (c: Connection) => ({
  ConnectionArn: c.arn,
  ConnectionState: c.state,
  CreationTime: c.creationTime,
  LastModifiedTime: c.lastModifiedTime,
  LastAuthorizedTime: c.lastAuthorizedTime,
});

export function createConnection(
  input: { Name: string; Description?: string; AuthorizationType: string; AuthParameters: Auth; InvocationConnectivityParameters?: ConnectivityResourceParameters; KmsKeyIdentifier?: string },
  ctx: Ctx,
) {
  checkName(input.Name, 'name', NAME, '[\\.\\-_A-Za-z0-9]+', 64);
  checkAuth(input.AuthorizationType, input.AuthParameters);
  if (ctx.backend.connections.has(input.Name)) throw alreadyExists(`Connection ${input.Name} already exists.`);
  const id = randomUUID();
  const now = clock.date();
  const c: Connection = {
    name: input.Name,
    arn: ctx.backend.arn(`connection/${input.Name}/${id}`),
    description: input.Description,
    authorizationType: input.AuthorizationType,
    authParameters: input.AuthParameters,
    invocationConnectivityParameters: input.InvocationConnectivityParameters,
    resourceAssociationArn: input.InvocationConnectivityParameters ? associationArn(ctx) : undefined,
    kmsKeyIdentifier: input.KmsKeyIdentifier,
    // The fake has no token endpoint to call: every connection is authorized at once.
    state: 'AUTHORIZED',
    secretArn: arn({
      service: 'secretsmanager',
      region: ctx.region,
      account: ctx.account,
      resource: `secret:events!connection/${input.Name}/${id}-${randomBytes(3).toString('hex')}`,
    }),
    creationTime: now,
    lastModifiedTime: now,
    lastAuthorizedTime: now,
  };
  ctx.backend.connections.set(c.name, c);
  const { LastAuthorizedTime: _, ...out } = stateOf(c);
  return out;
}

export function describeConnection(input: { Name: string }, ctx: Ctx) {
  const c = connectionOf(input.Name, ctx);
  return {
    ...stateOf(c),
    Name: c.name,
    Description: c.description,
    InvocationConnectivityParameters: c.invocationConnectivityParameters
      ? { ResourceParameters: { ...c.invocationConnectivityParameters.ResourceParameters, ResourceAssociationArn: c.resourceAssociationArn ?? '' } }
      : undefined,
    AuthorizationType: c.authorizationType,
    SecretArn: c.secretArn,
    KmsKeyIdentifier: c.kmsKeyIdentifier,
    AuthParameters: redacted(c.authParameters),
  };
}

export function updateConnection(
  input: { Name: string; Description?: string; AuthorizationType?: string; AuthParameters?: Auth; InvocationConnectivityParameters?: ConnectivityResourceParameters; KmsKeyIdentifier?: string },
  ctx: Ctx,
) {
  const c = connectionOf(input.Name, ctx);
  const type = input.AuthorizationType ?? c.authorizationType;
  const auth = input.AuthParameters ? { ...c.authParameters, ...input.AuthParameters } : c.authParameters;
  if (input.AuthorizationType !== undefined || input.AuthParameters !== undefined) {
    checkAuth(type, input.AuthorizationType !== undefined ? (input.AuthParameters ?? {}) : auth);
  }
  c.authorizationType = type;
  c.authParameters = input.AuthorizationType !== undefined ? (input.AuthParameters ?? {}) : auth;
  if (input.Description !== undefined) c.description = input.Description;
  if (input.InvocationConnectivityParameters !== undefined) {
    c.invocationConnectivityParameters = input.InvocationConnectivityParameters;
    c.resourceAssociationArn ??= associationArn(ctx);
  }
  if (input.KmsKeyIdentifier !== undefined) c.kmsKeyIdentifier = input.KmsKeyIdentifier;
  c.state = 'AUTHORIZED';
  c.lastModifiedTime = c.lastAuthorizedTime = clock.date();
  return stateOf(c);
}

export function deauthorizeConnection(input: { Name: string }, ctx: Ctx) {
  const c = connectionOf(input.Name, ctx);
  c.state = 'DEAUTHORIZED';
  c.lastModifiedTime = clock.date();
  return { ...stateOf(c), ConnectionState: 'DEAUTHORIZING' };
}

export function deleteConnection(input: { Name: string }, ctx: Ctx) {
  const c = connectionOf(input.Name, ctx);
  ctx.backend.connections.delete(c.name);
  return { ...stateOf(c), ConnectionState: 'DELETING' };
}

export function listConnections(input: { NamePrefix?: string; ConnectionState?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const all = [...ctx.backend.connections.values()].filter(
    (c) => c.name.startsWith(input.NamePrefix ?? '') && (input.ConnectionState === undefined || c.state === input.ConnectionState),
  );
  const { page, NextToken } = pageByName(all, (c) => c.name, input.NextToken, limit);
  return { Connections: page.map((c) => ({ ...stateOf(c), Name: c.name, AuthorizationType: c.authorizationType })), NextToken };
}

// ---- API destinations ----

function destinationOf(name: string, ctx: Ctx): ApiDestination {
  const d = ctx.backend.apiDestinations.get(name);
  if (!d) throw notFound(`An api-destination '${name}' does not exist.`);
  return d;
}

function checkEndpoint(url: string): void {
  if (!/^https:\/\/\S+$/.test(url)) throw validation('Parameter InvocationEndpoint is not valid. Reason: The endpoint must use https.');
}

function checkConnection(connectionArn: string, ctx: Ctx): void {
  const name = /:connection\/([^/]+)\//.exec(connectionArn)?.[1];
  const c = name === undefined ? undefined : ctx.backend.connections.get(name);
  if (!c || c.arn !== connectionArn) throw notFound(`Connection '${name ?? connectionArn}' does not exist.`);
}

const destinationFields = (d: ApiDestination) => ({
  ApiDestinationArn: d.arn,
  Name: d.name,
  ApiDestinationState: d.state,
  ConnectionArn: d.connectionArn,
  InvocationEndpoint: d.invocationEndpoint,
  HttpMethod: d.httpMethod,
  InvocationRateLimitPerSecond: d.invocationRateLimitPerSecond,
  CreationTime: d.creationTime,
  LastModifiedTime: d.lastModifiedTime,
});

export function createApiDestination(
  input: { Name: string; Description?: string; ConnectionArn: string; InvocationEndpoint: string; HttpMethod: string; InvocationRateLimitPerSecond?: number },
  ctx: Ctx,
) {
  checkName(input.Name, 'name', NAME, '[\\.\\-_A-Za-z0-9]+', 64);
  if (ctx.backend.apiDestinations.has(input.Name)) throw alreadyExists(`An api-destination '${input.Name}' already exists.`);
  checkEndpoint(input.InvocationEndpoint);
  checkConnection(input.ConnectionArn, ctx);
  const now = clock.date();
  const d: ApiDestination = {
    name: input.Name,
    arn: ctx.backend.arn(`api-destination/${input.Name}/${randomUUID()}`),
    description: input.Description,
    connectionArn: input.ConnectionArn,
    invocationEndpoint: input.InvocationEndpoint,
    httpMethod: input.HttpMethod,
    invocationRateLimitPerSecond: input.InvocationRateLimitPerSecond ?? 300,
    state: 'ACTIVE',
    creationTime: now,
    lastModifiedTime: now,
  };
  ctx.backend.apiDestinations.set(d.name, d);
  return { ApiDestinationArn: d.arn, ApiDestinationState: d.state, CreationTime: d.creationTime, LastModifiedTime: d.lastModifiedTime };
}

export function describeApiDestination(input: { Name: string }, ctx: Ctx) {
  const d = destinationOf(input.Name, ctx);
  return { ...destinationFields(d), Description: d.description };
}

export function updateApiDestination(
  input: { Name: string; Description?: string; ConnectionArn?: string; InvocationEndpoint?: string; HttpMethod?: string; InvocationRateLimitPerSecond?: number },
  ctx: Ctx,
) {
  const d = destinationOf(input.Name, ctx);
  if (input.InvocationEndpoint !== undefined) checkEndpoint(input.InvocationEndpoint);
  if (input.ConnectionArn !== undefined) checkConnection(input.ConnectionArn, ctx);
  Object.assign(d, {
    description: input.Description ?? d.description,
    connectionArn: input.ConnectionArn ?? d.connectionArn,
    invocationEndpoint: input.InvocationEndpoint ?? d.invocationEndpoint,
    httpMethod: input.HttpMethod ?? d.httpMethod,
    invocationRateLimitPerSecond: input.InvocationRateLimitPerSecond ?? d.invocationRateLimitPerSecond,
    lastModifiedTime: clock.date(),
  });
  return { ApiDestinationArn: d.arn, ApiDestinationState: d.state, CreationTime: d.creationTime, LastModifiedTime: d.lastModifiedTime };
}

export function deleteApiDestination(input: { Name: string }, ctx: Ctx): void {
  destinationOf(input.Name, ctx);
  ctx.backend.apiDestinations.delete(input.Name);
}

export function listApiDestinations(input: { NamePrefix?: string; ConnectionArn?: string; NextToken?: string; Limit?: number }, ctx: Ctx) {
  const limit = checkLimit(input.Limit);
  const all = [...ctx.backend.apiDestinations.values()].filter(
    (d) => d.name.startsWith(input.NamePrefix ?? '') && (input.ConnectionArn === undefined || d.connectionArn === input.ConnectionArn),
  );
  const { page, NextToken } = pageByName(all, (d) => d.name, input.NextToken, limit);
  return { ApiDestinations: page.map(destinationFields), NextToken };
}
