/**
 * Capacity providers (Lambda Managed Instances): Pending then Active on the
 * clock, referenced by function versions through CapacityProviderConfig, not
 * deletable while a version uses them (API reference, DeleteCapacityProvider),
 * Deleting then gone; the scaling config of the published versions on them.
 */
import {
  CreateCapacityProviderCommand,
  DeleteCapacityProviderCommand,
  DeleteFunctionCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  GetFunctionScalingConfigCommand,
  ListCapacityProvidersCommand,
  ListFunctionVersionsByCapacityProviderCommand,
  ListTagsCommand,
  PublishVersionCommand,
  PutFunctionScalingConfigCommand,
  UpdateCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, lambdaClient, useLambdaRole } from './support';

const ACCOUNT = '123456789012';
const OPERATOR = `arn:aws:iam::${ACCOUNT}:role/operator`;
const VPC = { SubnetIds: ['subnet-0abc'], SecurityGroupIds: ['sg-0abc'] };
const cpArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:capacity-provider:${name}`;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Lambda capacity providers', () => {
  const m = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    lambda.send(new CreateCapacityProviderCommand({ CapacityProviderName: name, VpcConfig: VPC, PermissionsConfig: { CapacityProviderOperatorRoleArn: OPERATOR }, ...extra }));

  it('creates Pending, turns Active on the clock, updates its scaling, lists with a state filter and pages', async () => {
    const out = await create('fleet', {
      InstanceRequirements: { Architectures: ['arm64'] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 64, ScalingMode: 'Manual', ScalingPolicies: [{ PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: 60 }] },
      Tags: { team: 'a' },
    });
    expect(out.CapacityProvider).toMatchObject({
      CapacityProviderArn: cpArn('fleet'),
      State: 'Pending',
      VpcConfig: VPC,
      PermissionsConfig: { CapacityProviderOperatorRoleArn: OPERATOR },
      InstanceRequirements: { Architectures: ['arm64'] },
    });
    await wait(10);
    const got = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: cpArn('fleet') }));
    expect(got.CapacityProvider?.State).toBe('Active');
    expect((await lambda.send(new ListCapacityProvidersCommand({ State: 'Pending' }))).CapacityProviders).toEqual([]);
    expect((await lambda.send(new ListCapacityProvidersCommand({ State: 'Active' }))).CapacityProviders).toHaveLength(1);
    expect((await lambda.send(new ListTagsCommand({ Resource: cpArn('fleet') }))).Tags).toEqual({ team: 'a' });

    const updated = await lambda.send(new UpdateCapacityProviderCommand({ CapacityProviderName: 'fleet', CapacityProviderScalingConfig: { MaxVCpuCount: 128, ScalingMode: 'Auto' } }));
    expect(updated.CapacityProvider?.CapacityProviderScalingConfig).toEqual({ MaxVCpuCount: 128, ScalingMode: 'Auto' });

    const dup = await create('fleet').catch((e) => e);
    expect(dup.name).toBe('ResourceConflictException');

    await create('b-fleet');
    await create('c-fleet');
    const first = await lambda.send(new ListCapacityProvidersCommand({ MaxItems: 2 }));
    expect(first.CapacityProviders?.map((p) => p.CapacityProviderArn)).toEqual([cpArn('b-fleet'), cpArn('c-fleet')]);
    const second = await lambda.send(new ListCapacityProvidersCommand({ MaxItems: 2, Marker: first.NextMarker }));
    expect(second.CapacityProviders?.map((p) => p.CapacityProviderArn)).toEqual([cpArn('fleet')]);
    expect(second.NextMarker).toBeUndefined();

    const missing = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'nope' })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('is referenced by function versions, refuses deletion while used, then goes Deleting and away', async () => {
    await create('pool');
    const config = { LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: cpArn('pool'), PerExecutionEnvironmentMaxConcurrency: 8 } };
    const bad = await createNodeFunction(lambda, 'stray', { 'index.js': '' }, {
      CapacityProviderConfig: { LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: cpArn('absent') } },
    }).catch((e) => e);
    expect(bad.name).toBe('InvalidParameterValueException');

    await createNodeFunction(lambda, 'worker', { 'index.js': 'exports.handler = async () => 1;' }, { CapacityProviderConfig: config });
    const conf = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'worker' }));
    expect(conf.CapacityProviderConfig).toEqual(config);
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'worker' }));

    const versions = await lambda.send(new ListFunctionVersionsByCapacityProviderCommand({ CapacityProviderName: 'pool' }));
    expect(versions.CapacityProviderArn).toBe(cpArn('pool'));
    expect(versions.FunctionVersions).toEqual([
      { FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker:$LATEST`, State: 'Active' },
      { FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker:${Version}`, State: 'Active' },
    ]);

    const inUse = await lambda.send(new DeleteCapacityProviderCommand({ CapacityProviderName: 'pool' })).catch((e) => e);
    expect(inUse.name).toBe('ResourceConflictException');

    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'worker' }));
    // Long enough to see Deleting on a loaded machine.
    (await m.backends.lambda()).stateTransitionMs = 300;
    const deleted = await lambda.send(new DeleteCapacityProviderCommand({ CapacityProviderName: 'pool' }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(deleted.CapacityProvider?.State).toBe('Deleting');
    expect((await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'pool' }))).CapacityProvider?.State).toBe('Deleting');
    await wait(350);
    const gone = await lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: 'pool' })).catch((e) => e);
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('stores the scaling config of published versions on a capacity provider', async () => {
    await create('scaled');
    await createNodeFunction(lambda, 'svc', { 'index.js': 'exports.handler = async () => 1;' }, {
      CapacityProviderConfig: { LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: cpArn('scaled') } },
    });
    const noVersion = await lambda.send(new GetFunctionScalingConfigCommand({ FunctionName: 'svc', Qualifier: '1' })).catch((e) => e);
    expect(noVersion.name).toBe('ResourceNotFoundException');
    await lambda.send(new PublishVersionCommand({ FunctionName: 'svc' }));

    const put = await lambda.send(new PutFunctionScalingConfigCommand({ FunctionName: 'svc', Qualifier: '1', FunctionScalingConfig: { MinExecutionEnvironments: 2, MaxExecutionEnvironments: 10 } }));
    expect(put.FunctionState).toBe('Active');
    const got = await lambda.send(new GetFunctionScalingConfigCommand({ FunctionName: 'svc', Qualifier: '1' }));
    expect(got).toMatchObject({
      FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:svc:1`,
      AppliedFunctionScalingConfig: { MinExecutionEnvironments: 2, MaxExecutionEnvironments: 10 },
      RequestedFunctionScalingConfig: { MinExecutionEnvironments: 2, MaxExecutionEnvironments: 10 },
    });
    const inverted = await lambda
      .send(new PutFunctionScalingConfigCommand({ FunctionName: 'svc', Qualifier: '1', FunctionScalingConfig: { MinExecutionEnvironments: 5, MaxExecutionEnvironments: 1 } }))
      .catch((e) => e);
    expect(inverted.name).toBe('InvalidParameterValueException');

    await createNodeFunction(lambda, 'plain', { 'index.js': 'exports.handler = async () => 1;' });
    await lambda.send(new PublishVersionCommand({ FunctionName: 'plain' }));
    const notManaged = await lambda.send(new PutFunctionScalingConfigCommand({ FunctionName: 'plain', Qualifier: '1', FunctionScalingConfig: {} })).catch((e) => e);
    expect(notManaged.name).toBe('InvalidParameterValueException');
  });
});
