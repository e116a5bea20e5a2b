import { gunzipSync } from 'node:zlib';
import {
  CloudWatchLogsClient,
  CreateExportTaskCommand,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteResourcePolicyCommand,
  DescribeDestinationsCommand,
  DescribeExportTasksCommand,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  DescribeQueriesCommand,
  DescribeResourcePoliciesCommand,
  GetLogRecordCommand,
  GetQueryResultsCommand,
  ListLogGroupsForQueryCommand,
  PutDestinationCommand,
  PutDestinationPolicyCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutResourcePolicyCommand,
  StartQueryCommand,
  TestMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { useMockAws } from '../lifecycle';

describe('CloudWatch Logs filters, queries and exports', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const put = (messages: string[], at = aws.clock.now()) =>
    logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents: messages.map((message, i) => ({ timestamp: at + i, message })) }));
  beforeEach(async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
  });

  it('stores metric filters and counts them on the group', async () => {
    const metricTransformations = [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }];
    await logs.send(new PutMetricFilterCommand({ logGroupName: 'g', filterName: 'errors', filterPattern: 'ERROR', metricTransformations }));
    await logs.send(new PutMetricFilterCommand({ logGroupName: 'g', filterName: 'latency', filterPattern: '{ $.latency > 0 }', metricTransformations: [{ metricName: 'Latency', metricNamespace: 'App', metricValue: '$.latency' }] }));
    const { metricFilters } = await logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'g' }));
    expect(metricFilters?.map((f) => f.filterName)).toEqual(['errors', 'latency']);
    expect(metricFilters?.[0]).toMatchObject({ logGroupName: 'g', filterPattern: 'ERROR', metricTransformations });
    const byMetric = await logs.send(new DescribeMetricFiltersCommand({ metricName: 'Latency', metricNamespace: 'App' }));
    expect(byMetric.metricFilters?.map((f) => f.filterName)).toEqual(['latency']);
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0].metricFilterCount).toBe(2);
    await expect(
      logs.send(new PutMetricFilterCommand({ logGroupName: 'g', filterName: 'bad', filterPattern: '{ $.x = ', metricTransformations })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid filter pattern' });
  });

  it('TestMetricFilter returns the matches and the values the pattern extracts', async () => {
    const out = await logs.send(
      new TestMetricFilterCommand({
        filterPattern: '[ip, user, status = 4*, bytes]',
        logEventMessages: ['1.2.3.4 alice 404 100', '1.2.3.4 bob 200 10', '5.6.7.8 carol 403 7'],
      }),
    );
    expect(out.matches).toEqual([
      { eventNumber: 1, eventMessage: '1.2.3.4 alice 404 100', extractedValues: { $ip: '1.2.3.4', $user: 'alice', $status: '404', $bytes: '100' } },
      { eventNumber: 3, eventMessage: '5.6.7.8 carol 403 7', extractedValues: { $ip: '5.6.7.8', $user: 'carol', $status: '403', $bytes: '7' } },
    ]);
  });

  describe('Logs Insights', () => {
    const query = async (queryString: string) => {
      const now = aws.clock.now();
      const { queryId } = await logs.send(
        new StartQueryCommand({ logGroupName: 'g', startTime: Math.floor(now / 1000) - 3600, endTime: Math.floor(now / 1000) + 60, queryString }),
      );
      const out = await logs.send(new GetQueryResultsCommand({ queryId }));
      expect(out.status).toBe('Complete');
      return (out.results ?? []).map((row) => Object.fromEntries(row.filter((f) => f.field !== '@ptr').map((f) => [f.field, f.value])));
    };
    beforeEach(async () => {
      await put(
        [
          '{"level":"error","latency":120,"path":"/a"}',
          '{"level":"info","latency":20,"path":"/a"}',
          '{"level":"error","latency":300,"path":"/b"}',
          'user=alice action=login',
        ],
        aws.clock.now() - 1000,
      );
    });

    it('GetLogRecord returns every field of the event a @ptr names; ListLogGroupsForQuery the groups queried', async () => {
      const now = aws.clock.now();
      const { queryId } = await logs.send(
        new StartQueryCommand({ logGroupName: 'g', startTime: Math.floor(now / 1000) - 3600, endTime: Math.floor(now / 1000) + 60, queryString: 'fields level | filter latency > 200' }),
      );
      const { results } = await logs.send(new GetQueryResultsCommand({ queryId }));
      const ptr = results?.[0].find((f) => f.field === '@ptr')?.value;
      const { logRecord } = await logs.send(new GetLogRecordCommand({ logRecordPointer: ptr }));
      expect(logRecord).toEqual({
        level: 'error',
        latency: '300',
        path: '/b',
        '@message': '{"level":"error","latency":300,"path":"/b"}',
        '@logStream': 's',
        '@log': '123456789012:g',
        '@timestamp': expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/),
        '@ingestionTime': expect.stringMatching(/^\d{4}-\d{2}-\d{2} /),
      });
      await expect(logs.send(new GetLogRecordCommand({ logRecordPointer: Buffer.from('g:s:99999').toString('base64') }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      const groups = await logs.send(new ListLogGroupsForQueryCommand({ queryId }));
      expect(groups.logGroupIdentifiers).toEqual(['arn:aws:logs:us-east-1:123456789012:log-group:g']);
      await expect(logs.send(new ListLogGroupsForQueryCommand({ queryId: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it('fields, filter, sort and limit', async () => {
      expect(await query('fields level, latency | filter level = "error" | sort latency desc | limit 1')).toEqual([{ level: 'error', latency: '300' }]);
      expect(await query('fields path | filter latency > 50 and path like /a/')).toEqual([{ path: '/a' }]);
    });

    it('stats ... by', async () => {
      expect(await query('filter ispresent(level) | stats count(*) as n, avg(latency) as avg by level | sort level')).toEqual([
        { level: 'error', n: '2', avg: '210' },
        { level: 'info', n: '1', avg: '20' },
      ]);
      expect(await query('filter ispresent(latency) | stats max(latency), count_distinct(path)')).toEqual([{ 'max(latency)': '300', 'count_distinct(path)': '2' }]);
    });

    it('parse with a glob and with named groups', async () => {
      expect(await query('parse @message "user=* action=*" as who, what | filter ispresent(who) | fields who, what')).toEqual([{ who: 'alice', what: 'login' }]);
      expect(await query('parse @message /user=(?<who>\\w+)/ | filter ispresent(who) | display who')).toEqual([{ who: 'alice' }]);
    });

    it('defaults to @timestamp and @message, newest first', async () => {
      const rows = await query('filter @message like "login"');
      expect(rows).toEqual([{ '@timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/), '@message': 'user=alice action=login' }]);
    });

    it('refuses a malformed query and lists queries', async () => {
      await expect(query('frobnicate x')).rejects.toMatchObject({ name: 'MalformedQueryException' });
      await query('fields @message');
      const { queries } = await logs.send(new DescribeQueriesCommand({ logGroupName: 'g' }));
      expect(queries?.map((q) => q.status)).toEqual(['Complete']);
    });
  });

  it('exports a time range to S3 as gzipped objects per stream', async () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    const t = aws.clock.now() - 5000;
    await put(['a', 'b', 'c'], t);
    const { taskId } = await logs.send(
      new CreateExportTaskCommand({ logGroupName: 'g', from: t, to: t + 2, destination: 'exports', destinationPrefix: 'logs' }),
    );
    const { exportTasks } = await logs.send(new DescribeExportTasksCommand({ taskId }));
    expect(exportTasks?.[0]).toMatchObject({ taskId, logGroupName: 'g', destination: 'exports', status: { code: 'COMPLETED' } });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'exports', Prefix: 'logs/' }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual(['logs/aws-logs-write-test', `logs/${taskId}/s/000000.gz`].sort());
    const obj = await s3.send(new GetObjectCommand({ Bucket: 'exports', Key: `logs/${taskId}/s/000000.gz` }));
    const text = gunzipSync(Buffer.from(await (obj.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())).toString();
    expect(text.trim().split('\n').map((l) => l.split(' ')[1])).toEqual(['a', 'b']);
    await expect(
      logs.send(new CreateExportTaskCommand({ logGroupName: 'g', from: t, to: t + 2, destination: 'missing-bucket' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('resource policies and destinations', async () => {
    await logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: '{"Version":"2012-10-17","Statement":[]}' }));
    expect((await logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies?.map((p) => p.policyName)).toEqual(['p']);
    await expect(logs.send(new PutResourcePolicyCommand({ policyName: 'q', policyDocument: 'not json' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await logs.send(new DeleteResourcePolicyCommand({ policyName: 'p' }));
    await expect(logs.send(new DeleteResourcePolicyCommand({ policyName: 'p' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    const { destination } = await logs.send(
      new PutDestinationCommand({ destinationName: 'd', targetArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', roleArn: 'arn:aws:iam::123456789012:role/r' }),
    );
    expect(destination?.arn).toBe('arn:aws:logs:us-east-1:123456789012:destination:d');
    await logs.send(new PutDestinationPolicyCommand({ destinationName: 'd', accessPolicy: '{}' }));
    expect((await logs.send(new DescribeDestinationsCommand({}))).destinations?.[0]).toMatchObject({ destinationName: 'd', accessPolicy: '{}' });
  });
});
