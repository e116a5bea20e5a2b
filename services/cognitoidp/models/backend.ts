/**
 * Cognito user pools for one account and region: the pools, an index of app
 * clients, pending auth challenges, and the messages Cognito would have sent
 * (confirmation, reset and MFA codes), which tests read with `lastCode`.
 *
 * Public to other services: `jwks(userPoolId)` (API Gateway's JWT and Cognito
 * authorizers), `verifyToken` (the same check GetUser makes).
 */
import type { JsonWebKey } from 'node:crypto';
import { randomBytes, randomInt } from 'node:crypto';
import { type ClockTimer, clock } from '../../../src/core/clock';
import type { BackendContext } from '../../../src/core/service';
import { clientNotFound, notAuthorized, poolNotFound, userNotFound } from '../exceptions';
import { decodeJwt, type JwtPayload, verifyJwt } from './jwt';
import { stepImport, type UserImportJob } from './import-job';
import { deliverImportLog } from './import-log';
import type { AppClient, UserPool } from './pool';
import type { SrpServerState } from './srp';
import type { PoolUser } from './user';

/** A message with a code, as Cognito would have delivered it by email or SMS. */
export interface SentCode {
  userPoolId: string;
  username: string;
  /** SIGN_UP, FORGOT_PASSWORD, VERIFY:<attribute>, MFA, or ADMIN_CREATE_USER (temporary password). */
  purpose: string;
  code: string;
  medium: 'EMAIL' | 'SMS';
  destination: string;
  at: number;
}

/** State between InitiateAuth and RespondToAuthChallenge (the Session string names it). */
export interface AuthorizationCode {
  poolId: string;
  clientId: string;
  username: string;
  redirectUri: string;
  scopes: string[];
  /** PKCE: the S256 code challenge the authorize request carried. */
  codeChallenge?: string;
  authTime: number;
  expires: number;
}

export interface ChallengeSession {
  poolId: string;
  clientId: string;
  username: string;
  challenge: string;
  expires: number;
  srp?: SrpServerState;
  /** CUSTOM_AUTH: the answers so far, for the define auth challenge trigger. */
  customHistory?: Array<{ challengeName: string; challengeResult: boolean; challengeMetadata?: string }>;
  customPrivate?: Record<string, string>;
  customMetadata?: string;
  /** The MFA code sent for SMS_MFA / EMAIL_OTP. */
  mfaCode?: string;
  /** WEB_AUTHN: the challenge (base64url) the passkey must sign. */
  webAuthnChallenge?: string;
  /** DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER: the device signing in. */
  deviceKey?: string;
  clientMetadata?: Record<string, string>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');

export class CognitoIdpBackend {
  readonly pools = new Map<string, UserPool>();
  readonly clientPools = new Map<string, UserPool>();
  /** Hosted UI domain prefix → pool. */
  readonly domains = new Map<string, UserPool>();
  readonly sessions = new Map<string, ChallengeSession>();
  /** Hosted UI authorization codes (one use, 5 minutes) → what the token endpoint trades them for. */
  readonly authCodes = new Map<string, AuthorizationCode>();
  /** UpdateProvisionedLimit: API category → requests per second, for the account and Region. */
  readonly provisionedLimits = new Map<string, number>();
  /** Every code "sent", oldest first. */
  readonly sentCodes: SentCode[] = [];

  /** Armed clock waits of started import jobs: beside the state (a timer is no data), re-armed by restored(). */
  private readonly importTimers = new WeakMap<UserImportJob, ClockTimer>();

  constructor(readonly ctx: BackendContext) {}

  /** Arms the next step of a started import job (Pending → InProgress → done; Stopping → Stopped). */
  scheduleImport(pool: UserPool, job: UserImportJob): void {
    this.importTimers.get(job)?.cancel();
    this.importTimers.delete(job);
    if (job.nextStepAt === undefined) return;
    this.importTimers.set(
      job,
      clock.at(job.nextStepAt, () => {
        if (this.pools.get(pool.id) !== pool || pool.importJobs.get(job.id) !== job) return;
        const before = job.status;
        stepImport(pool, job);
        if (job.status !== before && (job.status === 'Succeeded' || job.status === 'Failed')) void deliverImportLog(this.ctx, pool, job);
        this.scheduleImport(pool, job);
      }),
    );
  }

  /** After a snapshot restore or a state-directory load: started import jobs go on. */
  restored(): void {
    for (const pool of this.pools.values()) for (const job of pool.importJobs.values()) this.scheduleImport(pool, job);
  }

  dispose(): void {
    for (const pool of this.pools.values()) for (const job of pool.importJobs.values()) this.importTimers.get(job)?.cancel();
  }

  newPoolId(): string {
    return `${this.ctx.region}_${pick(ALNUM, 9)}`;
  }

  newClientId(): string {
    return pick(LOWER, 26);
  }

  newClientSecret(): string {
    return pick(LOWER, 51);
  }

  pool(id: string): UserPool {
    const pool = this.pools.get(id);
    if (!pool) throw poolNotFound(id);
    return pool;
  }

  /** The client and its pool; the pool id, when the operation names one, must be the client's. */
  client(clientId: string, poolId?: string): { pool: UserPool; client: AppClient } {
    const pool = this.clientPools.get(clientId);
    const client = pool?.clients.get(clientId);
    if (!pool || !client || (poolId !== undefined && pool.id !== poolId)) throw clientNotFound(clientId);
    return { pool, client };
  }

  /** The public JSON Web Key Set of a pool, as served at /<poolId>/.well-known/jwks.json. */
  jwks(userPoolId: string): { keys: JsonWebKey[] } | undefined {
    return this.pools.get(userPoolId)?.jwks();
  }

  /** The last code sent to `username` in the pool (optionally for one purpose). */
  lastCode(userPoolId: string, username: string, purpose?: string): string | undefined {
    for (let i = this.sentCodes.length - 1; i >= 0; i--) {
      const sent = this.sentCodes[i];
      if (sent.userPoolId === userPoolId && sent.username === username && (!purpose || sent.purpose === purpose)) return sent.code;
    }
    return undefined;
  }

  recordCode(pool: UserPool, user: PoolUser, purpose: string, code: string, medium: 'EMAIL' | 'SMS'): void {
    const destination = (medium === 'EMAIL' ? user.attributes.get('email') : user.attributes.get('phone_number')) ?? '';
    this.sentCodes.push({ userPoolId: pool.id, username: user.username, purpose, code, medium, destination, at: clock.now() });
  }

  openSession(session: Omit<ChallengeSession, 'expires'>, validityMinutes = 3): string {
    // Abandoned challenges are swept now and then rather than kept forever.
    if (this.sessions.size >= 1000) {
      for (const [key, s] of this.sessions) if (s.expires <= clock.now()) this.sessions.delete(key);
    }
    const id = randomBytes(192).toString('base64');
    this.sessions.set(id, { ...session, expires: clock.now() + validityMinutes * 60_000 });
    return id;
  }

  /** The challenge session a RespondToAuthChallenge names; it is used up (answers get a new one). */
  takeSession(id: string | undefined, clientId: string): ChallengeSession {
    const session = id ? this.sessions.get(id) : undefined;
    if (id) this.sessions.delete(id);
    if (!session || session.clientId !== clientId) throw notAuthorized('Invalid session for the user.');
    if (session.expires <= clock.now()) throw notAuthorized('Invalid session for the user, session is expired.');
    return session;
  }

  /**
   * The pool, user and claims of a valid access token, or the error Cognito
   * answers: a bad or foreign token, an expired one, a revoked one.
   */
  accessTokenUser(token: string): { pool: UserPool; user: PoolUser; claims: JwtPayload } {
    const claims = this.verifyToken(token, 'access');
    const poolId = String(claims.iss).split('/').pop() ?? '';
    const pool = this.pool(poolId);
    const user = pool.byUsername(String(claims.username));
    if (!user) throw userNotFound();
    return { pool, user, claims };
  }

  /** Signature, issuer, token_use, expiry and revocation of a token this backend issued. */
  verifyToken(token: string, use: 'access' | 'id'): JwtPayload {
    const decoded = decodeJwt(token);
    const poolId = typeof decoded?.payload.iss === 'string' ? decoded.payload.iss.split('/').pop() : undefined;
    const pool = poolId ? this.pools.get(poolId) : undefined;
    const label = use === 'access' ? 'Access Token' : 'Id Token';
    if (!pool) throw notAuthorized(`Invalid ${label}`);
    const { id, access } = pool.signingKeys();
    const claims = verifyJwt([use === 'access' ? access : id], token);
    if (!claims || claims.token_use !== use) throw notAuthorized(`Invalid ${label}`);
    if (typeof claims.exp === 'number' && claims.exp <= clock.epochSeconds()) throw notAuthorized(`${label} has expired`);
    if (pool.revokedOrigins.has(String(claims.origin_jti))) throw notAuthorized(`${label} has been revoked`);
    return claims;
  }
}
