/** EC2 models no errors: its codes travel in the `<Response><Errors>` envelope and the SDK names them. */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AwsError } from '../../src/core/errors';
import { toSdkResponse } from '../../src/intercept/sdk-handler';
import { ec2Protocol } from '../../src/protocols/query';
import { spec } from '../../services/ec2/spec';

it('delivers an unmodelled EC2 error code as the exception name', async () => {
  const response = ec2Protocol.serializeError(
    new AwsError('InvalidInstanceID.NotFound', "The instance ID 'i-123' does not exist", { status: 400 }),
    spec.operations.DescribeInstances,
    spec,
    { requestId: 'r-1' },
  );
  expect(String(response.body)).toContain('<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>');
  const ec2 = new EC2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1,
    requestHandler: { handle: async () => ({ response: toSdkResponse(response) }) } as never,
  });
  const err = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-123'] })).catch((e) => e);
  expect(err.name).toBe('InvalidInstanceID.NotFound');
  expect(err.message).toBe("The instance ID 'i-123' does not exist");
  expect(err.$metadata.httpStatusCode).toBe(400);
  expect(err.$metadata.requestId).toBe('r-1');
});
