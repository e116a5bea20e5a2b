import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  BatchGetMetricDataCommand,
  CancelExportJobCommand,
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  CreateContactListCommand,
  CreateEmailIdentityCommand,
  CreateExportJobCommand,
  CreateImportJobCommand,
  GetContactCommand,
  GetEmailAddressInsightsCommand,
  GetExportJobCommand,
  GetImportJobCommand,
  GetMessageInsightsCommand,
  ListExportJobsCommand,
  ListImportJobsCommand,
  ListRecommendationsCommand,
  ListSuppressedDestinationsCommand,
  PutAccountVdmAttributesCommand,
  PutEmailIdentityMailFromAttributesCommand,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { useMockAws } from '../lifecycle';

describe('SES v2 VDM: metrics, message insights, engagement, export and import jobs', () => {
  const aws = useMockAws();
  const ses = new SESv2Client({ region: 'us-east-1' });
  const s3 = new S3Client({ region: 'us-east-1' });
  const send = async (to: string[], Subject = 'Hello', ConfigurationSetName?: string) =>
    (
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'app@example.com',
          Destination: { ToAddresses: to },
          ConfigurationSetName,
          EmailTags: [{ Name: 'flow', Value: 'welcome' }],
          Content: { Simple: { Subject: { Data: Subject }, Body: { Text: { Data: 'hi' } } } },
        }),
      )
    ).MessageId as string;
  const text = async (Bucket: string, Key: string) => (await (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString()) ?? '';

  beforeEach(async () => {
    const b = await aws.backends.sesv2();
    b.autoVerify = true;
    b.productionAccess = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
  });

  it('counts the mail sent per day in BatchGetMetricData, by identity, leaving out the simulator and multi-recipient mail', async () => {
    aws.clock.set('2026-02-01T10:00:00Z');
    const first = await send(['ann@gmail.com']);
    await send(['bob@yahoo.com']);
    await send(['success@simulator.amazonses.com']);
    await send(['c@gmail.com', 'd@gmail.com']);
    aws.clock.set('2026-02-02T09:00:00Z');
    await send(['eve@gmail.com']);
    const b = await aws.backends.sesv2();
    await b.open(first);
    await b.click(first, 'https://example.com/start');
    const range = { StartDate: new Date('2026-02-01T00:00:00Z'), EndDate: new Date('2026-02-03T00:00:00Z') };
    const { Results, Errors } = await ses.send(
      new BatchGetMetricDataCommand({
        Queries: [
          { Id: 'sends', Namespace: 'VDM', Metric: 'SEND', ...range },
          { Id: 'gmail', Namespace: 'VDM', Metric: 'DELIVERY', Dimensions: { ISP: 'Gmail' }, ...range },
          { Id: 'opens', Namespace: 'VDM', Metric: 'DELIVERY_OPEN', Dimensions: { EMAIL_IDENTITY: 'example.com' }, ...range },
          { Id: 'other', Namespace: 'VDM', Metric: 'SEND', Dimensions: { EMAIL_IDENTITY: 'other.com' }, ...range },
        ],
      }),
    );
    expect(Errors).toEqual([]);
    const day1 = new Date('2026-02-01T00:00:00Z');
    const day2 = new Date('2026-02-02T00:00:00Z');
    expect(Results).toEqual([
      { Id: 'sends', Timestamps: [day1, day2], Values: [2, 1] },
      { Id: 'gmail', Timestamps: [day1, day2], Values: [1, 1] },
      { Id: 'opens', Timestamps: [day1, day2], Values: [1, 0] },
      { Id: 'other', Timestamps: [], Values: [] },
    ]);
    await expect(
      ses.send(new BatchGetMetricDataCommand({ Queries: [{ Id: 'x', Namespace: 'VDM', Metric: 'SEND', StartDate: range.EndDate, EndDate: range.StartDate }] })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it("answers a message's insights with its recipients' events, and publishes opens and clicks to the configuration set", async () => {
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tx' }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: 'tx',
        EventDestinationName: 'all',
        EventDestination: { Enabled: true, MatchingEventTypes: ['OPEN', 'CLICK'], CloudWatchDestination: { DimensionConfigurations: [] } },
      }),
    );
    const id = await send(['ann@gmail.com'], 'Welcome', 'tx');
    const b = await aws.backends.sesv2();
    await b.open(id, undefined, { ipAddress: '198.51.100.7', userAgent: 'Thunderbird' });
    await b.click(id, 'https://example.com/verify', undefined, { cta: ['verify'] });
    expect(b.events.map((e) => e.eventType)).toEqual(['OPEN', 'CLICK']);
    expect(b.events[0].payload).toMatchObject({ eventType: 'Open', mail: { messageId: id }, open: { ipAddress: '198.51.100.7', userAgent: 'Thunderbird' } });
    expect(b.events[1].payload).toMatchObject({ eventType: 'Click', click: { link: 'https://example.com/verify', linkTags: { cta: ['verify'] } } });

    const insights = await ses.send(new GetMessageInsightsCommand({ MessageId: id }));
    expect(insights).toMatchObject({ MessageId: id, FromEmailAddress: 'app@example.com', Subject: 'Welcome', EmailTags: [{ Name: 'flow', Value: 'welcome' }] });
    expect(insights.Insights).toMatchObject([{ Destination: 'ann@gmail.com', Isp: 'Gmail' }]);
    expect(insights.Insights?.[0].Events?.map((e) => e.Type)).toEqual(['SEND', 'DELIVERY', 'OPEN', 'CLICK']);
    const bounced = await send(['bounce@simulator.amazonses.com']);
    expect((await ses.send(new GetMessageInsightsCommand({ MessageId: bounced }))).Insights?.[0].Events?.map((e) => e.Type)).toEqual(['SEND']);
    await expect(ses.send(new GetMessageInsightsCommand({ MessageId: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('exports message insights to S3 as CSV once the job has run on the clock', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    aws.clock.set('2026-03-01T08:00:00Z');
    const id = await send(['ann@gmail.com'], 'Invoice 1');
    await send(['bob@yahoo.com'], 'Invoice 2');
    const { JobId } = await ses.send(
      new CreateExportJobCommand({
        ExportDataSource: {
          MessageInsightsDataSource: { StartDate: new Date('2026-03-01T00:00:00Z'), EndDate: new Date('2026-03-02T00:00:00Z'), Include: { Isp: ['Gmail'] } },
        },
        ExportDestination: { DataFormat: 'CSV', S3Url: 's3://exports/insights/march.csv' },
      }),
    );
    expect(await ses.send(new GetExportJobCommand({ JobId }))).toMatchObject({ JobId, ExportSourceType: 'MESSAGE_INSIGHTS', JobStatus: 'CREATED' });
    aws.clock.advance(1000);
    const job = await ses.send(new GetExportJobCommand({ JobId }));
    expect(job).toMatchObject({ JobStatus: 'COMPLETED', Statistics: { ProcessedRecordsCount: 2, ExportedRecordsCount: 1 } });
    expect(job.CompletedTimestamp).toBeInstanceOf(Date);
    const lines = (await text('exports', 'insights/march.csv')).trim().split('\n');
    expect(lines[0]).toBe('messageId,sendTimestamp,fromEmailAddress,destination,subject,isp,lastDeliveryEvent,lastEngagementEvent,emailTags');
    const row = lines[1].split(',');
    expect(row[1]).toMatch(/^2026-03-01T08:00:00\.\d{3}Z$/);
    expect([row[0], ...row.slice(2)]).toEqual([id, 'app@example.com', 'ann@gmail.com', 'Invoice 1', 'Gmail', 'DELIVERY', '', 'flow=welcome']);
    expect(lines).toHaveLength(2);
    expect((await ses.send(new ListExportJobsCommand({ JobStatus: 'COMPLETED' }))).ExportJobs?.map((j) => j.JobId)).toEqual([JobId]);
    await expect(ses.send(new GetExportJobCommand({ JobId: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('exports metrics as JSON lines; a missing bucket fails the job; a waiting job can be cancelled', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    aws.clock.set('2026-03-01T08:00:00Z');
    await send(['ann@gmail.com']);
    await send(['bounce-me@example.org']);
    const source = {
      MetricsDataSource: {
        Namespace: 'VDM' as const,
        Dimensions: { EMAIL_IDENTITY: ['example.com'] },
        Metrics: [{ Name: 'SEND' as const, Aggregation: 'VOLUME' as const }, { Name: 'DELIVERY' as const, Aggregation: 'RATE' as const }],
        StartDate: new Date('2026-03-01T00:00:00Z'),
        EndDate: new Date('2026-03-02T00:00:00Z'),
      },
    };
    const ok = await ses.send(new CreateExportJobCommand({ ExportDataSource: source, ExportDestination: { DataFormat: 'JSON', S3Url: 's3://exports/metrics.json' } }));
    const missing = await ses.send(new CreateExportJobCommand({ ExportDataSource: source, ExportDestination: { DataFormat: 'JSON', S3Url: 's3://no-such-bucket/m.json' } }));
    const cancelled = await ses.send(new CreateExportJobCommand({ ExportDataSource: source, ExportDestination: { DataFormat: 'CSV' } }));
    await ses.send(new CancelExportJobCommand({ JobId: cancelled.JobId }));
    aws.clock.advance(1000);
    expect((await ses.send(new GetExportJobCommand({ JobId: ok.JobId }))).JobStatus).toBe('COMPLETED');
    expect(JSON.parse(await text('exports', 'metrics.json'))).toEqual({ timestamp: '2026-03-01T00:00:00.000Z', send_volume: 2, delivery_rate: 1 });
    const failed = await ses.send(new GetExportJobCommand({ JobId: missing.JobId }));
    expect(failed.JobStatus).toBe('FAILED');
    expect(failed.FailureInfo?.ErrorMessage).toContain('no-such-bucket');
    expect((await ses.send(new GetExportJobCommand({ JobId: cancelled.JobId }))).JobStatus).toBe('CANCELLED');
    await expect(ses.send(new CancelExportJobCommand({ JobId: ok.JobId }))).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(
      ses.send(new CreateExportJobCommand({ ExportDataSource: {}, ExportDestination: { DataFormat: 'CSV' } })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('imports a CSV into the suppression list (production access only) and removes with DELETE', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'imports' }));
    await s3.send(new PutObjectCommand({ Bucket: 'imports', Key: 'suppress.csv', Body: 'a@example.org,BOUNCE\nb@example.org, COMPLAINT\nc@example.org,SPAM\nnot-an-address,BOUNCE\n' }));
    const source = { S3Url: 's3://imports/suppress.csv', DataFormat: 'CSV' as const };
    (await aws.backends.sesv2()).productionAccess = false;
    await expect(
      ses.send(new CreateImportJobCommand({ ImportDestination: { SuppressionListDestination: { SuppressionListImportAction: 'PUT' } }, ImportDataSource: source })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    (await aws.backends.sesv2()).productionAccess = true;
    const { JobId } = await ses.send(new CreateImportJobCommand({ ImportDestination: { SuppressionListDestination: { SuppressionListImportAction: 'PUT' } }, ImportDataSource: source }));
    aws.clock.advance(1000);
    expect(await ses.send(new GetImportJobCommand({ JobId }))).toMatchObject({ JobStatus: 'COMPLETED', ProcessedRecordsCount: 4, FailedRecordsCount: 2, ImportDataSource: source });
    const listed = (await ses.send(new ListSuppressedDestinationsCommand({}))).SuppressedDestinationSummaries;
    expect(listed?.map((s) => [s.EmailAddress, s.Reason])).toEqual([
      ['a@example.org', 'BOUNCE'],
      ['b@example.org', 'COMPLAINT'],
    ]);
    await s3.send(new PutObjectCommand({ Bucket: 'imports', Key: 'remove.json', Body: '{"emailAddress":"a@example.org"}\n' }));
    await ses.send(
      new CreateImportJobCommand({ ImportDestination: { SuppressionListDestination: { SuppressionListImportAction: 'DELETE' } }, ImportDataSource: { S3Url: 's3://imports/remove.json', DataFormat: 'JSON' } }),
    );
    aws.clock.advance(1000);
    expect((await ses.send(new ListSuppressedDestinationsCommand({}))).SuppressedDestinationSummaries?.map((s) => s.EmailAddress)).toEqual(['b@example.org']);
    expect((await ses.send(new ListImportJobsCommand({ ImportDestinationType: 'SUPPRESSION_LIST' }))).ImportJobs).toHaveLength(2);
    expect((await ses.send(new ListImportJobsCommand({ ImportDestinationType: 'CONTACT_LIST' }))).ImportJobs).toEqual([]);
  });

  it('imports JSON contacts into a contact list; a missing file fails the job', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'imports' }));
    await ses.send(new CreateContactListCommand({ ContactListName: 'news', Topics: [{ TopicName: 'weekly', DisplayName: 'Weekly', DefaultSubscriptionStatus: 'OPT_OUT' }] }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'imports',
        Key: 'contacts.json',
        Body: '{"emailAddress":"ann@example.org","topicPreferences":[{"TopicName":"weekly","SubscriptionStatus":"OPT_IN"}],"attributesData":"{\\"tier\\":\\"gold\\"}"}\n',
      }),
    );
    const dest = { ContactListDestination: { ContactListName: 'news', ContactListImportAction: 'PUT' as const } };
    await expect(
      ses.send(new CreateImportJobCommand({ ImportDestination: { ContactListDestination: { ContactListName: 'nope', ContactListImportAction: 'PUT' } }, ImportDataSource: { S3Url: 's3://imports/contacts.json', DataFormat: 'JSON' } })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    const ok = await ses.send(new CreateImportJobCommand({ ImportDestination: dest, ImportDataSource: { S3Url: 's3://imports/contacts.json', DataFormat: 'JSON' } }));
    const missing = await ses.send(new CreateImportJobCommand({ ImportDestination: dest, ImportDataSource: { S3Url: 's3://imports/none.json', DataFormat: 'JSON' } }));
    aws.clock.advance(1000);
    expect((await ses.send(new GetImportJobCommand({ JobId: ok.JobId }))).JobStatus).toBe('COMPLETED');
    expect(await ses.send(new GetContactCommand({ ContactListName: 'news', EmailAddress: 'ann@example.org' }))).toMatchObject({
      TopicPreferences: [{ TopicName: 'weekly', SubscriptionStatus: 'OPT_IN' }],
      AttributesData: '{"tier":"gold"}',
    });
    const failed = await ses.send(new GetImportJobCommand({ JobId: missing.JobId }));
    expect(failed.JobStatus).toBe('FAILED');
    expect(failed.FailureInfo?.ErrorMessage).toContain('none.json');
  });

  it("judges an address from the fake's knowledge: syntax, the simulator, the suppression list, role names", async () => {
    const insight = async (EmailAddress: string) => (await ses.send(new GetEmailAddressInsightsCommand({ EmailAddress }))).MailboxValidation;
    expect(await insight('success@simulator.amazonses.com')).toMatchObject({ IsValid: { ConfidenceVerdict: 'HIGH' }, Evaluations: { MailboxExists: { ConfidenceVerdict: 'HIGH' } } });
    expect(await insight('bounce@simulator.amazonses.com')).toMatchObject({ IsValid: { ConfidenceVerdict: 'LOW' }, Evaluations: { MailboxExists: { ConfidenceVerdict: 'LOW' } } });
    expect(await insight('not an address')).toMatchObject({ IsValid: { ConfidenceVerdict: 'LOW' }, Evaluations: { HasValidSyntax: { ConfidenceVerdict: 'LOW' } } });
    await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'gone@example.org', Reason: 'BOUNCE' }));
    expect((await insight('gone@example.org'))?.Evaluations?.MailboxExists?.ConfidenceVerdict).toBe('LOW');
    expect((await insight('support@example.org'))?.Evaluations?.IsRoleAddress?.ConfidenceVerdict).toBe('HIGH');
  });

  it('recommends fixing unverified DKIM and MAIL FROM once VDM is enabled', async () => {
    (await aws.backends.sesv2()).autoVerify = false;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'pending.com' }));
    await ses.send(new PutEmailIdentityMailFromAttributesCommand({ EmailIdentity: 'example.com', MailFromDomain: 'bounce.example.com' }));
    expect((await ses.send(new ListRecommendationsCommand({}))).Recommendations).toEqual([]);
    await ses.send(new PutAccountVdmAttributesCommand({ VdmAttributes: { VdmEnabled: 'ENABLED' } }));
    const recs = (await ses.send(new ListRecommendationsCommand({}))).Recommendations;
    expect(recs?.map((r) => [r.ResourceArn, r.Type, r.Status])).toEqual([
      ['arn:aws:ses:us-east-1:123456789012:identity/example.com', 'SPF', 'OPEN'],
      ['arn:aws:ses:us-east-1:123456789012:identity/pending.com', 'DKIM', 'OPEN'],
    ]);
    expect((await ses.send(new ListRecommendationsCommand({ Filter: { TYPE: 'DKIM' } }))).Recommendations).toHaveLength(1);
  });
});
