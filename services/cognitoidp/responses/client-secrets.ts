/**
 * Client secret rotation: AddUserPoolClientSecret, ListUserPoolClientSecrets,
 * DeleteUserPoolClientSecret. A confidential app client holds at most two
 * active secrets; SECRET_HASH and client authentication accept either
 * (common.ts checkSecretHash / secretMatches). The secret a client was created
 * with becomes the first entry of its list on the first rotation call.
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type { CognitoIdpBackend } from '../models/backend';
import type { AppClient, ClientSecretEntry } from '../models/pool';
import type { ClientSecretDescriptorType, CognitoidpOperations } from '../types';
import type { Ctx } from './common';

/** The API reference: "Supports up to 2 active secrets per app client". */
const MAX_SECRETS = 2;

/** `<client-id>--<epoch-create-time>` as the API reference gives the id (milliseconds here, so ids stay unique). */
const secretId = (clientId: string, created: number) => `${clientId}--${created}`;

/** The client's secret list, seeded with the secret it was created with. A public client has none. */
function secretsOf(client: AppClient): ClientSecretEntry[] {
  if (!client.secrets && client.ClientSecret) {
    const created = client.CreationDate ? client.CreationDate.getTime() : clock.now();
    client.secrets = [{ id: secretId(client.ClientId, created), value: client.ClientSecret, created, generated: true }];
  }
  return client.secrets ?? [];
}

function confidentialClient(ctx: Ctx, poolId: string, clientId: string): AppClient {
  ctx.backend.pool(poolId);
  const { client } = ctx.backend.client(clientId, poolId);
  if (!client.ClientSecret) throw invalidParameter(`Client ${clientId} is not configured with a client secret.`);
  return client;
}

const describe = (s: ClientSecretEntry, withValue: boolean): ClientSecretDescriptorType => ({
  ClientSecretId: s.id,
  ...(withValue ? { ClientSecretValue: s.value } : {}),
  ClientSecretCreateDate: new Date(s.created),
});

export const clientSecrets: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  AddUserPoolClientSecret(input, ctx) {
    const client = confidentialClient(ctx, input.UserPoolId, input.ClientId);
    const secrets = secretsOf(client);
    if (secrets.length >= MAX_SECRETS) {
      throw new AwsError('LimitExceededException', `Client ${client.ClientId} already has ${MAX_SECRETS} client secrets; delete one before adding another.`, { status: 400 });
    }
    if (input.ClientSecret !== undefined && secrets.some((s) => s.value === input.ClientSecret)) {
      throw invalidParameter('The client secret is already in use by this client.');
    }
    // Ids carry the creation time: two secrets made in the same millisecond (fake timers) still differ.
    const created = Math.max(clock.now(), (secrets.at(-1)?.created ?? 0) + 1);
    const generated = input.ClientSecret === undefined;
    const entry: ClientSecretEntry = { id: secretId(client.ClientId, created), value: input.ClientSecret ?? ctx.backend.newClientSecret(), created, generated };
    secrets.push(entry);
    // The value is returned only when Cognito generated it.
    return { ClientSecretDescriptor: describe(entry, generated) };
  },

  ListUserPoolClientSecrets(input, ctx) {
    const client = confidentialClient(ctx, input.UserPoolId, input.ClientId);
    // At most two secrets: one page, never a token (as the API reference says); values never shown.
    return { ClientSecrets: secretsOf(client).map((s) => describe(s, false)) };
  },

  DeleteUserPoolClientSecret(input, ctx) {
    const client = confidentialClient(ctx, input.UserPoolId, input.ClientId);
    const secrets = secretsOf(client);
    const index = secrets.findIndex((s) => s.id === input.ClientSecretId);
    if (index < 0) throw resourceNotFound(`Client secret ${input.ClientSecretId} does not exist.`);
    if (secrets.length === 1) throw invalidParameter('The last client secret of an app client cannot be deleted.');
    secrets.splice(index, 1);
    // DescribeUserPoolClient shows the oldest active secret.
    client.ClientSecret = secrets[0].value;
    return {};
  },
};
