import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  CreateEmailIdentityCommand,
  CreateExportJobCommand,
  GetDomainDeliverabilityCampaignCommand,
  GetDomainStatisticsReportCommand,
  GetExportJobCommand,
  ListDomainDeliverabilityCampaignsCommand,
  PutDeliverabilityDashboardOptionCommand,
  SendEmailCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

describe('SES v2 campaigns, domain statistics, engagement on EventBridge, jobs across a snapshot', () => {
  const aws = useMockAws();
  const ses = new SESv2Client({ region: 'us-east-1' });
  const send = async (to: string, Subject: string, ConfigurationSetName?: string) =>
    (
      await ses.send(
        new SendEmailCommand({ FromEmailAddress: 'news@example.com', Destination: { ToAddresses: [to] }, ConfigurationSetName, Content: { Simple: { Subject: { Data: Subject }, Body: { Text: { Data: 'x' } } } } }),
      )
    ).MessageId as string;

  beforeEach(async () => {
    const b = await aws.backends.sesv2();
    b.autoVerify = true;
    b.productionAccess = true;
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
  });

  it('groups the sent mail of a subscribed domain into campaigns and daily statistics per ISP', async () => {
    const range = { StartDate: new Date('2026-04-01T00:00:00Z'), EndDate: new Date('2026-04-03T00:00:00Z') };
    await expect(ses.send(new ListDomainDeliverabilityCampaignsCommand({ SubscribedDomain: 'example.com', ...range }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await ses.send(new PutDeliverabilityDashboardOptionCommand({ DashboardEnabled: true, SubscribedDomains: [{ Domain: 'example.com' }] }));
    aws.clock.set('2026-04-01T09:00:00Z');
    const first = await send('ann@gmail.com', 'April news');
    await send('bob@yahoo.com', 'April news');
    aws.clock.set('2026-04-02T09:00:00Z');
    await send('cat@gmail.com', 'Last call');
    await send('bounce@simulator.amazonses.com', 'Last call');
    await (await aws.backends.sesv2()).open(first);

    const { DomainDeliverabilityCampaigns } = await ses.send(new ListDomainDeliverabilityCampaignsCommand({ SubscribedDomain: 'example.com', ...range }));
    expect(DomainDeliverabilityCampaigns?.map((c) => [c.Subject, c.InboxCount, c.SpamCount, c.ProjectedVolume, c.ReadRate])).toEqual([
      ['April news', 2, 0, 2, 0.5],
      ['Last call', 1, 0, 2, 0],
    ]);
    const april = DomainDeliverabilityCampaigns?.[0];
    expect(april?.Esps).toEqual(['Gmail', 'Yahoo']);
    const one = await ses.send(new GetDomainDeliverabilityCampaignCommand({ CampaignId: april?.CampaignId }));
    expect(one.DomainDeliverabilityCampaign).toEqual(april);
    await expect(ses.send(new GetDomainDeliverabilityCampaignCommand({ CampaignId: 'nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });

    const stats = await ses.send(new GetDomainStatisticsReportCommand({ Domain: 'example.com', ...range }));
    expect(stats.OverallVolume?.VolumeStatistics).toEqual({ InboxRawCount: 3, SpamRawCount: 0, ProjectedInbox: 3, ProjectedSpam: 0 });
    expect(stats.OverallVolume?.ReadRatePercent).toBe(25);
    expect(stats.DailyVolumes?.map((d) => [d.StartDate?.toISOString(), d.VolumeStatistics?.InboxRawCount, d.DomainIspPlacements?.map((p) => p.IspName)])).toEqual([
      ['2026-04-01T00:00:00.000Z', 2, ['Gmail', 'Yahoo']],
      ['2026-04-02T00:00:00.000Z', 1, ['Gmail']],
    ]);
    await expect(ses.send(new GetDomainStatisticsReportCommand({ Domain: 'other.com', ...range }))).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('delivers Open and Click events to EventBridge as "Email Opened" and "Email Clicked"', async () => {
    const sqs = new SQSClient({ region: 'us-east-1' });
    const eb = new EventBridgeClient({ region: 'us-east-1' });
    const url = await createQueue(sqs, 'engagement');
    await eb.send(new PutRuleCommand({ Name: 'ses', EventPattern: JSON.stringify({ source: ['aws.ses'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'ses', Targets: [{ Id: 'q', Arn: queueArn('engagement') }] }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tx' }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: 'tx',
        EventDestinationName: 'eb',
        EventDestination: { Enabled: true, MatchingEventTypes: ['OPEN', 'CLICK'], EventBridgeDestination: { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' } },
      }),
    );
    const id = await send('ann@gmail.com', 'Hi', 'tx');
    const b = await aws.backends.sesv2();
    await b.open(id);
    await b.click(id, 'https://example.com/a');
    await aws.settle();
    const events = ((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? []).map((m) => JSON.parse(m.Body as string));
    expect(events.map((e) => [e['detail-type'], e.detail.eventType])).toEqual([
      ['Email Opened', 'Open'],
      ['Email Clicked', 'Click'],
    ]);
    expect(events[1].detail).toMatchObject({ mail: { messageId: id, destination: ['ann@gmail.com'] }, click: { link: 'https://example.com/a' } });
  });

  it('runs an export job that was waiting when a snapshot was taken, after the restore', async () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    aws.clock.set('2026-05-01T10:00:00Z');
    await send('ann@gmail.com', 'Snap');
    const { JobId } = await ses.send(
      new CreateExportJobCommand({
        ExportDataSource: { MessageInsightsDataSource: { StartDate: new Date('2026-05-01T00:00:00Z'), EndDate: new Date('2026-05-02T00:00:00Z') } },
        ExportDestination: { DataFormat: 'JSON', S3Url: 's3://exports/snap.json' },
      }),
    );
    const fixture = await aws.snapshot();
    // A job created after the snapshot is forgotten by the restore: it must not write its file.
    await ses.send(
      new CreateExportJobCommand({
        ExportDataSource: { MessageInsightsDataSource: { StartDate: new Date('2026-05-01T00:00:00Z'), EndDate: new Date('2026-05-02T00:00:00Z') } },
        ExportDestination: { DataFormat: 'JSON', S3Url: 's3://exports/forgotten.json' },
      }),
    );
    aws.restore(fixture);
    aws.clock.advance(1000);
    await aws.settle();
    const body = await (await s3.send(new GetObjectCommand({ Bucket: 'exports', Key: 'snap.json' }))).Body?.transformToString();
    expect(JSON.parse(body ?? '{}')).toMatchObject({ destination: 'ann@gmail.com', subject: 'Snap', lastDeliveryEvent: 'DELIVERY' });
    await expect(s3.send(new GetObjectCommand({ Bucket: 'exports', Key: 'forgotten.json' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect((await ses.send(new GetExportJobCommand({ JobId }))).JobStatus).toBe('COMPLETED');
  });
});
