/** Account-wide: alias, password policy, summary, credential report, authorization details, STS preferences. */
import { randomUUID } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { actionMatches } from '../../../src/core/policy';
import type { HandlerTable } from '../../../src/core/service';
import { entityAlreadyExists, noSuchEntity } from '../exceptions';
import type { IamBackend } from '../models/backend';
import { credentialReportCsv } from '../models/credential-report';
import type { Group, ManagedPolicy, PolicyHolder, Role, User } from '../models/entities';
import { pageOf } from '../models/store';
import type { IamOperations } from '../types';
import { date, encodeDocument, instanceProfileView, pageFields, policyView, roleView, userView } from './common';

/** A credential report stays current for four hours (IAM User Guide, "Getting credential reports"). */
const REPORT_TTL = 4 * 3600 * 1000;

function noPasswordPolicy(b: IamBackend) {
  return noSuchEntity(`The Password Policy with domain name ${b.account} cannot be found.`);
}

function inlineList(h: PolicyHolder) {
  return [...h.inline.values()].map((p) => ({ PolicyName: p.name, PolicyDocument: encodeDocument(p.document) }));
}

function attachedList(b: IamBackend, h: PolicyHolder) {
  return [...h.attached].map((arn) => ({ PolicyName: b.findPolicy(arn)?.name, PolicyArn: arn }));
}

const inUse = (p: ManagedPolicy) => p.users.size + p.groups.size + p.roles.size + p.boundaryOf.size > 0;

export const accountHandlers: HandlerTable<IamOperations, IamBackend> = {
  CreateAccountAlias(input, ctx) {
    const b = ctx.backend;
    if (b.aliases.includes(input.AccountAlias)) throw entityAlreadyExists(`The account alias ${input.AccountAlias} already exists.`);
    // An account has one alias: a new one replaces the old (IAM User Guide, "Your AWS account ID and its alias").
    b.aliases = [input.AccountAlias];
  },

  DeleteAccountAlias(input, ctx) {
    const b = ctx.backend;
    if (!b.aliases.includes(input.AccountAlias)) throw noSuchEntity(`The account alias ${input.AccountAlias} cannot be found.`);
    b.aliases = [];
  },

  ListAccountAliases(input, ctx) {
    const page = pageOf(ctx.backend.aliases, input.Marker, input.MaxItems, (a) => a);
    return { AccountAliases: page.items, ...pageFields(page) };
  },

  UpdateAccountPasswordPolicy(input, ctx) {
    ctx.backend.passwordPolicy = {
      MinimumPasswordLength: input.MinimumPasswordLength ?? 6,
      RequireSymbols: input.RequireSymbols ?? false,
      RequireNumbers: input.RequireNumbers ?? false,
      RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
      ExpirePasswords: (input.MaxPasswordAge ?? 0) > 0,
      MaxPasswordAge: input.MaxPasswordAge || undefined,
      PasswordReusePrevention: input.PasswordReusePrevention || undefined,
      HardExpiry: input.HardExpiry ?? false,
    };
  },

  GetAccountPasswordPolicy(_input, ctx) {
    const policy = ctx.backend.passwordPolicy;
    if (!policy) throw noPasswordPolicy(ctx.backend);
    return { PasswordPolicy: { ...policy } };
  },

  DeleteAccountPasswordPolicy(_input, ctx) {
    if (!ctx.backend.passwordPolicy) throw noPasswordPolicy(ctx.backend);
    ctx.backend.passwordPolicy = undefined;
  },

  GetAccountSummary(_input, ctx) {
    const b = ctx.backend;
    const users = [...b.users.values()];
    const local = [...b.policies.values()].filter((p) => !p.awsManaged);
    const SummaryMap: Record<string, number> = {
      Users: b.users.size,
      UsersQuota: 5000,
      Groups: b.groups.size,
      GroupsQuota: 300,
      ServerCertificates: b.serverCertificates.size,
      ServerCertificatesQuota: 20,
      UserPolicySizeQuota: 2048,
      GroupPolicySizeQuota: 5120,
      GroupsPerUserQuota: 10,
      SigningCertificatesPerUserQuota: 2,
      AccessKeysPerUserQuota: 2,
      MFADevices: b.mfaDevices.size,
      MFADevicesInUse: users.reduce((n, u) => n + u.mfaSerials.size, 0),
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 0,
      AccountSigningCertificatesPresent: 0,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      Policies: local.length,
      PoliciesQuota: 1500,
      PolicySizeQuota: 6144,
      PolicyVersionsInUse: local.filter(inUse).reduce((n, p) => n + p.versions.length, 0),
      PolicyVersionsInUseQuota: 10000,
      VersionsPerPolicyQuota: 5,
      GlobalEndpointTokenVersion: b.stsRegionalEndpoints === 'v2Token' ? 2 : 1,
      Roles: b.roles.size,
      RolesQuota: 1000,
      RolePolicySizeQuota: 10240,
      InstanceProfiles: b.instanceProfiles.size,
      InstanceProfilesQuota: 1000,
      Providers: b.oidcProviders.size + b.samlProviders.size,
      AssumeRolePolicySizeQuota: 2048,
    };
    return { SummaryMap };
  },

  GenerateCredentialReport(_input, ctx) {
    const b = ctx.backend;
    const fresh = b.credentialReport && clock.now() - b.credentialReport.generated < REPORT_TTL;
    const first = !b.credentialReport;
    if (!fresh) b.credentialReport = { generated: clock.now(), csv: credentialReportCsv(b, b.created) };
    return first
      ? { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' }
      : { State: 'COMPLETE' };
  },

  GetCredentialReport(_input, ctx) {
    const report = ctx.backend.credentialReport;
    if (!report) throw new AwsError('ReportNotPresent', 'Unknown');
    if (clock.now() - report.generated >= REPORT_TTL) throw new AwsError('ReportExpired', 'Unknown');
    return { Content: new Uint8Array(Buffer.from(report.csv)), ReportFormat: 'text/csv', GeneratedTime: date(report.generated) };
  },

  GetAccountAuthorizationDetails(input, ctx) {
    const b = ctx.backend;
    const filter = new Set(input.Filter ?? ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy']);
    type Entry = { key: string; user?: User; group?: Group; role?: Role; policy?: ManagedPolicy };
    const entries: Entry[] = [];
    const byName = <T extends { name: string }>(items: Iterable<T>) => [...items].sort((x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : 1));
    if (filter.has('User')) for (const user of byName(b.users.values())) entries.push({ key: `u:${user.id}`, user });
    if (filter.has('Group')) for (const group of byName(b.groups.values())) entries.push({ key: `g:${group.id}`, group });
    if (filter.has('Role')) for (const role of byName(b.roles.values())) entries.push({ key: `r:${role.id}`, role });
    for (const policy of byName(b.policies.values())) {
      const wanted = policy.awsManaged ? filter.has('AWSManagedPolicy') && inUse(policy) : filter.has('LocalManagedPolicy');
      if (wanted) entries.push({ key: `p:${policy.arn}`, policy });
    }
    const page = pageOf(entries, input.Marker, input.MaxItems, (e) => e.key);
    const items = page.items;
    return {
      UserDetailList: items.flatMap(({ user: u }) =>
        u
          ? [
              {
                ...userView(u, true),
                PasswordLastUsed: undefined,
                UserPolicyList: inlineList(u),
                GroupList: [...u.groups].map((g) => g.name),
                AttachedManagedPolicies: attachedList(b, u),
                Tags: u.tags,
              },
            ]
          : [],
      ),
      GroupDetailList: items.flatMap(({ group: g }) =>
        g
          ? [
              {
                Path: g.path,
                GroupName: g.name,
                GroupId: g.id,
                Arn: g.arn,
                CreateDate: date(g.created),
                GroupPolicyList: inlineList(g),
                AttachedManagedPolicies: attachedList(b, g),
              },
            ]
          : [],
      ),
      RoleDetailList: items.flatMap(({ role: r }) =>
        r
          ? [
              {
                ...roleView(r),
                Description: undefined,
                MaxSessionDuration: undefined,
                InstanceProfileList: [...r.instanceProfiles].map(instanceProfileView),
                RolePolicyList: inlineList(r),
                AttachedManagedPolicies: attachedList(b, r),
                Tags: r.tags,
              },
            ]
          : [],
      ),
      Policies: items.flatMap(({ policy: p }) =>
        p
          ? [
              {
                ...policyView(p, false),
                Tags: undefined,
                Description: p.description,
                PolicyVersionList: p.versions.map((v) => ({
                  Document: encodeDocument(v.document),
                  VersionId: v.id,
                  IsDefaultVersion: v.id === p.defaultVersion,
                  CreateDate: date(v.created),
                })),
              },
            ]
          : [],
      ),
      ...pageFields(page),
    };
  },

  SetSecurityTokenServicePreferences(input, ctx) {
    ctx.backend.stsRegionalEndpoints = input.GlobalEndpointTokenVersion;
  },

  EnableOutboundWebIdentityFederation(_input, ctx) {
    const b = ctx.backend;
    if (b.outboundFederation) throw new AwsError('FeatureEnabled', 'Outbound web identity federation is already enabled for this account.');
    b.outboundFederation = { issuer: `https://${randomUUID()}.tokens.sts.global.api.aws` };
    return { IssuerIdentifier: b.outboundFederation.issuer };
  },

  DisableOutboundWebIdentityFederation(_input, ctx) {
    const b = ctx.backend;
    if (!b.outboundFederation) throw new AwsError('FeatureDisabled', 'Outbound web identity federation is disabled for this account.');
    b.outboundFederation = undefined;
  },

  GetOutboundWebIdentityFederationInfo(_input, ctx) {
    const b = ctx.backend;
    if (!b.outboundFederation) throw new AwsError('FeatureDisabled', 'Outbound web identity federation is disabled for this account.');
    return { IssuerIdentifier: b.outboundFederation.issuer, JwtVendingEnabled: true };
  },

  ListPoliciesGrantingServiceAccess(input, ctx) {
    const b = ctx.backend;
    const arn = input.Arn;
    const holder: User | Group | Role | undefined =
      b.getUserByArn(arn) ?? b.getRoleByArn(arn) ?? [...b.groups.values()].find((g) => g.arn === arn);
    if (!holder) throw noSuchEntity(`The entity with ARN ${arn} cannot be found.`);
    type Source = { h: User | Group | Role; name: string; document: string; arn?: string };
    const sources: Source[] = [];
    const collect = (h: User | Group | Role) => {
      for (const p of h.inline.values()) sources.push({ h, name: p.name, document: p.document });
      for (const a of h.attached) {
        const p = b.findPolicy(a);
        if (p) sources.push({ h, name: p.name, document: b.defaultDocument(p), arn: p.arn });
      }
    };
    collect(holder);
    if (holder.kind === 'user') for (const g of holder.groups) collect(g);
    const grants = (document: string, ns: string) => {
      try {
        const doc = JSON.parse(document) as { Statement: unknown };
        const list = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Record<string, unknown>[];
        return list.some((s) => {
          if (s.Effect !== 'Allow') return false;
          const actions = ([] as string[]).concat((s.Action as string | string[]) ?? []);
          if (s.NotAction !== undefined) return true;
          return actions.some((a) => a === '*' || actionMatches(a.split(':')[0], ns));
        });
      } catch {
        return false;
      }
    };
    return {
      PoliciesGrantingServiceAccess: input.ServiceNamespaces.map((ns) => ({
        ServiceNamespace: ns,
        Policies: sources
          .filter((s) => grants(s.document, ns))
          .map((s) => ({
            PolicyName: s.name,
            PolicyType: s.arn ? 'MANAGED' : 'INLINE',
            PolicyArn: s.arn,
            EntityType: s.arn ? undefined : s.h.kind.toUpperCase(),
            EntityName: s.arn ? undefined : s.h.name,
          })),
      })),
      IsTruncated: false,
    };
  },
};
