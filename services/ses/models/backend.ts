/**
 * SES v1 keeps no state of its own: SES v1 and v2 are one service, and the
 * email state (identities, templates, configuration sets, sent mail) lives
 * in the SES v2 backend. This handle reaches it, for tests that start from
 * `aws.backends.ses()`.
 */
import type { BackendAccess, BackendContext } from '../../../src/core/service';
import type { SesBackend } from '../../sesv2/models/backend';
import type { SentEmail } from '../../sesv2/models/message';

export class SesV1Backend {
  readonly account: string;
  readonly region: string;
  private readonly backends: BackendAccess;

  constructor(ctx: BackendContext) {
    this.account = ctx.account;
    this.region = ctx.region;
    this.backends = ctx.backends;
  }

  /** The shared email state (the SES v2 backend of this account and region). */
  state(): Promise<SesBackend> {
    return this.backends.get<SesBackend>('sesv2', this.account, this.region);
  }

  /** Every accepted message, oldest first. */
  async sent(): Promise<SentEmail[]> {
    return (await this.state()).sent;
  }
}
