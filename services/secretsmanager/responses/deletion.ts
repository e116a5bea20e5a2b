/** DeleteSecret with a recovery window on the clock, RestoreSecret, ForceDeleteWithoutRecovery. */
import { clock } from '../../../src/core/clock';
import { invalidParameter, invalidRequest } from '../exceptions';
import type * as T from '../types';
import { type Ctx, checkWritable } from './common';

const DAY = 86_400_000;

export function deleteSecret(input: T.DeleteSecretRequest, ctx: Ctx) {
  if (input.ForceDeleteWithoutRecovery && input.RecoveryWindowInDays !== undefined) {
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  const days = input.RecoveryWindowInDays ?? 30;
  if (days < 7 || days > 30) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  const secret = ctx.backend.get(input.SecretId);
  if (secret.replicas.size > 0) {
    throw invalidRequest(
      `You can't delete secret ${secret.name} that still has replica regions [${[...secret.replicas.keys()].join(', ')}]`,
    );
  }
  const now = clock.now();
  if (input.ForceDeleteWithoutRecovery) {
    ctx.backend.secrets.delete(secret.name);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(now) };
  }
  if (secret.isDeleted) {
    // Deleting again does not move the date (AWS keeps the first window).
    return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(secret.deletionDate as number) };
  }
  secret.deletedAt = now;
  secret.deletionDate = now + days * DAY;
  ctx.backend.scheduled.add(secret);
  return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(secret.deletionDate) };
}

export function restoreSecret(input: T.RestoreSecretRequest, ctx: Ctx) {
  const secret = ctx.backend.get(input.SecretId);
  checkWritable(secret);
  secret.deletedAt = undefined;
  secret.deletionDate = undefined;
  return { ARN: secret.arn, Name: secret.name };
}
