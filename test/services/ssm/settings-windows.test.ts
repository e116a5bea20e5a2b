import {
  CreateMaintenanceWindowCommand,
  DeleteResourcePolicyCommand,
  GetResourcePoliciesCommand,
  PutResourcePolicyCommand,
  DescribeMaintenanceWindowsForTargetCommand,
  GetMaintenanceWindowTaskCommand,
  GetServiceSettingCommand,
  PutParameterCommand,
  RegisterTargetWithMaintenanceWindowCommand,
  RegisterTaskWithMaintenanceWindowCommand,
  ResetServiceSettingCommand,
  SSMClient,
  UpdateMaintenanceWindowTargetCommand,
  UpdateMaintenanceWindowTaskCommand,
  UpdateServiceSettingCommand,
} from '@aws-sdk/client-ssm';
import { useMockAws } from '../lifecycle';

describe('SSM service settings and maintenance window updates', () => {
  useMockAws();
  const ssm = new SSMClient({ region: 'us-east-1' });
  const TIER = '/ssm/parameter-store/default-parameter-tier';

  it('the default parameter tier setting decides the tier of new parameters', async () => {
    const initial = await ssm.send(new GetServiceSettingCommand({ SettingId: TIER }));
    expect(initial.ServiceSetting).toMatchObject({
      SettingId: TIER,
      SettingValue: 'Standard',
      Status: 'Default',
      ARN: `arn:aws:ssm:us-east-1:123456789012:servicesetting${TIER}`,
    });
    await ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Advanced' }));
    expect((await ssm.send(new PutParameterCommand({ Name: 'p', Value: 'v', Type: 'String' }))).Tier).toBe('Advanced');
    const byArn = await ssm.send(new GetServiceSettingCommand({ SettingId: initial.ServiceSetting?.ARN }));
    expect(byArn.ServiceSetting).toMatchObject({ SettingValue: 'Advanced', Status: 'Customized' });
    const reset = await ssm.send(new ResetServiceSettingCommand({ SettingId: TIER }));
    expect(reset.ServiceSetting).toMatchObject({ SettingValue: 'Standard', Status: 'Default' });
    expect((await ssm.send(new PutParameterCommand({ Name: 'q', Value: 'v', Type: 'String' }))).Tier).toBe('Standard');
    await expect(ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Premium' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(ssm.send(new GetServiceSettingCommand({ SettingId: '/ssm/nope' }))).rejects.toMatchObject({
      name: 'ServiceSettingNotFound',
    });
  });

  it('updates window targets and tasks, and finds windows by target', async () => {
    const { WindowId } = await ssm.send(
      new CreateMaintenanceWindowCommand({ Name: 'www', Schedule: 'rate(7 days)', Duration: 2, Cutoff: 0, AllowUnassociatedTargets: true }),
    );
    const { WindowTargetId } = await ssm.send(
      new RegisterTargetWithMaintenanceWindowCommand({
        WindowId,
        ResourceType: 'INSTANCE',
        Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }],
        Name: 'first',
      }),
    );
    const updated = await ssm.send(new UpdateMaintenanceWindowTargetCommand({ WindowId, WindowTargetId, Name: 'renamed' }));
    expect(updated).toMatchObject({ WindowId, WindowTargetId, Name: 'renamed', Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }] });
    const found = await ssm.send(
      new DescribeMaintenanceWindowsForTargetCommand({ ResourceType: 'INSTANCE', Targets: [{ Key: 'InstanceIds', Values: ['i-0123456789abcdef0'] }] }),
    );
    expect(found.WindowIdentities).toEqual([{ WindowId, Name: 'www' }]);
    const { WindowTaskId } = await ssm.send(
      new RegisterTaskWithMaintenanceWindowCommand({ WindowId, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Priority: 5 }),
    );
    const task = await ssm.send(new UpdateMaintenanceWindowTaskCommand({ WindowId, WindowTaskId, Priority: 1, Description: 'patch' }));
    expect(task).toMatchObject({ WindowTaskId, Priority: 1, Description: 'patch', TaskArn: 'AWS-RunShellScript' });
    expect(await ssm.send(new GetMaintenanceWindowTaskCommand({ WindowId, WindowTaskId }))).toMatchObject({
      TaskType: 'RUN_COMMAND',
      Priority: 1,
      Description: 'patch',
    });
    await expect(
      ssm.send(new UpdateMaintenanceWindowTaskCommand({ WindowId, WindowTaskId: '00000000-0000-0000-0000-000000000000' })),
    ).rejects.toMatchObject({ name: 'DoesNotExistException' });
  });
});

describe('SSM parameter resource policies', () => {
  useMockAws();
  const ssm = new SSMClient({ region: 'us-east-1' });
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'ssm:GetParameter', Resource: '*' }],
  });

  it('shares Advanced parameters, with PolicyHash concurrency', async () => {
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/shared/p';
    await ssm.send(new PutParameterCommand({ Name: '/shared/p', Value: 'v', Type: 'String' }));
    await expect(ssm.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: policy }))).rejects.toMatchObject({
      name: 'ResourcePolicyInvalidParameterException',
    });
    await ssm.send(new PutParameterCommand({ Name: '/shared/p', Value: 'v', Overwrite: true, Tier: 'Advanced' }));
    const put = await ssm.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: policy }));
    expect(put.PolicyId).toMatch(/^[0-9a-f-]{36}$/);
    const got = await ssm.send(new GetResourcePoliciesCommand({ ResourceArn: arn }));
    expect(got.Policies).toEqual([{ PolicyId: put.PolicyId, PolicyHash: put.PolicyHash, Policy: policy }]);
    await expect(
      ssm.send(new DeleteResourcePolicyCommand({ ResourceArn: arn, PolicyId: put.PolicyId, PolicyHash: 'stale' })),
    ).rejects.toMatchObject({ name: 'ResourcePolicyConflictException' });
    await ssm.send(new DeleteResourcePolicyCommand({ ResourceArn: arn, PolicyId: put.PolicyId, PolicyHash: put.PolicyHash }));
    expect((await ssm.send(new GetResourcePoliciesCommand({ ResourceArn: arn }))).Policies).toEqual([]);
    await expect(
      ssm.send(new GetResourcePoliciesCommand({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:parameter/none' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(ssm.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: '{bad' }))).rejects.toMatchObject({
      name: 'MalformedResourcePolicyDocumentException',
    });
  });
});
