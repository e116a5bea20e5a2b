/**
 * One user pool: its settings (as CreateUserPool/UpdateUserPool gave them),
 * app clients, users (indexed by username, sorted for ListUsers), groups,
 * signing keys and the refresh tokens it issued.
 */
import type { JsonWebKey } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { SortedKeySet } from '../../../src/core/sorted-keys';
import type { AssetType, TermsType, WebAuthnConfigurationType, EmailMfaConfigType, GroupType, IdentityProviderType, UICustomizationType, ResourceServerType, SchemaAttributeType, UserPoolClientType, UserPoolType } from '../types';
import type { AuthEvent } from './auth-events';
import type { UserImportJob } from './import-job';
import { newSigningKey, publicJwk, type SigningKey, warmSigningKeys } from './jwt';
import type { Replica } from './replicas';
import type { PoolSecurity } from './security';
import { addSchemaAttributes, standardSchema } from './schema';
import { PoolUser } from './user';
import type { Passkey, PendingRegistration } from './webauthn';

/** UserPoolType without what the pool computes when it is described. */
export type PoolSettings = Omit<UserPoolType, 'Id' | 'Name' | 'Arn' | 'CreationDate' | 'LastModifiedDate' | 'SchemaAttributes' | 'EstimatedNumberOfUsers' | 'Domain'>;

/** One of an app client's secrets (AddUserPoolClientSecret rotation); `generated` when Cognito made the value. */
export interface ClientSecretEntry {
  id: string;
  value: string;
  created: number;
  generated: boolean;
}

export interface AppClient extends UserPoolClientType {
  ClientId: string;
  ClientName: string;
  /**
   * Every active secret, oldest first (at most two); ClientSecret is the oldest. Not a
   * member of the model's shape, so it is never serialized.
   */
  secrets?: ClientSecretEntry[];
}

/** The secrets a confidential client accepts: its rotation list, else the one it was created with. */
export function activeSecrets(client: AppClient): string[] {
  if (client.secrets?.length) return client.secrets.map((s) => s.value);
  return client.ClientSecret ? [client.ClientSecret] : [];
}

export interface Group extends GroupType {
  GroupName: string;
}

export interface RefreshSession {
  username: string;
  clientId: string;
  originJti: string;
  authTime: number;
  issuedAt: number;
  revoked: boolean;
  /** Rotated out by GetTokensFromRefreshToken: valid until this instant (the client's retry grace period). */
  rotatedUntil?: number;
}

/** A managed login branding style; it belongs to one app client (the API's shape does not name it). */
export interface Branding {
  id: string;
  clientId: string;
  useCognitoProvidedValues: boolean;
  settings?: Record<string, unknown>;
  assets: AssetType[];
  created: number;
  modified: number;
}

/** An authorize request sent on to an identity provider, waiting for /oauth2/idpresponse (keyed by the state sent). */
export interface FederationRequest {
  /** The app's authorize query, to finish its code grant with. */
  query: string;
  provider: string;
  nonce: string;
  /** The idpresponse URL the provider was given (the token request must repeat it). */
  redirectUri: string;
  expires: number;
}

export class UserPool {
  readonly clients = new Map<string, AppClient>();
  readonly groups = new Map<string, Group>();
  readonly resourceServers = new Map<string, ResourceServerType>();
  /** Third-party IdPs by provider name (CreateIdentityProvider). */
  readonly identityProviders = new Map<string, IdentityProviderType>();
  /** Classic hosted UI branding by app client id, `ALL` for the pool's default (SetUICustomization). */
  readonly uiCustomizations = new Map<string, UICustomizationType>();
  /** AdminLinkProviderForUser: `<provider>|<attribute name>|<attribute value>` → the local username it signs in as. */
  readonly providerLinks = new Map<string, string>();
  readonly schema: Map<string, SchemaAttributeType> = standardSchema();
  private readonly users = new Map<string, PoolUser>();
  private readonly order = new SortedKeySet();
  readonly refreshTokens = new Map<string, RefreshSession>();
  /** origin_jti values whose access and ID tokens RevokeToken invalidated. */
  readonly revokedOrigins = new Set<string>();
  created = clock.now();
  modified = clock.now();
  domain?: string;
  domainVersion = 1;
  /** SetUserPoolMfaConfig: TOTP and email OTP as second factors. */
  softwareTokenMfa = false;
  emailMfa?: EmailMfaConfigType;
  private keys?: { id: SigningKey; access: SigningKey };
  /** Terms documents by TermsId (CreateTerms): at most one terms-of-use and one privacy-policy per app client. */
  readonly terms = new Map<string, TermsType>();
  /** Managed login branding styles by id (CreateManagedLoginBranding): one per app client. */
  readonly brandings = new Map<string, Branding>();
  /** Federated sign-ins under way (hosted-ui-federation.ts), by the state sent to the provider. */
  readonly federationRequests = new Map<string, FederationRequest>();
  /** SetUserPoolMfaConfig's WebAuthnConfiguration (relying party id, user verification). */
  webAuthn?: WebAuthnConfigurationType;
  /** Registered passkeys: user sub → credential id (base64url) → passkey. */
  readonly passkeys = new Map<string, Map<string, Passkey>>();
  /** StartWebAuthnRegistration challenges by user sub (one at a time, as a newer start replaces it). */
  readonly passkeyRegistrations = new Map<string, PendingRegistration>();
  /** User import jobs by job id, in creation order (ListUserImportJobs). */
  readonly importJobs = new Map<string, UserImportJob>();
  /** Threat protection, log delivery and session settings (SetRiskConfiguration, SetLogDeliveryConfiguration, ...). */
  readonly security: PoolSecurity = { risk: new Map(), logConfigurations: [] };
  /** Multi-Region replicas by Region (CreateUserPoolReplica). */
  readonly replicas = new Map<string, Replica>();
  /** Auth events (threat protection) by username, oldest first. */
  readonly authEvents = new Map<string, AuthEvent[]>();

  constructor(
    readonly id: string,
    public name: string,
    readonly arn: string,
    public settings: PoolSettings,
    schema: SchemaAttributeType[] = [],
  ) {
    addSchemaAttributes(this.schema, schema);
    warmSigningKeys();
  }

  /** The part of the id after the region, which SRP hashes as the "pool name". */
  get srpName(): string {
    return this.id.split('_')[1] ?? this.id;
  }

  get caseSensitive(): boolean {
    return this.settings.UsernameConfiguration?.CaseSensitive ?? true;
  }

  signingKeys(): { id: SigningKey; access: SigningKey } {
    this.keys ??= { id: newSigningKey(), access: newSigningKey() };
    return this.keys;
  }

  jwks(): { keys: JsonWebKey[] } {
    const { id, access } = this.signingKeys();
    return { keys: [publicJwk(id), publicJwk(access)] };
  }

  describe(): UserPoolType {
    return {
      Id: this.id,
      Name: this.name,
      Arn: this.arn,
      ...this.settings,
      SchemaAttributes: [...this.schema.values()],
      EstimatedNumberOfUsers: this.users.size,
      CreationDate: new Date(this.created),
      LastModifiedDate: new Date(this.modified),
      ...(this.domain ? { Domain: this.domain } : {}),
    };
  }

  // --- users ---

  private key(username: string): string {
    return this.caseSensitive ? username : username.toLowerCase();
  }

  userCount(): number {
    return this.users.size;
  }

  addUser(username: string, password: string | undefined, status: PoolUser['status'], sub: string = randomUUID()): PoolUser {
    const user = new PoolUser(username, sub, password, status);
    this.users.set(this.key(username), user);
    this.order.add(this.key(username));
    return user;
  }

  removeUser(user: PoolUser): void {
    this.users.delete(this.key(user.username));
    this.order.delete(this.key(user.username));
    this.passkeys.delete(user.sub);
    this.passkeyRegistrations.delete(user.sub);
    for (const [token, session] of this.refreshTokens) if (session.username === user.username) this.refreshTokens.delete(token);
  }

  /** The user by username only (admin operations name users by username or alias, see find). */
  byUsername(username: string): PoolUser | undefined {
    return this.users.get(this.key(username));
  }

  /**
   * The user a sign-in name means: the username itself, or (with username
   * attributes or aliases) a user whose email/phone/preferred_username is it.
   * Aliases only match verified values, as Cognito's do; preferred_username needs none.
   */
  find(name: string): PoolUser | undefined {
    const direct = this.byUsername(name);
    if (direct) return direct;
    const viaUsernameAttrs = this.settings.UsernameAttributes ?? [];
    const viaAliases = this.settings.AliasAttributes ?? [];
    const candidates = [...new Set([...viaUsernameAttrs, ...viaAliases])];
    if (!candidates.length) return undefined;
    for (const user of this.users.values()) {
      for (const attr of candidates) {
        const value = user.attributes.get(attr);
        if (value === undefined || value.toLowerCase() !== name.toLowerCase()) continue;
        if (viaUsernameAttrs.includes(attr) || attr === 'preferred_username') return user;
        if (user.attributes.get(`${attr}_verified`) === 'true') return user;
      }
    }
    return undefined;
  }

  /** Another user that already holds `value` for a unique attribute (alias or username attribute). */
  holderOf(attr: string, value: string, except?: PoolUser): PoolUser | undefined {
    for (const user of this.users.values()) {
      if (user !== except && user.attributes.get(attr)?.toLowerCase() === value.toLowerCase()) return user;
    }
    return undefined;
  }

  /** Users in username order from after `after`. */
  *usersFrom(after: string | undefined): Generator<PoolUser> {
    for (const key of this.order.from(after, true)) {
      const user = this.users.get(key);
      if (user) yield user;
    }
  }

  orderKey(user: PoolUser): string {
    return this.key(user.username);
  }

  allUsers(): IterableIterator<PoolUser> {
    return this.users.values();
  }
}
