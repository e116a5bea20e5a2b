/**
 * STS state: the temporary credentials it issued. They live in the
 * dispatcher's CredentialStore (so calls signed with them land in the right
 * account); this backend only mints them.
 */
import type { BackendContext } from '../../src/core/service';
import type { CredentialStore, IssuedCredential } from '../../src/core/credentials';
import { clock } from '../../src/core/clock';
import { randomBytes } from 'node:crypto';
import { randomUpperId } from '../../src/core/ids';

export interface IssuedSession extends IssuedCredential {
  secretAccessKey: string;
  sessionToken: string;
  expires: number;
}

export class StsBackend {
  constructor(readonly ctx: BackendContext) {}

  issue(
    store: CredentialStore,
    principal: { account: string; arn: string; userId: string },
    durationSeconds: number,
  ): IssuedSession {
    const session: IssuedSession = {
      accessKeyId: `ASIA${randomUpperId(16)}`,
      secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
      sessionToken: randomBytes(96).toString('base64'),
      account: principal.account,
      arn: principal.arn,
      userId: principal.userId,
      expires: clock.now() + durationSeconds * 1000,
    };
    store.register(session);
    return session;
  }
}
