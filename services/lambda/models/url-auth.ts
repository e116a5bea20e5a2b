/**
 * Who may call a function URL (Lambda developer guide, "Control access to
 * Lambda function URLs"):
 * - `AWS_IAM`: the request must be SigV4-signed for service `lambda` in the
 *   URL's region with a secret the fake knows. Since October 2025 a URL needs
 *   both `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`; a caller of the
 *   function's account may hold them in its identity policies or be granted
 *   them by the function's resource policy, a caller of another account needs
 *   both sides (IAM's cross-account evaluation).
 * - `NONE`: no authentication, but the resource policy is still in effect and
 *   must grant both actions to everyone (`Principal: "*"`); CreateFunctionUrlConfig
 *   through the API adds no such statement (only the console and SAM do).
 * Every refusal is Lambda's 403 `{"Message":"Forbidden"}`.
 * The requests carry `lambda:FunctionUrlAuthType`, `lambda:InvokedViaFunctionUrl`
 * and `lambda:FunctionArn`, the condition keys AddPermission writes.
 */
import { clock } from '../../../src/core/clock';
import { credentialScope } from '../../../src/core/credential-scope';
import { type CredentialStore, type IssuedCredential, knownSecret } from '../../../src/core/credentials';
import { AwsError } from '../../../src/core/errors';
import { evaluate, parsePolicy, type PolicyRef, type PrincipalInfo } from '../../../src/core/policy';
import type { AwsRequest } from '../../../src/core/request';
import type { BackendAccess } from '../../../src/core/service';
import { verifySignature } from '../../../src/core/sigv4-verify';

/** The signer of an AWS_IAM request, as the function's event names it. */
export interface UrlCaller {
  accessKeyId: string;
  account: string;
  credential?: IssuedCredential;
}

/** What the IAM backend offers (duck-typed: services reach IAM only through the registry). */
interface IamView {
  policiesForPrincipal?(arn: string): { identity: PolicyRef[]; boundary?: PolicyRef; roleArn?: string } | undefined;
}

/** The actions a function URL invocation is authorized for, both required. */
const URL_ACTIONS = ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'];

/**
 * The signer of an AWS_IAM request whose signature holds, or undefined
 * (unsigned, scoped to another service or region, a wrong or unknown secret,
 * an expired or deactivated key).
 */
export function authenticate(req: AwsRequest, region: string, credentials: CredentialStore, defaultAccount: string): UrlCaller | undefined {
  const scope = credentialScope(req);
  if (scope?.service !== 'lambda' || scope.region !== region) return undefined;
  const now = clock.now();
  try {
    verifySignature(req, 'json', (key) => knownSecret(credentials, key, now));
  } catch (err) {
    if (err instanceof AwsError) return undefined;
    throw err;
  }
  const credential = credentials.lookup(scope.accessKeyId);
  const account = credential?.account ?? (/^\d{12}$/.test(scope.accessKeyId) ? scope.accessKeyId : defaultAccount);
  return { accessKeyId: scope.accessKeyId, account, credential };
}

export interface UrlAuthorization {
  authType: string;
  /** The function, version or alias ARN the URL invokes. */
  resource: string;
  /** The resource policy of that qualifier, as GetPolicy answers it. */
  policy: string | undefined;
  /** Undefined for an anonymous caller (AuthType NONE). */
  caller?: UrlCaller;
  sourceIp?: string;
  secure: boolean;
}

/** Whether the caller may invoke the URL: both actions allowed by IAM's evaluation logic. */
export async function authorize(backends: BackendAccess, auth: UrlAuthorization): Promise<boolean> {
  const caller = principalOf(auth.caller);
  const identityPolicies = auth.caller && caller.arn !== rootOf(auth.caller.account) ? await identityOf(backends, caller) : undefined;
  // A role session is also named by its role's ARN in resource policies.
  const principal = identityPolicies?.roleArn ? { ...caller, roleArn: identityPolicies.roleArn } : caller;
  const resourcePolicy = parsed(auth.policy);
  const now = clock.now();
  const context: Record<string, string> = {
    'lambda:FunctionUrlAuthType': auth.authType,
    'lambda:InvokedViaFunctionUrl': 'true',
    'lambda:FunctionArn': auth.resource,
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': String(Math.floor(now / 1000)),
    'aws:SecureTransport': String(auth.secure),
  };
  if (auth.sourceIp) context['aws:SourceIp'] = auth.sourceIp;
  return URL_ACTIONS.every(
    (action) =>
      evaluate({
        principal,
        action,
        resource: auth.resource,
        context,
        identityPolicies: identityPolicies?.identity,
        permissionsBoundary: identityPolicies?.boundary,
        resourcePolicy,
      }).decision === 'allowed',
  );
}

const rootOf = (account: string) => `arn:aws:iam::${account}:root`;

/** The resource policy as the evaluator takes it; one that does not parse grants nothing. */
function parsed(policy: string | undefined): PolicyRef | undefined {
  if (!policy) return undefined;
  try {
    return { id: 'resource', document: parsePolicy(policy, 'resource') };
  } catch {
    return undefined;
  }
}

function principalOf(caller: UrlCaller | undefined): PrincipalInfo {
  if (!caller) return { arn: '', account: '', anonymous: true };
  // Keys the fake did not issue (the default test keys, a 12-digit key) act as their account's root.
  return { arn: caller.credential?.arn ?? rootOf(caller.account), account: caller.account };
}

async function identityOf(backends: BackendAccess, principal: PrincipalInfo) {
  let iam: IamView | undefined;
  try {
    iam = await backends.get<IamView>('iam', principal.account);
  } catch {
    return undefined; // no IAM in this mock (mockLambda() alone): the principal holds no identity policies
  }
  return iam.policiesForPrincipal?.(principal.arn);
}
