/**
 * User import from CSV: the header GetCSVHeader lists, a job's pre-signed URL
 * taking the file by PUT (fetch, through the HTTP fallback), the job moving
 * Pending → InProgress → Succeeded on the clock, rows checked one by one, and
 * users created in RESET_REQUIRED.
 */
import {
  AdminGetUserCommand,
  CreateUserImportJobCommand,
  DeleteUserPoolCommand,
  DescribeUserImportJobCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';
import { createConfirmedUser, createPool, idp, PASSWORD } from './support';

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImportRole';

describe('cognito-idp user import jobs', () => {
  const m = useMockAws();

  async function job(poolId: string, name = 'import-test') {
    const { UserImportJob } = await idp().send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: name, CloudWatchLogsRoleArn: ROLE }));
    return UserImportJob!;
  }

  it('GetCSVHeader lists the standard attributes, custom ones, then cognito:mfa_enabled and cognito:username', async () => {
    const { poolId } = await createPool(idp(), { Schema: [{ Name: 'tier', AttributeDataType: 'String' }] });
    const { CSVHeader, UserPoolId } = await idp().send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
    expect(UserPoolId).toBe(poolId);
    expect(CSVHeader).toEqual([
      'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
      'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address',
      'updated_at', 'custom:tier', 'cognito:mfa_enabled', 'cognito:username',
    ]);
  });

  it('creates a job in Created with an import- id and a pre-signed URL', async () => {
    const { poolId } = await createPool(idp());
    const j = await job(poolId);
    expect(j.JobId).toMatch(/^import-[0-9A-Za-z]{10}$/);
    expect(j.Status).toBe('Created');
    expect(j.PreSignedUrl).toMatch(/^https:\/\//);
    expect(j.CloudWatchLogsRoleArn).toBe(ROLE);
    expect(j.ImportedUsers).toBe(0);
  });

  it('refuses to start a job before its CSV is uploaded (PreconditionNotMetException)', async () => {
    const { poolId } = await createPool(idp());
    const j = await job(poolId);
    await expect(idp().send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).rejects.toMatchObject({
      name: 'PreconditionNotMetException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('imports the uploaded rows on the clock: Pending, InProgress (the pool cannot be deleted meanwhile), then Succeeded with counts', async () => {
    const { poolId, clientId } = await createPool(idp());
    const j = await job(poolId);
    const csv = [
      'cognito:username,email,email_verified,cognito:mfa_enabled,name',
      'alice,alice@example.com,true,false,"Alice, A."',
      'bob,bob@example.com,false,false,Bob', // no verified auto-verified contact: fails
      'carol,,true,false,Carol', // email_verified without an email: fails
      'dave,dave@example.com,TRUE,false,Dave',
      'zed,zed@example.com,true,false,Zed', // exists already: skipped
    ].join('\n');
    await createConfirmedUser(idp(), poolId, 'zed');
    const put = await fetch(j.PreSignedUrl!, { method: 'PUT', body: csv, headers: { 'x-amz-server-side-encryption': 'aws:kms' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);

    const started = await idp().send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }));
    expect(started.UserImportJob?.Status).toBe('Pending');
    expect(started.UserImportJob?.StartDate).toBeInstanceOf(Date);
    m.clock.advance(1000);
    expect((await idp().send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).UserImportJob?.Status).toBe('InProgress');
    await expect(idp().send(new DeleteUserPoolCommand({ UserPoolId: poolId }))).rejects.toMatchObject({ name: 'UserImportInProgressException' });
    await expect(idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    m.clock.advance(1000);
    const done = (await idp().send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).UserImportJob;
    expect(done).toMatchObject({ Status: 'Succeeded', ImportedUsers: 2, FailedUsers: 2, SkippedUsers: 1, CompletionMessage: 'Import Job Completed Successfully.' });
    expect(done?.CompletionDate).toBeInstanceOf(Date);

    const alice = await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(alice.UserStatus).toBe('RESET_REQUIRED');
    expect(alice.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'name', Value: 'Alice, A.' }, { Name: 'email_verified', Value: 'true' }]));
    // Imported users have no password: sign-in asks for a reset.
    await expect(
      idp().send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } })),
    ).rejects.toMatchObject({ name: 'PasswordResetRequiredException' });
    // The job's lines, as the developer guide shows them, in CloudWatch Logs under the pool's log group.
    const expected = [
      '[SUCCEEDED] Line Number 2 - The import succeeded.',
      '[FAILED] Line Number 3 - The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).',
      '[FAILED] Line Number 4 - email_verified is true but email is empty.',
      '[SUCCEEDED] Line Number 5 - The import succeeded.',
      '[SKIPPED] Line Number 6 - The user already exists.',
    ];
    const backend = await m.backends.cognitoidp();
    expect(backend.pools.get(poolId)?.importJobs.get(j.JobId!)?.log).toEqual(expected);
    const { events } = await new CloudWatchLogsClient({ region: 'us-east-1' }).send(
      new GetLogEventsCommand({ logGroupName: `/aws/cognito/userpools/${poolId}/users`, logStreamName: `${j.JobId}/import-test` }),
    );
    expect(events?.map((e) => e.message)).toEqual(expected);
  });

  it('fails the whole job when the header names a column the pool does not have', async () => {
    const { poolId } = await createPool(idp());
    const j = await job(poolId);
    await fetch(j.PreSignedUrl!, { method: 'PUT', body: 'cognito:username,cognito:mfa_enabled,email,email_verified,shoe_size\nx,false,x@example.com,true,42\n' });
    await idp().send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }));
    m.clock.advance(2000);
    const done = (await idp().send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).UserImportJob;
    expect(done).toMatchObject({ Status: 'Failed', ImportedUsers: 0, FailedUsers: 1 });
    expect(done?.CompletionMessage).toContain('shoe_size');
  });

  it('stops a started job (Stopping, then Stopped) and imports nothing', async () => {
    const { poolId } = await createPool(idp());
    const j = await job(poolId);
    await fetch(j.PreSignedUrl!, { method: 'PUT', body: 'cognito:username,cognito:mfa_enabled,email,email_verified\nerin,false,erin@example.com,true\n' });
    await idp().send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }));
    const stopped = await idp().send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }));
    expect(stopped.UserImportJob?.Status).toBe('Stopping');
    m.clock.advance(5000);
    expect((await idp().send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).UserImportJob?.Status).toBe('Stopped');
    await expect(idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'erin' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    // Neither a stopped job nor one never started can be stopped (again).
    await expect(idp().send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).rejects.toMatchObject({ name: 'PreconditionNotMetException' });
    await expect(idp().send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).rejects.toMatchObject({ name: 'PreconditionNotMetException' });
  });

  it('refuses an upload with a wrong key (403) and a job expires when not started within 24 hours', async () => {
    const { poolId } = await createPool(idp());
    const j = await job(poolId);
    const forged = new URL(j.PreSignedUrl!);
    forged.searchParams.set('key', 'nope');
    expect((await fetch(forged, { method: 'PUT', body: 'x' })).status).toBe(403);
    m.clock.advance(24 * 3600_000);
    expect((await idp().send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).UserImportJob?.Status).toBe('Expired');
  });

  it('lists jobs in creation order with MaxResults and PaginationToken; an unknown job is ResourceNotFoundException', async () => {
    const { poolId } = await createPool(idp());
    const ids = [];
    for (const name of ['a', 'b', 'c']) ids.push((await job(poolId, name)).JobId);
    const first = await idp().send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2 }));
    expect(first.UserImportJobs?.map((x) => x.JobId)).toEqual(ids.slice(0, 2));
    const second = await idp().send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2, PaginationToken: first.PaginationToken }));
    expect(second.UserImportJobs?.map((x) => x.JobId)).toEqual(ids.slice(2));
    expect(second.PaginationToken).toBeUndefined();
    await expect(idp().send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: 'import-missing0000' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('a started job goes on after a snapshot is restored (its clock wait is armed again)', async () => {
    const { poolId } = await createPool(idp());
    const j = await job(poolId);
    await fetch(j.PreSignedUrl!, { method: 'PUT', body: 'cognito:username,cognito:mfa_enabled,email,email_verified\nivy,false,ivy@example.com,true\n' });
    await idp().send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }));
    const snapshot = await m.snapshot();
    m.restore(snapshot);
    m.clock.advance(2000);
    const done = (await idp().send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: j.JobId! }))).UserImportJob;
    expect(done).toMatchObject({ Status: 'Succeeded', ImportedUsers: 1 });
    expect((await idp().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ivy' }))).UserStatus).toBe('RESET_REQUIRED');
  });

  it('keeps at most 1,000 import jobs per pool (LimitExceededException)', async () => {
    const { poolId } = await createPool(idp());
    const first = await job(poolId);
    // The other 999 are copies put straight into the pool's state: a thousand SDK calls would take seconds here.
    const jobs = (await m.backends.cognitoidp()).pools.get(poolId)?.importJobs as Map<string, unknown>;
    for (let i = 1; i < 1000; i++) jobs.set(`import-copy${i}`, jobs.get(first.JobId as string));
    await expect(job(poolId, 'one-more')).rejects.toMatchObject({ name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } });
  });
});
