/** The Secrets Manager handler table: every operation of the model. */
import type { HandlerTable } from '../../../src/core/service';
import type { SecretsManagerBackend } from '../models/backend';
import { randomPassword } from '../models/password';
import type { SecretsmanagerOperations } from '../types';
import { deleteSecret, restoreSecret } from './deletion';
import * as policy from './policy-tags';
import * as replication from './replication';
import { cancelRotateSecret, rotateSecret } from './rotation';
import * as secrets from './secrets';

export const handlers: HandlerTable<SecretsmanagerOperations, SecretsManagerBackend> = {
  BatchGetSecretValue: secrets.batchGetSecretValue,
  CancelRotateSecret: cancelRotateSecret,
  CreateSecret: secrets.createSecret,
  DeleteResourcePolicy: policy.deleteResourcePolicy,
  DeleteSecret: deleteSecret,
  DescribeSecret: secrets.describeSecret,
  GetRandomPassword: (input) => ({ RandomPassword: randomPassword(input) }),
  GetResourcePolicy: policy.getResourcePolicy,
  GetSecretValue: secrets.getSecretValue,
  ListSecretVersionIds: secrets.listSecretVersionIds,
  ListSecrets: secrets.listSecrets,
  PutResourcePolicy: policy.putResourcePolicy,
  PutSecretValue: secrets.putSecretValue,
  RemoveRegionsFromReplication: replication.removeRegionsFromReplication,
  ReplicateSecretToRegions: replication.replicateSecretToRegions,
  RestoreSecret: restoreSecret,
  RotateSecret: rotateSecret,
  StopReplicationToReplica: replication.stopReplicationToReplica,
  TagResource: policy.tagResource,
  UntagResource: policy.untagResource,
  UpdateSecret: secrets.updateSecret,
  UpdateSecretVersionStage: secrets.updateSecretVersionStage,
  ValidateResourcePolicy: policy.validateResourcePolicy,
};
