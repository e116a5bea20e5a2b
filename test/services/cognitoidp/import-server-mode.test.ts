/**
 * User import against the server: the pre-signed URL's path, sent to the
 * server's own address, takes the CSV; the job then imports it.
 */
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserImportJobCommand,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  StartUserImportJobCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { clock } from '../../../src/core/clock';
import { type MockServer, startServer } from '../../../src/server/server';

let server: MockServer;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  server = await startServer({ port: 0 });
  client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  });
});
afterAll(async () => {
  client.destroy();
  await server.stop();
  clock.reset();
});

it('takes the CSV on the server at the pre-signed URL’s path and imports it', async () => {
  const poolId = (await client.send(new CreateUserPoolCommand({ PoolName: 'served', AutoVerifiedAttributes: ['email'] }))).UserPool?.Id as string;
  const { UserImportJob } = await client.send(
    new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'served', CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/CognitoImport' }),
  );
  const presigned = new URL(UserImportJob?.PreSignedUrl as string);
  const put = await fetch(`${server.url}${presigned.pathname}${presigned.search}`, {
    method: 'PUT',
    body: 'cognito:username,cognito:mfa_enabled,email,email_verified\njo,false,jo@example.com,true\n',
  });
  expect(put.status).toBe(200);
  await client.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: UserImportJob?.JobId }));
  clock.advance(2000);
  const done = await client.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: UserImportJob?.JobId }));
  expect(done.UserImportJob).toMatchObject({ Status: 'Succeeded', ImportedUsers: 1 });
  expect((await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'jo' }))).UserStatus).toBe('RESET_REQUIRED');
});
