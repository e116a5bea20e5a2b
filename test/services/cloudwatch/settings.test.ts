import {
  AssociateDatasetKmsKeyCommand,
  CloudWatchClient,
  CreateResourceMetricsConfigurationCommand,
  DeleteResourceMetricsConfigurationCommand,
  DisassociateDatasetKmsKeyCommand,
  GetDatasetCommand,
  GetOTelEnrichmentCommand,
  GetResourceMetricsConfigurationCommand,
  StartOTelEnrichmentCommand,
  StopOTelEnrichmentCommand,
  UpdateOTelEnrichmentCommand,
  UpdateResourceMetricsConfigurationCommand,
} from '@aws-sdk/client-cloudwatch';
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime } from './support';

const DATASET = 'arn:aws:cloudwatch:us-east-1:123456789012:dataset/default';
const INSTANCE = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0';

describe('CloudWatch account settings', () => {
  useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const kms = new KMSClient({ region: 'us-east-1' });

  it('OTel enrichment: Stopped, started with filters, a second start changes nothing, update replaces both filters, stop', async () => {
    freezeTime(T0);
    expect(await cw.send(new GetOTelEnrichmentCommand({}))).toMatchObject({ Status: 'Stopped' });
    await expect(cw.send(new UpdateOTelEnrichmentCommand({}))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const include = [{ Namespace: 'AWS/EC2', MetricNames: ['CPUUtilization'] }];
    const started = await cw.send(new StartOTelEnrichmentCommand({ IncludeFilters: include, ExcludeFilters: [{ Namespace: 'AWS/S3' }] }));
    expect(started).toMatchObject({ IncludeFilters: include, CreatedAt: new Date(T0) });
    await cw.send(new StartOTelEnrichmentCommand({ IncludeFilters: [{ Namespace: 'AWS/RDS' }] }));
    expect(await cw.send(new GetOTelEnrichmentCommand({}))).toMatchObject({ Status: 'Running', IncludeFilters: include, ExcludeFilters: [{ Namespace: 'AWS/S3' }] });
    const updated = await cw.send(new UpdateOTelEnrichmentCommand({ IncludeFilters: [{ Namespace: 'AWS/Lambda' }] }));
    expect(updated.IncludeFilters).toEqual([{ Namespace: 'AWS/Lambda' }]);
    const got = await cw.send(new GetOTelEnrichmentCommand({}));
    expect(got.ExcludeFilters).toBeUndefined();
    await cw.send(new StopOTelEnrichmentCommand({}));
    expect((await cw.send(new GetOTelEnrichmentCommand({}))).Status).toBe('Stopped');
  });

  it('the default dataset: an AWS owned key until a symmetric customer key is associated by ARN', async () => {
    expect(await cw.send(new GetDatasetCommand({ DatasetIdentifier: 'default' }))).toMatchObject({ DatasetId: 'default', Arn: DATASET });
    expect((await cw.send(new GetDatasetCommand({ DatasetIdentifier: DATASET }))).KmsKeyArn).toBeUndefined();
    await expect(cw.send(new GetDatasetCommand({ DatasetIdentifier: 'other' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(cw.send(new DisassociateDatasetKmsKeyCommand({ DatasetIdentifier: 'default' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const keyArn = KeyMetadata?.Arn as string;
    // Key ids are not accepted, only key ARNs.
    await expect(cw.send(new AssociateDatasetKmsKeyCommand({ DatasetIdentifier: 'default', KmsKeyArn: KeyMetadata?.KeyId as string }))).rejects.toMatchObject({
      name: 'KmsKeyNotFoundException',
    });
    await cw.send(new AssociateDatasetKmsKeyCommand({ DatasetIdentifier: 'default', KmsKeyArn: keyArn }));
    expect((await cw.send(new GetDatasetCommand({ DatasetIdentifier: 'default' }))).KmsKeyArn).toBe(keyArn);
    const other = await kms.send(new CreateKeyCommand({}));
    await kms.send(new DisableKeyCommand({ KeyId: other.KeyMetadata?.KeyId }));
    await expect(cw.send(new AssociateDatasetKmsKeyCommand({ DatasetIdentifier: 'default', KmsKeyArn: other.KeyMetadata?.Arn as string }))).rejects.toMatchObject({
      name: 'KmsKeyDisabledException',
    });
    // The failed association leaves the current one in place.
    expect((await cw.send(new GetDatasetCommand({ DatasetIdentifier: 'default' }))).KmsKeyArn).toBe(keyArn);
    await cw.send(new DisassociateDatasetKmsKeyCommand({ DatasetIdentifier: DATASET }));
    expect((await cw.send(new GetDatasetCommand({ DatasetIdentifier: 'default' }))).KmsKeyArn).toBeUndefined();
  });

  it('resource metrics configurations: one per resource, replaced selections, conflict and not-found', async () => {
    freezeTime(T0);
    const created = await cw.send(
      new CreateResourceMetricsConfigurationCommand({ ResourceArn: INSTANCE, MetricSelections: [{ IncludeMetrics: ['CPUUtilization'] }] }),
    );
    expect(created.ResourceMetricsConfiguration).toEqual({
      ResourceArn: INSTANCE,
      CreatedAt: new Date(T0),
      UpdatedAt: new Date(T0),
      MetricSelections: [{ IncludeMetrics: ['CPUUtilization'] }],
    });
    await expect(cw.send(new CreateResourceMetricsConfigurationCommand({ ResourceArn: INSTANCE }))).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
    });
    jest.setSystemTime(T0 + 1000);
    const updated = await cw.send(new UpdateResourceMetricsConfigurationCommand({ ResourceArn: INSTANCE }));
    expect(updated.ResourceMetricsConfiguration).toMatchObject({ CreatedAt: new Date(T0), UpdatedAt: new Date(T0 + 1000) });
    expect(updated.ResourceMetricsConfiguration?.MetricSelections).toBeUndefined();
    await cw.send(new DeleteResourceMetricsConfigurationCommand({ ResourceArn: INSTANCE }));
    await expect(cw.send(new GetResourceMetricsConfigurationCommand({ ResourceArn: INSTANCE }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(cw.send(new DeleteResourceMetricsConfigurationCommand({ ResourceArn: INSTANCE }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
