/** The KMS handler table: every operation of the model. */
import type { HandlerTable } from '../../../src/core/service';
import type { KmsBackend } from '../models/backend';
import type { KmsOperations } from '../types';
import * as aliases from './aliases';
import * as crypto from './crypto';
import * as stores from './custom-key-stores';
import * as kem from './encapsulation';
import * as grants from './grants';
import * as imports from './import';
import * as keys from './keys';
import * as admin from './policy-rotation-tags';

export const handlers: HandlerTable<KmsOperations, KmsBackend> = {
  CancelKeyDeletion: keys.cancelKeyDeletion,
  ConnectCustomKeyStore: stores.connectCustomKeyStore,
  CreateAlias: aliases.createAlias,
  CreateCustomKeyStore: stores.createCustomKeyStore,
  CreateGrant: grants.createGrant,
  CreateKey: keys.createKey,
  Decrypt: crypto.decrypt,
  DeleteAlias: aliases.deleteAlias,
  DeleteCustomKeyStore: stores.deleteCustomKeyStore,
  DeleteImportedKeyMaterial: imports.deleteImportedKeyMaterial,
  DeriveSharedSecret: crypto.deriveSharedSecret,
  Encapsulate: kem.encapsulate,
  Decapsulate: kem.decapsulate,
  DescribeCustomKeyStores: stores.describeCustomKeyStores,
  DescribeKey: keys.describeKey,
  DisableKey: keys.disableKey,
  DisableKeyRotation: admin.disableKeyRotation,
  DisconnectCustomKeyStore: stores.disconnectCustomKeyStore,
  EnableKey: keys.enableKey,
  EnableKeyRotation: admin.enableKeyRotation,
  Encrypt: crypto.encrypt,
  GenerateDataKey: crypto.generateDataKey,
  GenerateDataKeyPair: crypto.generateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext: crypto.generateDataKeyPairWithoutPlaintext,
  GenerateDataKeyWithoutPlaintext: crypto.generateDataKeyWithoutPlaintext,
  GenerateMac: crypto.generateMac,
  GenerateRandom: crypto.generateRandom,
  GetKeyLastUsage: keys.getKeyLastUsage,
  GetKeyPolicy: admin.getKeyPolicy,
  GetKeyRotationStatus: admin.getKeyRotationStatus,
  GetParametersForImport: imports.getParametersForImport,
  GetPublicKey: crypto.getPublicKey,
  ImportKeyMaterial: imports.importKeyMaterial,
  ListAliases: aliases.listAliases,
  ListGrants: grants.listGrants,
  ListKeyPolicies: admin.listKeyPolicies,
  ListKeyRotations: admin.listKeyRotations,
  ListKeys: keys.listKeys,
  ListResourceTags: admin.listResourceTags,
  ListRetirableGrants: grants.listRetirableGrants,
  PutKeyPolicy: admin.putKeyPolicy,
  ReEncrypt: crypto.reEncrypt,
  ReplicateKey: keys.replicateKey,
  RetireGrant: grants.retireGrant,
  RevokeGrant: grants.revokeGrant,
  RotateKeyOnDemand: admin.rotateKeyOnDemand,
  ScheduleKeyDeletion: keys.scheduleKeyDeletion,
  Sign: crypto.sign,
  TagResource: admin.tagResource,
  UntagResource: admin.untagResource,
  UpdateAlias: aliases.updateAlias,
  UpdateCustomKeyStore: stores.updateCustomKeyStore,
  UpdateKeyDescription: keys.updateKeyDescription,
  UpdatePrimaryRegion: keys.updatePrimaryRegion,
  Verify: crypto.verify,
  VerifyMac: crypto.verifyMac,
};
