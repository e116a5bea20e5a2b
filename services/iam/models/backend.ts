/**
 * IAM state for one account (IAM is global). Handlers validate and shape
 * answers; the backend holds the resources, finds them (NoSuchEntity as IAM
 * words it) and answers the public API other services use:
 * `getRoleByArn`, `roleExists`, `policiesForPrincipal`.
 */
import type { CredentialStore } from '../../../src/core/credentials';
import { clock } from '../../../src/core/clock';
import type { BackendContext } from '../../../src/core/service';
import { parsePolicy, type PolicyDocument, type PolicyRef } from '../../../src/core/policy';
import { noSuchEntity } from '../exceptions';
import { AWS_MANAGED, splitAwsManagedArn } from './aws-managed';
import type {
  AccessKey,
  Group,
  InstanceProfile,
  ManagedPolicy,
  MfaDevice,
  OidcProvider,
  PasswordPolicy,
  Role,
  SamlProvider,
  ServerCertificate,
  User,
} from './entities';
import { newId } from './ids';
import { NamedStore } from './store';

export class IamBackend {
  readonly account: string;
  readonly partition = 'aws';
  readonly users = new NamedStore<User>();
  readonly groups = new NamedStore<Group>();
  readonly roles = new NamedStore<Role>();
  readonly instanceProfiles = new NamedStore<InstanceProfile>();
  readonly serverCertificates = new NamedStore<ServerCertificate>();
  /** Customer managed policies by ARN; AWS managed ones are materialised on first reference. */
  readonly policies = new Map<string, ManagedPolicy>();
  readonly accessKeys = new Map<string, AccessKey>();
  readonly mfaDevices = new Map<string, MfaDevice>();
  readonly oidcProviders = new Map<string, OidcProvider>();
  readonly samlProviders = new Map<string, SamlProvider>();
  readonly deletionTasks = new Map<string, { status: 'SUCCEEDED' }>();
  readonly serviceLastAccessedJobs = new Map<string, { arn: string; created: number }>();
  aliases: string[] = [];
  passwordPolicy?: PasswordPolicy;
  credentialReport?: { generated: number; csv: string };
  stsRegionalEndpoints?: string;
  outboundFederation?: { issuer: string };

  /** When the account came to be (the root user's creation time in the credential report). */
  readonly created = clock.now();

  constructor(readonly ctx: BackendContext) {
    this.account = ctx.account;
  }

  arn(resource: string): string {
    return `arn:${this.partition}:iam::${this.account}:${resource}`;
  }

  // --- lookups ---------------------------------------------------------------

  user(name: string): User {
    const user = this.users.get(name);
    if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    return user;
  }

  group(name: string): Group {
    const group = this.groups.get(name);
    if (!group) throw noSuchEntity(`The group with name ${name} cannot be found.`);
    return group;
  }

  role(name: string): Role {
    const role = this.roles.get(name);
    if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return role;
  }

  instanceProfile(name: string): InstanceProfile {
    const profile = this.instanceProfiles.get(name);
    if (!profile) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
    return profile;
  }

  /** A managed policy by ARN; AWS managed ARNs always resolve. */
  findPolicy(arn: string): ManagedPolicy | undefined {
    const found = this.policies.get(arn);
    if (found) return found;
    const aws = splitAwsManagedArn(arn);
    if (!aws) return undefined;
    const known = AWS_MANAGED[aws.name];
    if (known && known.path !== aws.path) return undefined;
    const created = Date.UTC(2015, 1, 6, 18, 39, 46);
    const policy: ManagedPolicy = {
      name: aws.name,
      id: newId('policy'),
      arn,
      path: aws.path,
      description: known?.description,
      created,
      updated: created,
      defaultVersion: 'v1',
      versions: [
        {
          id: 'v1',
          document: JSON.stringify(known?.document ?? { Version: '2012-10-17', Statement: [] }),
          created,
        },
      ],
      nextVersion: 2,
      tags: [],
      awsManaged: true,
      users: new Set(),
      groups: new Set(),
      roles: new Set(),
      boundaryOf: new Set(),
    };
    this.policies.set(arn, policy);
    return policy;
  }

  policy(arn: string): ManagedPolicy {
    const policy = this.findPolicy(arn);
    if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
    return policy;
  }

  /** For attach and boundary operations, which word the miss differently. */
  attachablePolicy(arn: string): ManagedPolicy {
    const policy = this.findPolicy(arn);
    if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  /** Materialises the shipped AWS managed policies, for ListPolicies Scope=AWS|All. */
  allPolicies(): ManagedPolicy[] {
    for (const [name, p] of Object.entries(AWS_MANAGED)) this.findPolicy(`arn:aws:iam::aws:policy${p.path}${name}`);
    return [...this.policies.values()];
  }

  defaultDocument(policy: ManagedPolicy): string {
    return (policy.versions.find((v) => v.id === policy.defaultVersion) as { document: string }).document;
  }

  // --- the public API other services use ---------------------------------------

  /** The role an ARN names in this account, or undefined (Lambda checks execution roles with it). */
  getRoleByArn(arn: string): Role | undefined {
    const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m || m[1] !== this.account) return undefined;
    const role = this.roles.get(m[2]);
    return role && role.arn === arn ? role : undefined;
  }

  roleExists(arn: string): boolean {
    return this.getRoleByArn(arn) !== undefined;
  }

  /** The user an ARN names, or undefined. */
  getUserByArn(arn: string): User | undefined {
    const m = /^arn:[^:]+:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m || m[1] !== this.account) return undefined;
    const user = this.users.get(m[2]);
    return user && user.arn === arn ? user : undefined;
  }

  /**
   * Registers a user's access keys with the dispatcher's CredentialStore, so a
   * call signed with one acts as the user; an Inactive key stays registered,
   * disabled, so calls signed with it are refused as AWS refuses them.
   */
  registerKeys(user: User, store: CredentialStore): void {
    for (const key of user.accessKeys) {
      store.register({
        accessKeyId: key.id,
        // The server's --verify-signatures checks a request signed with it against this secret.
        secretAccessKey: key.secret,
        account: this.account,
        arn: user.arn,
        userId: user.id,
        disabled: key.status === 'Inactive',
      });
    }
  }

  /** A deleted key stays known to the store, disabled: AWS refuses it (InvalidClientTokenId). */
  revokeKey(key: AccessKey, user: User, store: CredentialStore): void {
    store.register({ accessKeyId: key.id, account: this.account, arn: user.arn, userId: user.id, disabled: true });
  }

  /** Records a successful AssumeRole, for RoleLastUsed. */
  noteRoleUsed(arn: string, region: string): void {
    const role = this.getRoleByArn(arn);
    if (role) role.lastUsed = { date: clock.now(), region };
  }

  /** Records a call made with an access key, for GetAccessKeyLastUsed. */
  noteAccessKeyUsed(accessKeyId: string, service: string, region: string): void {
    const key = this.accessKeys.get(accessKeyId);
    if (key) key.lastUsed = { date: clock.now(), service, region };
  }

  /**
   * The identity policies of a principal (inline, attached, and for a user its
   * groups'), plus its permissions boundary: what the evaluator needs. A role
   * session ARN (arn:aws:sts::...:assumed-role/R/s) resolves to role R.
   * Undefined when the principal is not an IAM user or role of this account.
   */
  policiesForPrincipal(
    arn: string,
  ): { identity: PolicyRef[]; boundary?: PolicyRef; tags: Record<string, string>; roleArn?: string } | undefined {
    const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
    let holder: User | Role | undefined;
    if (session) holder = session[1] === this.account ? this.roles.get(session[2]) : undefined;
    else holder = this.getUserByArn(arn) ?? this.getRoleByArn(arn);
    if (!holder) return undefined;
    const identity: PolicyRef[] = [];
    const addHolder = (h: User | Group | Role, label: string) => {
      for (const p of h.inline.values()) identity.push({ id: `${label}/${p.name}`, document: safeParse(p.document) });
      for (const policyArn of h.attached) {
        const policy = this.findPolicy(policyArn);
        if (policy) identity.push({ id: policyArn, document: safeParse(this.defaultDocument(policy)) });
      }
    };
    addHolder(holder, holder.name);
    if (holder.kind === 'user') {
      for (const group of holder.groups) addHolder(group, group.name);
    }
    let boundary: PolicyRef | undefined;
    if (holder.boundary) {
      const policy = this.findPolicy(holder.boundary);
      if (policy) boundary = { id: holder.boundary, document: safeParse(this.defaultDocument(policy)) };
    }
    const tags: Record<string, string> = {};
    for (const t of holder.kind === 'user' || holder.kind === 'role' ? holder.tags : []) tags[t.Key] = t.Value;
    return { identity, boundary, tags, roleArn: holder.kind === 'role' ? holder.arn : undefined };
  }
}

/**
 * Parsed documents by text: enforcement asks for a principal's policies on
 * every call, and the same few documents come back each time. Bounded, oldest
 * dropped first.
 */
const parsedDocuments = new Map<string, PolicyDocument>();
const PARSED_LIMIT = 1000;

/** Stored documents were validated on the way in; a parse failure here grants nothing. */
function safeParse(text: string): PolicyDocument {
  const cached = parsedDocuments.get(text);
  if (cached) return cached;
  let doc: PolicyDocument;
  try {
    doc = parsePolicy(text, 'identity');
  } catch {
    doc = { version: '2012-10-17', statements: [] };
  }
  if (parsedDocuments.size >= PARSED_LIMIT) parsedDocuments.delete(parsedDocuments.keys().next().value as string);
  parsedDocuments.set(text, doc);
  return doc;
}
