/**
 * Passkeys: StartWebAuthnRegistration / CompleteWebAuthnRegistration (the
 * signed-in user registers an authenticator), ListWebAuthnCredentials,
 * DeleteWebAuthnCredential, and the WEB_AUTHN first factor of USER_AUTH
 * sign-in (CREDENTIAL_REQUEST_OPTIONS, answered with CREDENTIAL). The checks
 * of the authenticator's data are in models/webauthn.ts.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import type { HandlerTable } from '../../../src/core/service';
import { invalidParameter, notAuthorized, resourceNotFound } from '../exceptions';
import type { ChallengeSession, CognitoIdpBackend } from '../models/backend';
import type { UserPool } from '../models/pool';
import type { PoolUser } from '../models/user';
import {
  type Passkey,
  verifyAssertion,
  verifyRegistration,
  webAuthnChallengeNotFound,
  webAuthnClientMismatch,
  webAuthnConfigurationMissing,
  webAuthnNotEnabled,
} from '../models/webauthn';
import type { CognitoidpOperations } from '../types';
import { type AuthAnswer, challenge, type FlowContext, finishSignIn } from './auth-steps';
import type { Ctx } from './common';
import { decodeToken, encodeToken } from './paging';

/** How long a registration or sign-in challenge stays answerable (the options' timeout). */
const CHALLENGE_TTL_MS = 3 * 60_000;
/** Passkeys a user may register (the fake's limit; ListWebAuthnCredentials pages at most 20). */
const MAX_PASSKEYS = 20;

/** The relying party: the pool's WebAuthnConfiguration, else its domain (a prefix domain's full host name). */
function relyingParty(pool: UserPool, region: string): string {
  const configured = pool.webAuthn?.RelyingPartyId;
  if (configured) return configured;
  if (pool.domain) return pool.domain.includes('.') ? pool.domain : `${pool.domain}.auth.${region}.amazoncognito.com`;
  throw webAuthnConfigurationMissing('The user pool has no relying party id (WebAuthnConfiguration) and no domain.');
}

const userVerification = (pool: UserPool) => pool.webAuthn?.UserVerification ?? 'preferred';

export const passkeysEnabled = (pool: UserPool) => (pool.settings.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? []).includes('WEB_AUTHN');

export function passkeysOf(pool: UserPool, user: PoolUser): Map<string, Passkey> {
  return pool.passkeys.get(user.sub) ?? new Map();
}

/** The signed-in user of an access token that carries aws.cognito.signin.user.admin. */
function signedInUser(ctx: Ctx, token: string) {
  const found = ctx.backend.accessTokenUser(token);
  if (!String(found.claims.scope ?? '').split(' ').includes('aws.cognito.signin.user.admin')) {
    throw notAuthorized('Access Token does not have required scopes');
  }
  if (found.user.status === 'RESET_REQUIRED') throw new AwsError('PasswordResetRequiredException', 'Password reset required for the user', { status: 400 });
  return found;
}

const descriptor = (p: Passkey) => ({ type: 'public-key', id: p.credentialId, ...(p.transports.length ? { transports: p.transports } : {}) });

/** USER_AUTH's WEB_AUTHN choice: the request options for the user's passkeys, answered with CREDENTIAL. */
export function webAuthnChallenge(f: FlowContext, user: PoolUser): AuthAnswer {
  const rpId = relyingParty(f.pool, f.ctx.region);
  const nonce = randomBytes(32).toString('base64url');
  const options = {
    challenge: nonce,
    timeout: CHALLENGE_TTL_MS,
    rpId,
    allowCredentials: [...passkeysOf(f.pool, user).values()].map(descriptor),
    userVerification: userVerification(f.pool),
  };
  return challenge(f, user, 'WEB_AUTHN', { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) }, { webAuthnChallenge: nonce });
}

/** The WEB_AUTHN answer: a passkey assertion over the session's challenge; tokens when it checks out. */
export async function webAuthnAnswer(f: FlowContext, user: PoolUser, session: ChallengeSession, responses: Record<string, string>): Promise<AuthAnswer> {
  if (!responses.CREDENTIAL) throw invalidParameter('Missing required parameter CREDENTIAL');
  let credential: unknown;
  try {
    credential = JSON.parse(responses.CREDENTIAL);
  } catch {
    throw invalidParameter('CREDENTIAL is not valid JSON.');
  }
  verifyAssertion(
    credential,
    passkeysOf(f.pool, user),
    { challenge: session.webAuthnChallenge ?? '', rpId: relyingParty(f.pool, f.ctx.region), userVerification: userVerification(f.pool) },
    notAuthorized,
  );
  return { ChallengeParameters: {}, AuthenticationResult: await finishSignIn(f, user, 'TokenGeneration_Authentication') };
}

export const webAuthn: HandlerTable<CognitoidpOperations, CognitoIdpBackend> = {
  StartWebAuthnRegistration(input, ctx) {
    const { pool, user, claims } = signedInUser(ctx, input.AccessToken);
    if (!passkeysEnabled(pool)) throw webAuthnNotEnabled('Passkey sign-in (WEB_AUTHN) is not an allowed first factor of the user pool.');
    const rpId = relyingParty(pool, ctx.region);
    const existing = passkeysOf(pool, user);
    if (existing.size >= MAX_PASSKEYS) throw new AwsError('LimitExceededException', `A user can register at most ${MAX_PASSKEYS} passkeys.`, { status: 400 });
    const nonce = randomBytes(32).toString('base64url');
    pool.passkeyRegistrations.set(user.sub, { challenge: nonce, clientId: String(claims.client_id), rpId, expires: clock.now() + CHALLENGE_TTL_MS });
    const uv = userVerification(pool);
    return {
      CredentialCreationOptions: {
        challenge: nonce,
        rp: { id: rpId, name: rpId },
        user: { id: Buffer.from(user.sub).toString('base64url'), name: user.username, displayName: user.attributes.get('name') ?? user.username },
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        timeout: CHALLENGE_TTL_MS,
        excludeCredentials: [...existing.values()].map(descriptor),
        authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: uv },
      },
    };
  },

  CompleteWebAuthnRegistration(input, ctx) {
    const { pool, user, claims } = signedInUser(ctx, input.AccessToken);
    if (!passkeysEnabled(pool)) throw webAuthnNotEnabled('Passkey sign-in (WEB_AUTHN) is not an allowed first factor of the user pool.');
    const pending = pool.passkeyRegistrations.get(user.sub);
    if (!pending || pending.expires <= clock.now()) throw webAuthnChallengeNotFound('The registration challenge was not found or has expired.');
    if (pending.clientId !== String(claims.client_id)) throw webAuthnClientMismatch('The access token is for another app client than the one that started the registration.');
    const passkey = verifyRegistration(input.Credential, { challenge: pending.challenge, rpId: pending.rpId, userVerification: userVerification(pool), now: clock.now() });
    const mine = pool.passkeys.get(user.sub) ?? new Map<string, Passkey>();
    if (mine.has(passkey.credentialId)) throw invalidParameter('The passkey is already registered.');
    if (mine.size >= MAX_PASSKEYS) throw new AwsError('LimitExceededException', `A user can register at most ${MAX_PASSKEYS} passkeys.`, { status: 400 });
    pool.passkeyRegistrations.delete(user.sub);
    mine.set(passkey.credentialId, passkey);
    pool.passkeys.set(user.sub, mine);
    return {};
  },

  ListWebAuthnCredentials(input, ctx) {
    const { pool, user } = signedInUser(ctx, input.AccessToken);
    // In registration order; the token is the last credential id shown.
    const all = [...passkeysOf(pool, user).values()];
    const after = decodeToken(input.NextToken);
    const start = after === undefined ? 0 : all.findIndex((p) => p.credentialId === after) + 1;
    if (after !== undefined && start === 0) throw invalidParameter('Invalid pagination token.');
    const size = input.MaxResults || 20;
    const page = all.slice(start, start + size);
    return {
      Credentials: page.map((p) => ({
        CredentialId: p.credentialId,
        FriendlyCredentialName: p.friendlyName,
        RelyingPartyId: p.rpId,
        ...(p.attachment ? { AuthenticatorAttachment: p.attachment } : {}),
        AuthenticatorTransports: p.transports,
        CreatedAt: new Date(p.createdAt),
      })),
      NextToken: start + size < all.length ? encodeToken(page[page.length - 1].credentialId) : undefined,
    };
  },

  DeleteWebAuthnCredential(input, ctx) {
    const { pool, user } = signedInUser(ctx, input.AccessToken);
    const mine = pool.passkeys.get(user.sub);
    if (!mine?.delete(input.CredentialId)) throw resourceNotFound('Credential not found.');
    return {};
  },
};
