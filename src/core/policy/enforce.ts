/**
 * Opt-in enforcement (`mockAws({ iam: 'enforce' })`, `startServer({ iam: 'enforce' })`):
 * a dispatcher hook that authorizes every call made with credentials the fake
 * issued (IAM access keys, STS sessions) against the caller's identity
 * policies, permissions boundary and, where the service exposes one, the
 * resource's policy, answering the service's own AccessDenied with AWS's
 * message. Calls signed with keys the fake did not issue (the default fake
 * credentials, a 12-digit account key) act as the account root and stay
 * allowed.
 *
 * What it needs from services, duck-typed through the backend registry (core
 * never imports a service):
 * - IAM's backend: `policiesForPrincipal(arn)` and `getRoleByArn(arn)`;
 * - any backend that has resource policies: `resourcePolicy(resourceArn)`
 *   answering the policy document text, or undefined;
 * - optionally, on the same backend (see `ResourceAuthority`): the resource a
 *   call really acts on (KMS aliases name a key, secret names a suffixed ARN),
 *   whether the resource policy must allow (KMS key policies), and grants.
 */
import type { CredentialStore, IssuedCredential } from '../credentials';
import { credentialScope } from '../credential-scope';
import { clock } from '../clock';
import type { Call, CallHook } from '../dispatch';
import { AwsError } from '../errors';
import type { BackendAccess } from '../service';
import { parsePolicy } from './document';
import { evaluate, type EvaluationResult, type PolicyRef } from './evaluate';
import { actionFor, resourceFor } from './resources';

interface IamView {
  policiesForPrincipal(
    arn: string,
  ): { identity: PolicyRef[]; boundary?: PolicyRef; tags: Record<string, string>; roleArn?: string } | undefined;
  getRoleByArn(arn: string): { arn: string; trustPolicy: string } | undefined;
  noteAccessKeyUsed?(accessKeyId: string, service: string, region: string): void;
}

/** What a service backend may expose so enforcement weighs its resource policies as AWS does. */
export interface ResourceAuthority {
  resourcePolicy?(resourceArn: string): string | undefined;
  /** The ARN the call acts on when the input names it indirectly (alias, name); undefined keeps the generic one. */
  resolveResource?(operation: string, input: Record<string, unknown>): Promise<string | undefined> | string | undefined;
  /** True when the resource policy is the primary control (KMS): see EvaluationRequest.resourcePolicyRequired. */
  readonly resourcePolicyRequired?: boolean;
  /** Service condition keys of the call (`kms:CallerAccount`, `aws:ResourceTag/...`), added to the global ones. */
  conditionContext?(
    resourceArn: string,
    operation: string,
    input: Record<string, unknown>,
    principal: { arn: string; account: string },
  ): Record<string, string | string[]>;
  /** Whether a grant on the resource allows this principal the operation (KMS grants); an explicit Deny still wins. */
  grantAllows?(
    resourceArn: string,
    principal: { arn: string; roleArn?: string; account: string },
    operation: string,
    input: Record<string, unknown>,
  ): boolean;
}

/** Operations AWS answers without any permission. */
const ALWAYS_ALLOWED = new Set(['sts:GetCallerIdentity']);

/** How each service words an authorization failure (code, HTTP status). */
function deniedShape(service: string, protocolFamily: 'query' | 'other'): { code: string; status: number } {
  if (service === 's3') return { code: 'AccessDenied', status: 403 };
  if (service === 'sns') return { code: 'AuthorizationError', status: 403 };
  if (service === 'ec2') return { code: 'UnauthorizedOperation', status: 403 };
  if (service === 'lambda') return { code: 'AccessDeniedException', status: 403 };
  if (protocolFamily === 'query') return { code: 'AccessDenied', status: 403 };
  return { code: 'AccessDeniedException', status: 400 };
}

const QUERY_SERVICES = new Set(['iam', 'sts', 'sqs', 'sns', 'cloudwatch', 'ec2']);

function invalidKey(service: string): AwsError {
  if (service === 's3') {
    return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { status: 403 });
  }
  if (QUERY_SERVICES.has(service)) {
    return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', { status: 403 });
  }
  return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', { status: 400 });
}

function expired(service: string): AwsError {
  if (service === 's3') return new AwsError('ExpiredToken', 'The provided token has expired.', { status: 400 });
  if (QUERY_SERVICES.has(service)) return new AwsError('ExpiredToken', 'The security token included in the request is expired', { status: 403 });
  return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', { status: 400 });
}

/** AWS's AccessDenied wording, with the reason it gives since 2021. */
export function deniedMessage(principalArn: string, action: string, resource: string, result: EvaluationResult, quote: boolean): string {
  const on = quote ? `"${resource}"` : resource;
  const head = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${on}`;
  // STS words an AssumeRole refusal without a reason, whichever side refused.
  if (action === 'sts:AssumeRole') return head;
  if (result.reason === 'explicitDeny') {
    const where: Record<string, string> = {
      identity: 'an identity-based policy',
      resource: 'a resource-based policy',
      boundary: 'a permissions boundary',
      session: 'a session policy',
      scp: 'a service control policy',
    };
    return `${head} with an explicit deny in ${where[result.deniedBy ?? 'identity']}`;
  }
  const none: Record<string, string> = {
    noIdentityAllow: 'identity-based policy',
    boundary: 'permissions boundary',
    sessionPolicy: 'session policy',
    noResourceAllow: 'resource-based policy',
    scp: 'service control policy',
  };
  return `${head} because no ${none[result.reason] ?? 'identity-based policy'} allows the ${action} action`;
}

function safeParse(text: string | undefined, kind: 'resource' | 'trust'): PolicyRef | undefined {
  if (!text) return undefined;
  try {
    return { id: 'resource', document: parsePolicy(text, kind) };
  } catch {
    return undefined;
  }
}

/** The backend of a service for an account and region, or undefined when it cannot be made. */
async function backendOf(backends: BackendAccess, service: string, account: string, region: string) {
  try {
    return await backends.get<ResourceAuthority>(service, account, region);
  } catch {
    return undefined;
  }
}

/** The resource policy the call is weighed against, when the owning service has one. */
async function resourcePolicyOf(call: Call, backends: BackendAccess, iam: IamView, action: string, resource: string, owner: string) {
  if (action === 'sts:AssumeRole') {
    const ownerIam = owner === call.account ? iam : await backends.get<IamView>('iam', owner);
    return { policy: safeParse(ownerIam.getRoleByArn(resource)?.trustPolicy, 'trust') };
  }
  // A regional resource of another region (a KMS key ARN) has its policy there.
  const region = resource.split(':')[3] || call.region;
  const backend = await backendOf(backends, call.service, owner, region);
  return { policy: safeParse(backend?.resourcePolicy?.(resource), 'resource'), backend };
}

/** The resource a call acts on: the owning service resolves names it knows, else the generic derivation. */
async function resourceOf(call: Call, backends: BackendAccess): Promise<string> {
  const own = await backendOf(backends, call.service, call.account, call.region);
  let resolved: string | undefined;
  try {
    resolved = await own?.resolveResource?.(call.operation, call.input);
  } catch {
    resolved = undefined; // the handler answers the service's own error for a bad name
  }
  return resolved ?? resourceFor(call.service, call.input, call.account, call.region);
}

/**
 * Authorizes one call; throws the service's AccessDenied (or invalid/expired
 * key error) when AWS would refuse it. `authorize` is the whole decision; the
 * hook below only wires it to the dispatcher.
 */
export async function authorize(call: Call, credentials: CredentialStore, backends: BackendAccess): Promise<void> {
  const accessKeyId = credentialScope(call.request)?.accessKeyId;
  const issued: IssuedCredential | undefined = accessKeyId ? credentials.lookup(accessKeyId) : undefined;
  if (!issued) return; // default or 12-digit credentials: the account root
  if (issued.disabled) throw invalidKey(call.service);
  if (issued.expires !== undefined && issued.expires <= clock.now()) throw expired(call.service);
  const principalArn = issued.arn;
  if (!principalArn || /:root$/.test(principalArn) || principalArn.includes(':federated-user/')) return;
  const action = actionFor(call.service, call.operation);
  if (ALWAYS_ALLOWED.has(action)) return;
  const iam = await backends.get<IamView>('iam', issued.account);
  const found = iam.policiesForPrincipal(principalArn);
  const resource = await resourceOf(call, backends);
  const ownerOfArn = resource.split(':')[4];
  const owner = ownerOfArn && /^\d{12}$/.test(ownerOfArn) ? ownerOfArn : call.account;
  const context: Record<string, string | string[]> = {
    'aws:RequestedRegion': call.region,
    'aws:CurrentTime': new Date(clock.now()).toISOString(),
    'aws:EpochTime': String(Math.floor(clock.now() / 1000)),
    'aws:SecureTransport': String(call.request.url.protocol === 'https:'),
    'aws:userid': issued.userId ?? '',
  };
  for (const [k, v] of Object.entries(found?.tags ?? {})) context[`aws:PrincipalTag/${k}`] = v;
  const principal = { arn: principalArn, account: issued.account, roleArn: found?.roleArn };
  const { policy, backend } = await resourcePolicyOf(call, backends, iam, action, resource, owner);
  if (resource !== '*') Object.assign(context, backend?.conditionContext?.(resource, call.operation, call.input, principal));
  const result = evaluate({
    principal,
    action,
    resource,
    resourceAccount: owner,
    context,
    identityPolicies: found?.identity ?? [],
    permissionsBoundary: found?.boundary,
    resourcePolicy: policy,
    // Only a resource that exists has a policy to require: a missing key is the handler's NotFoundException.
    resourcePolicyRequired: backend?.resourcePolicyRequired === true && policy !== undefined,
  });
  const granted = result.decision === 'implicitDeny' && backend?.grantAllows?.(resource, principal, call.operation, call.input) === true;
  if (result.decision === 'allowed' || granted) {
    iam.noteAccessKeyUsed?.(issued.accessKeyId, call.service, call.region);
    return;
  }
  const shape = deniedShape(call.service, QUERY_SERVICES.has(call.service) ? 'query' : 'other');
  throw new AwsError(shape.code, deniedMessage(principalArn, action, resource, result, call.service === 's3'), {
    status: shape.status,
  });
}

/** The dispatcher hook: `dispatcher.use(enforcementHook(dispatcher))`. */
export function enforcementHook(dispatcher: { credentials: CredentialStore; backends: BackendAccess }): CallHook {
  return async (call, next) => {
    await authorize(call, dispatcher.credentials, dispatcher.backends);
    return next();
  };
}
