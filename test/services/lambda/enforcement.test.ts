/**
 * Function policies under `mockAws({ iam: 'enforce' })` (Lambda developer guide,
 * "Working with resource-based IAM policies in Lambda"; IAM user guide, "Policy
 * evaluation logic"): within the account, a user needs lambda:InvokeFunction
 * from its identity policy or from the function's (or the alias's) resource
 * policy naming it.
 */
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AddPermissionCommand, CreateAliasCommand, InvokeCommand, LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { mockAws } from '../../../src/mock';
import { createNodeFunction, decode } from './support';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('Lambda function policies under IAM enforcement', () => {
  const m = mockAws({ iam: 'enforce' });
  afterEach(() => m.reset());
  afterAll(() => m.stop());
  const root = new LambdaClient({ region: 'us-east-1', maxAttempts: 1 });

  it("lets a user invoke when the function's or alias's resource policy names it, and refuses it otherwise", async () => {
    const iam = new IAMClient({ region: 'us-east-1' });
    await iam.send(new CreateRoleCommand({ RoleName: 'lambda-role', AssumeRolePolicyDocument: TRUST }));
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
    const bob = new LambdaClient({ region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: AccessKey?.AccessKeyId as string, secretAccessKey: AccessKey?.SecretAccessKey as string } });
    await createNodeFunction(root, 'guarded', { 'index.js': 'exports.handler = async () => "ran";' });

    const denied = await bob.send(new InvokeCommand({ FunctionName: 'guarded' })).catch((e) => e);
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(denied.message).toBe(
      `User: ${User?.Arn} is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:guarded because no identity-based policy allows the lambda:InvokeFunction action`,
    );

    await root.send(new AddPermissionCommand({ FunctionName: 'guarded', StatementId: 'bob', Action: 'lambda:InvokeFunction', Principal: User?.Arn as string }));
    expect(decode((await bob.send(new InvokeCommand({ FunctionName: 'guarded' }))).Payload)).toBe('ran');

    // An alias is its own resource: the function's statement does not cover it.
    const { Version } = await root.send(new PublishVersionCommand({ FunctionName: 'guarded' }));
    await root.send(new CreateAliasCommand({ FunctionName: 'guarded', Name: 'live', FunctionVersion: Version }));
    const aliasDenied = await bob.send(new InvokeCommand({ FunctionName: 'guarded', Qualifier: 'live' })).catch((e) => e);
    expect(aliasDenied.name).toBe('AccessDeniedException');
    expect(aliasDenied.message).toContain('on resource: arn:aws:lambda:us-east-1:123456789012:function:guarded:live ');
    await root.send(new AddPermissionCommand({ FunctionName: 'guarded', Qualifier: 'live', StatementId: 'bob', Action: 'lambda:InvokeFunction', Principal: User?.Arn as string }));
    expect(decode((await bob.send(new InvokeCommand({ FunctionName: 'guarded:live' }))).Payload)).toBe('ran');
  });
});
