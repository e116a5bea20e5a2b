/** Aliases: friendly names for keys; `alias/aws/` is reserved for AWS managed keys. */
import { clock } from '../../../src/core/clock';
import { aliasNotFound, kmsError, validationException } from '../exceptions';
import type * as T from '../types';
import { type Ctx, page } from './common';

const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

function checkAliasName(name: string): void {
  if (!name.startsWith('alias/')) {
    throw validationException('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  if (name.startsWith('alias/aws/')) {
    // The prefix is reserved for AWS managed keys; AWS answers without a message.
    throw kmsError('NotAuthorizedException', '');
  }
  if (!ALIAS_NAME.test(name)) {
    throw validationException(
      `1 validation error detected: Value '${name}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$`,
    );
  }
}

async function targetKey(ctx: Ctx, targetKeyId: string) {
  if (targetKeyId.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(targetKeyId)) {
    throw validationException('Aliases must refer to keys. Not aliases');
  }
  const key = await ctx.backend.ownKey(targetKeyId);
  ctx.backend.checkNotPendingDeletion(key);
  if (key.keyManager === 'AWS') throw kmsError('NotAuthorizedException', '');
  return key;
}

export async function createAlias(input: T.CreateAliasRequest, ctx: Ctx) {
  checkAliasName(input.AliasName);
  const key = await targetKey(ctx, input.TargetKeyId);
  if (ctx.backend.aliases.has(input.AliasName)) {
    throw kmsError('AlreadyExistsException', `An alias with the name ${ctx.backend.aliasArn(input.AliasName)} already exists`);
  }
  const now = clock.now();
  ctx.backend.aliases.set(input.AliasName, { name: input.AliasName, keyId: key.id, createdAt: now, updatedAt: now });
}

export async function updateAlias(input: T.UpdateAliasRequest, ctx: Ctx) {
  checkAliasName(input.AliasName);
  const alias = ctx.backend.aliases.get(input.AliasName);
  if (!alias) throw aliasNotFound(ctx.backend.aliasArn(input.AliasName));
  const key = await targetKey(ctx, input.TargetKeyId);
  const current = ctx.backend.keys.get(alias.keyId);
  // The new key must be of the same type and usage as the old one (KMS developer guide, "Updating aliases").
  if (current && (current.keySpec !== key.keySpec || current.keyUsage !== key.keyUsage)) {
    throw validationException(
      `${key.arn} and ${current.arn} are not the same key type. An alias must point to keys of the same key spec and key usage.`,
    );
  }
  alias.keyId = key.id;
  alias.updatedAt = clock.now();
}

export function deleteAlias(input: T.DeleteAliasRequest, ctx: Ctx) {
  checkAliasName(input.AliasName);
  if (!ctx.backend.aliases.delete(input.AliasName)) throw aliasNotFound(ctx.backend.aliasArn(input.AliasName));
}

export async function listAliases(input: T.ListAliasesRequest, ctx: Ctx) {
  ctx.backend.sweep();
  let aliases = [...ctx.backend.aliases.values()];
  if (input.KeyId) {
    const key = await ctx.backend.ownKey(input.KeyId);
    aliases = aliases.filter((a) => a.keyId === key.id);
  }
  aliases.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { items, ...rest } = page(aliases, input.Limit, input.Marker, 50);
  return {
    Aliases: items.map((a) => ({
      AliasName: a.name,
      AliasArn: ctx.backend.aliasArn(a.name),
      TargetKeyId: a.keyId,
      CreationDate: new Date(a.createdAt),
      LastUpdatedDate: new Date(a.updatedAt),
    })),
    ...rest,
  };
}
