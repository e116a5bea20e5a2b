/** The resources an IAM account holds. Names are unique case-insensitively; maps key on the lower-cased name. */

export interface Tag {
  Key: string;
  Value: string;
}

/** What users, groups and roles share: inline policies and attached managed policies. */
export interface PolicyHolder {
  /** Inline policy name -> document (as sent, decoded). */
  inline: Map<string, { name: string; document: string }>;
  /** Attached managed policy ARNs, in attachment order. */
  attached: Set<string>;
}

export interface User extends PolicyHolder {
  kind: 'user';
  name: string;
  id: string;
  arn: string;
  path: string;
  created: number;
  tags: Tag[];
  boundary?: string;
  groups: Set<Group>;
  passwordLastUsed?: number;
  loginProfile?: { created: number; resetRequired: boolean; password: string };
  accessKeys: AccessKey[];
  mfaSerials: Set<string>;
  sshKeys: SshKey[];
  signingCerts: SigningCert[];
  serviceCredentials: ServiceCredential[];
}

export interface Group extends PolicyHolder {
  kind: 'group';
  name: string;
  id: string;
  arn: string;
  path: string;
  created: number;
  /** Members in the order they were added (entity references: renames need no bookkeeping). */
  members: Set<User>;
}

export interface Role extends PolicyHolder {
  kind: 'role';
  name: string;
  id: string;
  arn: string;
  path: string;
  created: number;
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  boundary?: string;
  tags: Tag[];
  lastUsed?: { date: number; region: string };
  instanceProfiles: Set<InstanceProfile>;
  /** Set for service-linked roles: only the service may change them. */
  serviceLinked?: string;
}

export interface PolicyVersion {
  id: string;
  document: string;
  created: number;
}

export interface ManagedPolicy {
  name: string;
  id: string;
  arn: string;
  path: string;
  description?: string;
  created: number;
  updated: number;
  defaultVersion: string;
  versions: PolicyVersion[];
  nextVersion: number;
  tags: Tag[];
  awsManaged: boolean;
  users: Set<User>;
  groups: Set<Group>;
  roles: Set<Role>;
  /** Users and roles using this policy as their permissions boundary. */
  boundaryOf: Set<User | Role>;
}

export interface InstanceProfile {
  name: string;
  id: string;
  arn: string;
  path: string;
  created: number;
  /** At most one role. */
  roles: Role[];
  tags: Tag[];
}

export interface AccessKey {
  id: string;
  secret: string;
  status: 'Active' | 'Inactive';
  created: number;
  userName: string;
  lastUsed?: { date: number; service: string; region: string };
}

export interface SshKey {
  id: string;
  body: string;
  fingerprint: string;
  status: 'Active' | 'Inactive';
  uploaded: number;
}

export interface SigningCert {
  id: string;
  body: string;
  status: 'Active' | 'Inactive';
  uploaded: number;
}

export interface ServiceCredential {
  id: string;
  service: string;
  userName: string;
  password: string;
  status: 'Active' | 'Inactive';
  created: number;
  expires?: number;
}

export interface MfaDevice {
  serial: string;
  path: string;
  name: string;
  seed: string;
  userName?: string;
  enabled?: number;
  tags: Tag[];
}

export interface ServerCertificate {
  name: string;
  id: string;
  arn: string;
  path: string;
  body: string;
  chain?: string;
  uploaded: number;
  expires: number;
  tags: Tag[];
}

export interface OidcProvider {
  arn: string;
  url: string;
  clientIds: string[];
  thumbprints: string[];
  created: number;
  tags: Tag[];
}

export interface SamlProvider {
  arn: string;
  name: string;
  uuid: string;
  metadata: string;
  created: number;
  validUntil: number;
  tags: Tag[];
}

export type PasswordPolicy = {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
};
