/**
 * Who may call a function URL (Lambda developer guide, "Control access to
 * Lambda function URLs"): AWS_IAM URLs take SigV4 requests for service
 * `lambda` whose signature holds and whose principal holds both
 * `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction` (since October 2025):
 * in its identity policy OR the function's resource policy within the account,
 * in both across accounts. NONE URLs need a resource policy granting both to
 * everyone. Every refusal is 403 {"Message":"Forbidden"}.
 */
import { AddPermissionCommand, CreateFunctionUrlConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { useMockAws } from '../lifecycle';
import { allowPublicUrl, createNodeFunction, lambdaClient, Sha256, useLambdaRole } from './support';

const ECHO = { 'index.js': 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext) });' };
const FAKE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const OTHER = '111122223333';
const BOTH = ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'];

type Keys = { accessKeyId: string; secretAccessKey: string };

/** A fetch signed as the SDK signs (service `lambda` unless told otherwise). */
async function signedFetch(url: string, keys: Keys, opts: { service?: string; region?: string; method?: string; body?: string } = {}) {
  const target = new URL(url);
  const signer = new SignatureV4({ service: opts.service ?? 'lambda', region: opts.region ?? 'us-east-1', credentials: keys, sha256: Sha256 });
  const query: Record<string, string> = {};
  for (const [k, v] of target.searchParams) query[k] = v;
  const signed = await signer.sign({
    method: opts.method ?? 'GET',
    protocol: 'https:',
    hostname: target.hostname,
    path: target.pathname,
    query,
    headers: { host: target.hostname, ...(opts.body ? { 'content-type': 'application/json' } : {}) },
    body: opts.body,
  });
  return fetch(target, { method: opts.method ?? 'GET', headers: signed.headers as Record<string, string>, body: opts.body });
}

async function forbidden(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  expect(await res.json()).toEqual({ Message: 'Forbidden' });
}

describe('Function URL auth', () => {
  useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();
  const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

  async function iamUrl(name: string): Promise<string> {
    await createNodeFunction(lambda, name, ECHO);
    return (await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: 'AWS_IAM' }))).FunctionUrl as string;
  }

  /** A user with an access key in `account`, and the given identity policy actions on `resource`. */
  async function user(account: string, name: string, actions: string[], resource: string): Promise<{ keys: Keys; arn: string }> {
    const iam = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' } });
    const { User } = await iam.send(new CreateUserCommand({ UserName: name }));
    if (actions.length) {
      const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] };
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify(doc) }));
    }
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    return { keys: { accessKeyId: AccessKey?.AccessKeyId as string, secretAccessKey: AccessKey?.SecretAccessKey as string }, arn: User?.Arn as string };
  }

  it('AWS_IAM: refuses unsigned requests, wrong secrets, and signatures for another service or region; takes the account root', async () => {
    const url = await iamUrl('private');
    await forbidden(await fetch(`${url}x`));
    await forbidden(await signedFetch(`${url}x`, { ...FAKE, secretAccessKey: 'not-the-secret' }));
    await forbidden(await signedFetch(`${url}x`, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }));
    await forbidden(await signedFetch(`${url}x`, FAKE, { service: 'execute-api' }));
    await forbidden(await signedFetch(`${url}x`, FAKE, { region: 'eu-west-1' }));

    // The default credentials are the account's root: no policy needed within the account.
    const res = await signedFetch(`${url}x?a=1&b=two%20words`, FAKE, { method: 'POST', body: '{"k":1}' });
    expect(res.status).toBe(200);
    const context = (await res.json()) as Record<string, any>;
    expect(context.accountId).toBe('123456789012');
    expect(context.authorizer.iam).toMatchObject({
      accessKey: FAKE.accessKeyId,
      accountId: '123456789012',
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: 'arn:aws:iam::123456789012:root',
    });
  });

  it('AWS_IAM, same account: an identity policy must allow both actions, or the resource policy must', async () => {
    const url = await iamUrl('team');
    const onlyUrl = await user('123456789012', 'only-url', ['lambda:InvokeFunctionUrl'], arn('team'));
    await forbidden(await signedFetch(url, onlyUrl.keys));

    const both = await user('123456789012', 'both', BOTH, arn('team'));
    const ok = await signedFetch(url, both.keys);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Record<string, any>).authorizer.iam).toMatchObject({ userArn: both.arn, accessKey: both.keys.accessKeyId });

    // No identity policy at all: the function's resource policy naming the user suffices.
    const bare = await user('123456789012', 'bare', [], arn('team'));
    await forbidden(await signedFetch(url, bare.keys));
    for (const [i, action] of BOTH.entries()) {
      await lambda.send(new AddPermissionCommand({ FunctionName: 'team', StatementId: `s${i}`, Action: action, Principal: bare.arn }));
    }
    expect((await signedFetch(url, bare.keys)).status).toBe(200);
  });

  it('AWS_IAM, another account: needs its identity policy AND the resource policy (FunctionUrlAuthType AWS_IAM)', async () => {
    const url = await iamUrl('shared');
    const outsider = await user(OTHER, 'partner', BOTH, arn('shared'));
    await forbidden(await signedFetch(url, outsider.keys));

    await lambda.send(
      new AddPermissionCommand({ FunctionName: 'shared', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: OTHER, FunctionUrlAuthType: 'AWS_IAM' }),
    );
    // InvokeFunctionUrl alone is not enough since October 2025.
    await forbidden(await signedFetch(url, outsider.keys));
    await lambda.send(
      new AddPermissionCommand({ FunctionName: 'shared', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: OTHER, InvokedViaFunctionUrl: true }),
    );
    const ok = await signedFetch(url, outsider.keys);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Record<string, any>).accountId).toBe(OTHER);

    // A 12-digit key (what the Lambda runtime gives functions) is that account's root, signing with the example secret.
    const otherRoot = { accessKeyId: '444455556666', secretAccessKey: FAKE.secretAccessKey };
    await forbidden(await signedFetch(url, otherRoot));
    for (const [i, action] of BOTH.entries()) {
      await lambda.send(new AddPermissionCommand({ FunctionName: 'shared', StatementId: `root${i}`, Action: action, Principal: '444455556666' }));
    }
    const asRoot = await signedFetch(url, otherRoot);
    expect(asRoot.status).toBe(200);
    expect(((await asRoot.json()) as Record<string, any>).authorizer.iam).toMatchObject({ accountId: '444455556666', userArn: 'arn:aws:iam::444455556666:root' });
    await forbidden(await signedFetch(url, { ...otherRoot, secretAccessKey: 'guess' }));

    // The resource policy does not stand in for the identity side across accounts.
    const noIdentity = await user(OTHER, 'no-identity', [], arn('shared'));
    await forbidden(await signedFetch(url, noIdentity.keys));
  });

  it('NONE: the resource policy must grant both actions to everyone; a statement for AWS_IAM URLs does not count', async () => {
    await createNodeFunction(lambda, 'public', ECHO);
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'public', AuthType: 'NONE' }));
    const url = FunctionUrl as string;
    await forbidden(await fetch(url));

    await lambda.send(
      new AddPermissionCommand({ FunctionName: 'public', StatementId: 'iam-only', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'AWS_IAM' }),
    );
    await lambda.send(new AddPermissionCommand({ FunctionName: 'public', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
    await forbidden(await fetch(url));

    await allowPublicUrl(lambda, 'public');
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    const context = (await ok.json()) as Record<string, any>;
    // Nobody is authenticated, even when the request happens to be signed.
    expect(context.accountId).toBe('anonymous');
    expect(context.authorizer).toBeUndefined();
    const signed = await signedFetch(url, FAKE);
    expect(((await signed.json()) as Record<string, any>).accountId).toBe('anonymous');
  });

  it('answers the URL of another region signed for that region', async () => {
    const west = new LambdaClient({ region: 'eu-west-1' });
    await createNodeFunction(west, 'far', ECHO);
    const { FunctionUrl } = await west.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'far', AuthType: 'AWS_IAM' }));
    await forbidden(await signedFetch(FunctionUrl as string, FAKE));
    expect((await signedFetch(FunctionUrl as string, FAKE, { region: 'eu-west-1' })).status).toBe(200);
  });
});
