/** One KMS key: its metadata, state, material versions, policy, tags and rotation schedule. */
import { clock } from '../../../src/core/clock';
import { KEY_SPECS } from './key-specs';
import type { KeyMaterial } from './material';
import type { KeyMetadata } from '../types';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'PendingReplicaDeletion' | 'Unavailable';

const DAY = 86_400_000;

export interface MultiRegionInfo {
  type: 'PRIMARY' | 'REPLICA';
  /** Shared by the primary and all its replicas, so a change shows in every region. */
  group: { primary: { arn: string; region: string }; replicas: { arn: string; region: string }[] };
}

export class KmsKey {
  state: KeyState;
  description: string;
  policy: string;
  readonly tags = new Map<string, string>();
  /** Material versions, oldest first; the last is current. Shared with multi-Region replicas. */
  materials: KeyMaterial[];
  deletionDate?: number;
  pendingWindowInDays?: number;
  rotationEnabled = false;
  rotationPeriodInDays?: number;
  nextRotationDate?: number;
  onDemandRotationStartDate?: number;
  multiRegion?: MultiRegionInfo;
  validTo?: number;
  expirationModel?: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  lastUsage?: { operation: string; timestamp: number; requestId: string };
  readonly createdAt = clock.now();

  constructor(
    readonly id: string,
    readonly arn: string,
    readonly account: string,
    readonly keySpec: string,
    readonly keyUsage: string,
    readonly origin: string,
    readonly keyManager: 'AWS' | 'CUSTOMER',
    options: { description?: string; policy: string; materials: KeyMaterial[]; customKeyStoreId?: string },
  ) {
    this.description = options.description ?? '';
    this.policy = options.policy;
    this.materials = options.materials;
    this.customKeyStoreId = options.customKeyStoreId;
    this.state = origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled';
  }

  readonly customKeyStoreId?: string;

  get current(): KeyMaterial | undefined {
    return this.materials[this.materials.length - 1];
  }

  materialById(id: string): KeyMaterial | undefined {
    return this.materials.find((m) => m.id === id);
  }

  get isSymmetric(): boolean {
    return this.keySpec === 'SYMMETRIC_DEFAULT';
  }

  /** Automatic rotations whose dates have passed on the clock, applied now. */
  catchUpRotation(makeMaterial: () => KeyMaterial): void {
    if (!this.rotationEnabled || this.nextRotationDate === undefined || this.state !== 'Enabled') return;
    while (this.nextRotationDate <= clock.now()) {
      const material = makeMaterial();
      material.createdAt = this.nextRotationDate;
      material.rotationType = 'AUTOMATIC';
      this.materials.push(material);
      this.nextRotationDate += (this.rotationPeriodInDays ?? 365) * DAY;
    }
  }

  metadata(): KeyMetadata {
    const spec = KEY_SPECS[this.keySpec];
    const algorithms = spec?.usages[this.keyUsage] ?? {};
    const group = this.multiRegion?.group;
    return {
      AWSAccountId: this.account,
      KeyId: this.id,
      Arn: this.arn,
      CreationDate: new Date(this.createdAt),
      Enabled: this.state === 'Enabled',
      Description: this.description,
      KeyUsage: this.keyUsage,
      KeyState: this.state,
      DeletionDate: this.deletionDate !== undefined ? new Date(this.deletionDate) : undefined,
      PendingDeletionWindowInDays:
        this.state === 'PendingReplicaDeletion' ? this.pendingWindowInDays : undefined,
      ValidTo: this.validTo !== undefined ? new Date(this.validTo) : undefined,
      Origin: this.origin,
      CustomKeyStoreId: this.customKeyStoreId,
      ExpirationModel: this.origin === 'EXTERNAL' ? (this.expirationModel ?? undefined) : undefined,
      KeyManager: this.keyManager,
      CustomerMasterKeySpec: this.keySpec,
      KeySpec: this.keySpec,
      EncryptionAlgorithms: algorithms.encryption,
      SigningAlgorithms: algorithms.signing,
      MacAlgorithms: algorithms.mac,
      KeyAgreementAlgorithms: algorithms.agreement,
      EncapsulationAlgorithms: algorithms.encapsulation,
      MultiRegion: Boolean(this.multiRegion),
      MultiRegionConfiguration: group
        ? {
            MultiRegionKeyType: this.multiRegion?.type,
            PrimaryKey: { Arn: group.primary.arn, Region: group.primary.region },
            ReplicaKeys: group.replicas.map((r) => ({ Arn: r.arn, Region: r.region })),
          }
        : undefined,
      CurrentKeyMaterialId: spec?.kind === 'symmetric' ? this.current?.id : undefined,
    } as KeyMetadata;
  }
}
