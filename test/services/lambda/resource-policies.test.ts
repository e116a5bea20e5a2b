/**
 * PutResourcePolicy / GetResourcePolicy / DeleteResourcePolicy: a function's
 * (or alias's) whole resource policy, the one AddPermission adds to and
 * GetPolicy reads; a put replaces it (the SDK's API reference: "the new policy
 * overwrites those permissions"), and it is the policy function URLs are
 * authorized against.
 */
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionUrlConfigCommand,
  DeleteResourcePolicyCommand,
  GetPolicyCommand,
  GetResourcePolicyCommand,
  PublishVersionCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, lambdaClient, useLambdaRole } from './support';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:guarded';
const statement = (sid: string, action: string, extra: Record<string, unknown> = {}) => ({ Sid: sid, Effect: 'Allow', Principal: '*', Action: action, Resource: FN, ...extra });
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('Lambda resource policies (PutResourcePolicy)', () => {
  useMockAws();
  useLambdaRole();
  const lambda = lambdaClient({ maxAttempts: 1 });

  it('puts, reads, replaces and deletes the whole policy, sharing it with AddPermission and GetPolicy', async () => {
    await createNodeFunction(lambda, 'guarded', { 'index.js': 'exports.handler = async () => ({ ok: true });' });
    const none = await lambda.send(new GetResourcePolicyCommand({ ResourceArn: FN })).catch((e) => e);
    expect(none.name).toBe('ResourceNotFoundException');

    const put = await lambda.send(new PutResourcePolicyCommand({ ResourceArn: FN, Policy: doc(statement('url', 'lambda:InvokeFunctionUrl')) }));
    expect(JSON.parse(put.Policy as string).Statement).toEqual([statement('url', 'lambda:InvokeFunctionUrl')]);
    const got = await lambda.send(new GetResourcePolicyCommand({ ResourceArn: FN }));
    expect(got).toMatchObject({ Policy: put.Policy, RevisionId: put.RevisionId });
    expect((await lambda.send(new GetPolicyCommand({ FunctionName: 'guarded' }))).Policy).toBe(put.Policy);

    await lambda.send(new AddPermissionCommand({ FunctionName: 'guarded', StatementId: 'added', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }));
    const both = JSON.parse((await lambda.send(new GetResourcePolicyCommand({ ResourceArn: FN }))).Policy as string);
    expect(both.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['url', 'added']);

    const stale = await lambda.send(new PutResourcePolicyCommand({ ResourceArn: FN, Policy: doc(statement('x', 'lambda:GetFunction')), RevisionId: put.RevisionId })).catch((e) => e);
    expect(stale.name).toBe('PreconditionFailedException');

    // A put replaces every statement, AddPermission's included.
    const replaced = await lambda.send(new PutResourcePolicyCommand({ ResourceArn: FN, Policy: doc(statement('only', 'lambda:GetFunction')) }));
    expect(JSON.parse(replaced.Policy as string).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['only']);

    await lambda.send(new DeleteResourcePolicyCommand({ ResourceArn: FN, RevisionId: replaced.RevisionId }));
    const gone = await lambda.send(new GetResourcePolicyCommand({ ResourceArn: FN })).catch((e) => e);
    expect(gone.name).toBe('ResourceNotFoundException');
    const again = await lambda.send(new DeleteResourcePolicyCommand({ ResourceArn: FN })).catch((e) => e);
    expect(again.name).toBe('ResourceNotFoundException');
  });

  it('refuses bad documents, oversized ones, non-function ARNs and missing functions', async () => {
    await createNodeFunction(lambda, 'guarded', { 'index.js': 'exports.handler = async () => 1;' });
    const notJson = await lambda.send(new PutResourcePolicyCommand({ ResourceArn: FN, Policy: '{not json' })).catch((e) => e);
    expect(notJson.name).toBe('InvalidParameterValueException');
    const noPrincipal = await lambda.send(new PutResourcePolicyCommand({ ResourceArn: FN, Policy: doc({ Effect: 'Allow', Action: 'lambda:*', Resource: FN }) })).catch((e) => e);
    expect(noPrincipal.name).toBe('InvalidParameterValueException');
    const big = doc(...Array.from({ length: 200 }, (_, i) => statement(`s${i}`, 'lambda:InvokeFunction', { Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })));
    const tooBig = await lambda.send(new PutResourcePolicyCommand({ ResourceArn: FN, Policy: big })).catch((e) => e);
    expect(tooBig.name).toBe('PolicyLengthExceededException');
    expect(tooBig.message).toBe(`The final policy size (${Buffer.byteLength(big)}) is bigger than the limit (20480).`);
    const layer = await lambda
      .send(new PutResourcePolicyCommand({ ResourceArn: 'arn:aws:lambda:us-east-1:123456789012:layer:l:1', Policy: doc(statement('a', 'lambda:GetLayerVersion')) }))
      .catch((e) => e);
    expect(layer.name).toBe('InvalidParameterValueException');
    const missing = await lambda.send(new GetResourcePolicyCommand({ ResourceArn: `${FN}-absent` })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe(`Function not found: ${FN}-absent`);
  });

  it("is the policy an alias's function URL is authorized against", async () => {
    await createNodeFunction(lambda, 'guarded', { 'index.js': 'exports.handler = async () => ({ ok: true });' });
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'guarded' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'guarded', Name: 'live', FunctionVersion: Version }));
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'guarded', Qualifier: 'live', AuthType: 'NONE' }));
    expect((await fetch(FunctionUrl as string)).status).toBe(403);
    const alias = `${FN}:live`;
    await lambda.send(
      new PutResourcePolicyCommand({
        ResourceArn: alias,
        Policy: doc(
          { ...statement('url', 'lambda:InvokeFunctionUrl'), Resource: alias, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } },
          { ...statement('invoke', 'lambda:InvokeFunction'), Resource: alias, Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } },
        ),
      }),
    );
    const res = await fetch(FunctionUrl as string);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
