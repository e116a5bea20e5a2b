/**
 * Log deliveries: sources, destinations (type from the resource ARN), their
 * policies, and deliveries linking them, with the delivery APIs' own errors
 * (ValidationException, ResourceNotFoundException, ConflictException).
 */
import {
  CloudWatchLogsClient,
  CreateDeliveryCommand,
  DeleteDeliveryCommand,
  DeleteDeliveryDestinationCommand,
  DeleteDeliveryDestinationPolicyCommand,
  DeleteDeliverySourceCommand,
  DescribeDeliveriesCommand,
  DescribeDeliveryDestinationsCommand,
  DescribeDeliverySourcesCommand,
  GetDeliveryCommand,
  GetDeliveryDestinationCommand,
  GetDeliveryDestinationPolicyCommand,
  GetDeliverySourceCommand,
  PutDeliveryDestinationCommand,
  PutDeliveryDestinationPolicyCommand,
  PutDeliverySourceCommand,
  UpdateDeliveryConfigurationCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';

const ACCOUNT = '123456789012';
const WORKSPACE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/abc`;
const BUCKET = 'arn:aws:s3:::vended-logs';
const GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/vended`;

describe('CloudWatch Logs deliveries', () => {
  useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const source = (name = 'src', resourceArn = WORKSPACE, logType = 'APPLICATION_LOGS') =>
    logs.send(new PutDeliverySourceCommand({ name, resourceArn, logType }));
  const destination = (name: string, destinationResourceArn: string, outputFormat?: 'json' | 'plain') =>
    logs.send(new PutDeliveryDestinationCommand({ name, outputFormat, deliveryDestinationConfiguration: { destinationResourceArn } }));

  it('stores delivery sources with the service of their resource; the resource and log type cannot change', async () => {
    const { deliverySource } = await logs.send(new PutDeliverySourceCommand({ name: 'src', resourceArn: WORKSPACE, logType: 'APPLICATION_LOGS', tags: { team: 'ml' } }));
    expect(deliverySource).toEqual({
      name: 'src',
      arn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:src`,
      resourceArns: [WORKSPACE],
      service: 'bedrock',
      logType: 'APPLICATION_LOGS',
      tags: { team: 'ml' },
    });
    await expect(source('src', WORKSPACE, 'EVENT_LOGS')).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(source('bad', 'not-an-arn')).rejects.toMatchObject({ name: 'ValidationException' });
    expect((await logs.send(new GetDeliverySourceCommand({ name: 'src' }))).deliverySource?.logType).toBe('APPLICATION_LOGS');
    await expect(logs.send(new GetDeliverySourceCommand({ name: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('delivery destinations take their type from the resource ARN and keep a policy', async () => {
    const s3 = await destination('to-s3', BUCKET, 'json');
    expect(s3.deliveryDestination).toEqual({
      name: 'to-s3',
      arn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:to-s3`,
      deliveryDestinationType: 'S3',
      outputFormat: 'json',
      deliveryDestinationConfiguration: { destinationResourceArn: BUCKET },
    });
    expect((await destination('to-cwl', GROUP)).deliveryDestination?.deliveryDestinationType).toBe('CWL');
    expect((await logs.send(new PutDeliveryDestinationCommand({ name: 'xray', deliveryDestinationType: 'XRAY' }))).deliveryDestination?.deliveryDestinationType).toBe('XRAY');
    await expect(destination('bad', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`)).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(logs.send(new PutDeliveryDestinationCommand({ name: 'none' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(destination('to-s3', GROUP)).rejects.toMatchObject({ name: 'ConflictException' });

    expect((await logs.send(new GetDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'to-s3' }))).policy).toEqual({});
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'logs:CreateDelivery', Resource: '*' }] });
    await logs.send(new PutDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'to-s3', deliveryDestinationPolicy: policy }));
    expect((await logs.send(new GetDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'to-s3' }))).policy).toEqual({ deliveryDestinationPolicy: policy });
    await logs.send(new DeleteDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'to-s3' }));
    await expect(logs.send(new DeleteDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'to-s3' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const described = await logs.send(new DescribeDeliveryDestinationsCommand({ limit: 2 }));
    expect(described.deliveryDestinations?.map((d) => d.name)).toEqual(['to-cwl', 'to-s3']);
    const rest = await logs.send(new DescribeDeliveryDestinationsCommand({ limit: 2, nextToken: described.nextToken }));
    expect(rest.deliveryDestinations?.map((d) => d.name)).toEqual(['xray']);
  });

  it('deliveries link a source to a destination once; resources in use cannot be deleted', async () => {
    await source();
    const dest = (await destination('to-s3', BUCKET)).deliveryDestination?.arn ?? '';
    const { delivery } = await logs.send(
      new CreateDeliveryCommand({ deliverySourceName: 'src', deliveryDestinationArn: dest, recordFields: ['timestamp', 'message'], s3DeliveryConfiguration: { suffixPath: 'app/{yyyy}' } }),
    );
    expect(delivery).toMatchObject({
      id: expect.stringMatching(/^[0-9A-Za-z]+$/),
      arn: expect.stringMatching(new RegExp(`^arn:aws:logs:us-east-1:${ACCOUNT}:delivery:`)),
      deliverySourceName: 'src',
      deliveryDestinationArn: dest,
      deliveryDestinationType: 'S3',
      recordFields: ['timestamp', 'message'],
      s3DeliveryConfiguration: { suffixPath: 'app/{yyyy}' },
    });
    const id = delivery?.id ?? '';
    await expect(logs.send(new CreateDeliveryCommand({ deliverySourceName: 'src', deliveryDestinationArn: dest }))).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(logs.send(new CreateDeliveryCommand({ deliverySourceName: 'nope', deliveryDestinationArn: dest }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      logs.send(new CreateDeliveryCommand({ deliverySourceName: 'src', deliveryDestinationArn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:nope` })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(logs.send(new DeleteDeliverySourceCommand({ name: 'src' }))).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(logs.send(new DeleteDeliveryDestinationCommand({ name: 'to-s3' }))).rejects.toMatchObject({ name: 'ConflictException' });

    await logs.send(new UpdateDeliveryConfigurationCommand({ id, fieldDelimiter: '|', recordFields: ['message'] }));
    expect((await logs.send(new GetDeliveryCommand({ id }))).delivery).toMatchObject({ fieldDelimiter: '|', recordFields: ['message'] });
    const cwl = (await destination('to-cwl', GROUP)).deliveryDestination?.arn ?? '';
    const second = await logs.send(new CreateDeliveryCommand({ deliverySourceName: 'src', deliveryDestinationArn: cwl }));
    await expect(logs.send(new UpdateDeliveryConfigurationCommand({ id: second.delivery?.id, s3DeliveryConfiguration: { enableHiveCompatiblePath: true } }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    expect((await logs.send(new DescribeDeliveriesCommand({}))).deliveries).toHaveLength(2);

    await logs.send(new DeleteDeliveryCommand({ id }));
    await logs.send(new DeleteDeliveryCommand({ id: second.delivery?.id }));
    await expect(logs.send(new GetDeliveryCommand({ id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await logs.send(new DeleteDeliverySourceCommand({ name: 'src' }));
    await logs.send(new DeleteDeliveryDestinationCommand({ name: 'to-s3' }));
    expect((await logs.send(new DescribeDeliverySourcesCommand({}))).deliverySources).toEqual([]);
    await expect(logs.send(new GetDeliveryDestinationCommand({ name: 'to-s3' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
