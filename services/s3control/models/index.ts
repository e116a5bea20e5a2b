/**
 * S3 Control state. The account's Block Public Access settings are one per
 * account whatever the region the call went to (S3 user guide: "account-level
 * settings apply to all AWS Regions globally"), so they live in registry-owned
 * state keyed by account, which S3's access evaluation reads through
 * `accountPublicAccessBlock()`.
 */
import type { BackendContext } from '../../../src/core/service';
import type { PublicAccessBlockConfiguration, VpcConfiguration } from '../types';

export type AccountSettings = Map<string, PublicAccessBlockConfiguration>;

/** An access point of this account and region (names are unique per account and region). */
export interface AccessPoint {
  name: string;
  bucket: string;
  bucketAccountId: string;
  arn: string;
  alias: string;
  vpc?: VpcConfiguration;
  block: PublicAccessBlockConfiguration;
  created: Date;
}

export class S3ControlBackend {
  readonly account: string;
  readonly region: string;
  private readonly blocks: AccountSettings;
  readonly accessPoints = new Map<string, AccessPoint>();

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.blocks = ctx.backends.shared<AccountSettings>('s3control:public-access-block', () => new Map());
  }

  /** The account's settings, or undefined when none are set (every flag off). */
  accountPublicAccessBlock(): PublicAccessBlockConfiguration | undefined {
    return this.blocks.get(this.account);
  }

  putPublicAccessBlock(config: PublicAccessBlockConfiguration): void {
    this.blocks.set(this.account, { ...config });
  }

  deletePublicAccessBlock(): boolean {
    return this.blocks.delete(this.account);
  }
}
