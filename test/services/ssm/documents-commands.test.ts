import {
  CreateDocumentCommand,
  CreateMaintenanceWindowCommand,
  DeleteDocumentCommand,
  DeleteMaintenanceWindowCommand,
  DeregisterTargetFromMaintenanceWindowCommand,
  DescribeDocumentCommand,
  DescribeDocumentPermissionCommand,
  DescribeMaintenanceWindowTargetsCommand,
  DescribeMaintenanceWindowTasksCommand,
  DescribeMaintenanceWindowsCommand,
  GetCommandInvocationCommand,
  GetDocumentCommand,
  GetMaintenanceWindowCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  ListDocumentVersionsCommand,
  ListDocumentsCommand,
  ModifyDocumentPermissionCommand,
  RegisterTargetWithMaintenanceWindowCommand,
  RegisterTaskWithMaintenanceWindowCommand,
  SSMClient,
  SendCommandCommand,
  UpdateDocumentCommand,
  UpdateDocumentDefaultVersionCommand,
  UpdateMaintenanceWindowCommand,
} from '@aws-sdk/client-ssm';
import { useMockAws } from '../lifecycle';

const content = (echo: string) =>
  JSON.stringify({
    schemaVersion: '2.2',
    description: `Echo ${echo}`,
    parameters: { message: { type: 'String', default: echo, description: 'What to echo' } },
    mainSteps: [{ action: 'aws:runShellScript', name: 'echo', inputs: { runCommand: ['echo {{ message }}'] } }],
  });

describe('SSM documents, Run Command and maintenance windows', () => {
  const m = useMockAws();
  const ssm = new SSMClient({ region: 'us-east-1' });
  const instance = 'i-0123456789abcdef0';

  it('knows AWS-owned documents such as AWS-RunShellScript', async () => {
    const { Document } = await ssm.send(new DescribeDocumentCommand({ Name: 'AWS-RunShellScript' }));
    expect(Document).toMatchObject({ Name: 'AWS-RunShellScript', Owner: 'Amazon', DocumentType: 'Command', SchemaVersion: '1.2' });
    expect(Document?.Parameters?.map((p) => p.Name)).toEqual(['commands', 'workingDirectory', 'executionTimeout']);
    const listed = await ssm.send(new ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Amazon'] }] }));
    expect(listed.DocumentIdentifiers?.map((d) => d.Name)).toContain('AWS-RunShellScript');
    await expect(ssm.send(new DeleteDocumentCommand({ Name: 'AWS-RunShellScript' }))).rejects.toMatchObject({
      name: 'InvalidDocumentOperation',
    });
  });

  it('creates documents, versions them, moves the default version and deletes', async () => {
    const created = await ssm.send(new CreateDocumentCommand({ Name: 'Echo', Content: content('one'), DocumentType: 'Command' }));
    expect(created.DocumentDescription).toMatchObject({
      Name: 'Echo',
      Owner: '123456789012',
      DocumentVersion: '1',
      LatestVersion: '1',
      DefaultVersion: '1',
      SchemaVersion: '2.2',
      HashType: 'Sha256',
      Parameters: [{ Name: 'message', Type: 'String', DefaultValue: 'one', Description: 'What to echo' }],
    });
    await expect(ssm.send(new CreateDocumentCommand({ Name: 'Echo', Content: content('x') }))).rejects.toMatchObject({
      name: 'DocumentAlreadyExists',
    });
    const updated = await ssm.send(new UpdateDocumentCommand({ Name: 'Echo', Content: content('two'), DocumentVersion: '$LATEST' }));
    expect(updated.DocumentDescription).toMatchObject({ DocumentVersion: '2', LatestVersion: '2', DefaultVersion: '1' });
    await expect(ssm.send(new UpdateDocumentCommand({ Name: 'Echo', Content: content('two') }))).rejects.toMatchObject({
      name: 'DuplicateDocumentContent',
    });
    expect(JSON.parse((await ssm.send(new GetDocumentCommand({ Name: 'Echo' }))).Content as string).description).toBe('Echo one');
    await ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: 'Echo', DocumentVersion: '2' }));
    expect(JSON.parse((await ssm.send(new GetDocumentCommand({ Name: 'Echo' }))).Content as string).description).toBe('Echo two');
    const versions = await ssm.send(new ListDocumentVersionsCommand({ Name: 'Echo' }));
    expect(versions.DocumentVersions?.map((v) => [v.DocumentVersion, v.IsDefaultVersion])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    await expect(ssm.send(new DeleteDocumentCommand({ Name: 'Echo', DocumentVersion: '2' }))).rejects.toMatchObject({
      name: 'InvalidDocumentOperation',
    });
    await ssm.send(new DeleteDocumentCommand({ Name: 'Echo' }));
    await expect(ssm.send(new GetDocumentCommand({ Name: 'Echo' }))).rejects.toMatchObject({
      name: 'InvalidDocument',
      message: 'The specified document does not exist.',
    });
  });

  it('rejects invalid content and reserved names', async () => {
    await expect(ssm.send(new CreateDocumentCommand({ Name: 'Bad', Content: '{not json' }))).rejects.toMatchObject({
      name: 'InvalidDocumentContent',
    });
    await expect(ssm.send(new CreateDocumentCommand({ Name: 'AWS-Mine', Content: content('x') }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('shares documents with accounts', async () => {
    await ssm.send(new CreateDocumentCommand({ Name: 'Shared', Content: content('s') }));
    await ssm.send(new ModifyDocumentPermissionCommand({ Name: 'Shared', PermissionType: 'Share', AccountIdsToAdd: ['111122223333'] }));
    expect((await ssm.send(new DescribeDocumentPermissionCommand({ Name: 'Shared', PermissionType: 'Share' }))).AccountIds).toEqual([
      '111122223333',
    ]);
  });

  it('SendCommand records invocations; GetCommandInvocation answers the configured outcome', async () => {
    const sent = await ssm.send(
      new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instance], Parameters: { commands: ['uptime'] }, Comment: 'check' }),
    );
    expect(sent.Command).toMatchObject({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [instance],
      Parameters: { commands: ['uptime'], workingDirectory: [''], executionTimeout: ['3600'] },
      Status: 'Success',
      TargetCount: 1,
      CompletedCount: 1,
      ErrorCount: 0,
    });
    const id = sent.Command?.CommandId as string;
    const inv = await ssm.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: instance }));
    expect(inv).toMatchObject({ Status: 'Success', ResponseCode: 0, PluginName: 'aws:runShellScript', StandardOutputContent: '' });

    (await m.backends.ssm()).commands.setOutcome({ status: 'Failed', responseCode: 2, stdout: '', stderr: 'boom' });
    const failed = await ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instance], Parameters: { commands: ['false'] } }));
    expect(failed.Command).toMatchObject({ Status: 'Failed', ErrorCount: 1 });
    const finv = await ssm.send(new GetCommandInvocationCommand({ CommandId: failed.Command?.CommandId, InstanceId: instance }));
    expect(finv).toMatchObject({ Status: 'Failed', ResponseCode: 2, StandardErrorContent: 'boom' });

    const listed = await ssm.send(new ListCommandsCommand({}));
    expect(listed.Commands?.map((c) => c.CommandId)).toEqual([failed.Command?.CommandId, id]);
    const byStatus = await ssm.send(new ListCommandsCommand({ Filters: [{ key: 'Status', value: 'Success' }] }));
    expect(byStatus.Commands?.map((c) => c.CommandId)).toEqual([id]);
    const invocations = await ssm.send(new ListCommandInvocationsCommand({ CommandId: id, Details: true }));
    expect(invocations.CommandInvocations?.[0].CommandPlugins?.[0]).toMatchObject({ Name: 'aws:runShellScript', ResponseCode: 0 });
    await expect(ssm.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: 'i-00000000000000000' }))).rejects.toMatchObject({
      name: 'InvocationDoesNotExist',
    });
    await expect(ssm.send(new ListCommandsCommand({ CommandId: '11111111-1111-1111-1111-111111111111' }))).rejects.toMatchObject({
      name: 'InvalidCommandId',
    });
  });

  it('SendCommand checks the document, its parameters and the instance ids', async () => {
    await expect(ssm.send(new SendCommandCommand({ DocumentName: 'Nope', InstanceIds: [instance] }))).rejects.toMatchObject({
      name: 'InvalidDocument',
    });
    await expect(ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instance] }))).rejects.toMatchObject({
      name: 'InvalidParameters',
    });
    await expect(
      ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instance], Parameters: { commands: ['x'], bogus: ['y'] } })),
    ).rejects.toMatchObject({ name: 'InvalidParameters' });
    await expect(
      ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: ['not-an-instance'], Parameters: { commands: ['x'] } })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'instanceIds'") });
  });

  it('maintenance windows: create, get, update, targets, tasks, describe, delete', async () => {
    const { WindowId } = await ssm.send(
      new CreateMaintenanceWindowCommand({ Name: 'nightly', Schedule: 'cron(0 2 ? * * *)', Duration: 3, Cutoff: 1, AllowUnassociatedTargets: false }),
    );
    expect(WindowId).toMatch(/^mw-[0-9a-f]{17}$/);
    expect(await ssm.send(new GetMaintenanceWindowCommand({ WindowId }))).toMatchObject({
      Name: 'nightly',
      Schedule: 'cron(0 2 ? * * *)',
      Duration: 3,
      Cutoff: 1,
      Enabled: true,
    });
    await expect(
      ssm.send(new CreateMaintenanceWindowCommand({ Name: 'bad', Schedule: 'whenever', Duration: 3, Cutoff: 1, AllowUnassociatedTargets: false })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      ssm.send(new CreateMaintenanceWindowCommand({ Name: 'bad', Schedule: 'rate(1 day)', Duration: 2, Cutoff: 2, AllowUnassociatedTargets: false })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const updated = await ssm.send(new UpdateMaintenanceWindowCommand({ WindowId, Enabled: false, Description: 'off' }));
    expect(updated).toMatchObject({ Enabled: false, Description: 'off' });
    const { WindowTargetId } = await ssm.send(
      new RegisterTargetWithMaintenanceWindowCommand({ WindowId, ResourceType: 'INSTANCE', Targets: [{ Key: 'InstanceIds', Values: [instance] }] }),
    );
    const { WindowTaskId } = await ssm.send(
      new RegisterTaskWithMaintenanceWindowCommand({
        WindowId,
        TaskArn: 'AWS-RunShellScript',
        TaskType: 'RUN_COMMAND',
        Targets: [{ Key: 'WindowTargetIds', Values: [WindowTargetId as string] }],
        Priority: 1,
      }),
    );
    expect((await ssm.send(new DescribeMaintenanceWindowTargetsCommand({ WindowId }))).Targets?.[0].WindowTargetId).toBe(WindowTargetId);
    expect((await ssm.send(new DescribeMaintenanceWindowTasksCommand({ WindowId }))).Tasks?.[0]).toMatchObject({
      WindowTaskId,
      TaskArn: 'AWS-RunShellScript',
      Type: 'RUN_COMMAND',
    });
    await expect(
      ssm.send(new DeregisterTargetFromMaintenanceWindowCommand({ WindowId, WindowTargetId, Safe: true })),
    ).rejects.toMatchObject({ name: 'TargetInUseException' });
    const windows = await ssm.send(new DescribeMaintenanceWindowsCommand({ Filters: [{ Key: 'Name', Values: ['nightly'] }] }));
    expect(windows.WindowIdentities?.map((w) => w.WindowId)).toEqual([WindowId]);
    await ssm.send(new DeleteMaintenanceWindowCommand({ WindowId }));
    await expect(ssm.send(new GetMaintenanceWindowCommand({ WindowId }))).rejects.toMatchObject({
      name: 'DoesNotExistException',
      message: `Maintenance window ${WindowId} does not exist`,
    });
  });
});
