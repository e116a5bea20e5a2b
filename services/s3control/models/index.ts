/**
 * S3 Control state. The account's Block Public Access settings are one per
 * account whatever the region the call went to (S3 user guide: "account-level
 * settings apply to all AWS Regions globally"), so they live in registry-owned
 * state keyed by account, which S3's access evaluation reads through
 * `accountPublicAccessBlock()`.
 */
import type { BackendContext } from '../../../src/core/service';
import type { PublicAccessBlockConfiguration } from '../types';

export type AccountSettings = Map<string, PublicAccessBlockConfiguration>;

export class S3ControlBackend {
  readonly account: string;
  private readonly blocks: AccountSettings;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
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
