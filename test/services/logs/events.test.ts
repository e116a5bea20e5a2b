import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('CloudWatch Logs events', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const put = (logEvents: Array<{ timestamp: number; message: string }>, logStreamName = 's') =>
    logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName, logEvents }));
  beforeEach(async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
  });

  describe('PutLogEvents', () => {
    it('accepts any sequence token (AWS now ignores it) and returns a next one', async () => {
      const now = aws.clock.now();
      const out = await logs.send(
        new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', sequenceToken: 'stale', logEvents: [{ timestamp: now, message: 'a' }] }),
      );
      expect(out.nextSequenceToken).toMatch(/^\d{56}$/);
      expect(out.rejectedLogEventsInfo).toBeUndefined();
    });

    it('refuses a batch out of chronological order', async () => {
      const now = aws.clock.now();
      await expect(put([{ timestamp: now, message: 'b' }, { timestamp: now - 1, message: 'a' }])).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'Log events in a single PutLogEvents request must be in chronological order.',
      });
    });

    it('refuses a batch spanning more than 24 hours', async () => {
      const now = aws.clock.now();
      await expect(put([{ timestamp: now - DAY - 1, message: 'a' }, { timestamp: now, message: 'b' }])).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
      });
    });

    it('refuses more than 10,000 events and more than 1 MB (26 bytes of overhead per event)', async () => {
      const now = aws.clock.now();
      const many = Array.from({ length: 10_001 }, () => ({ timestamp: now, message: 'x' }));
      await expect(put(many)).rejects.toMatchObject({ name: 'InvalidParameterException' });
      // 1,048,576 - 26 bytes fits exactly; one byte more does not.
      await put([{ timestamp: now, message: 'x'.repeat(1_048_550) }]);
      await expect(put([{ timestamp: now, message: 'x'.repeat(1_048_551) }])).rejects.toMatchObject({ name: 'InvalidParameterException' });
    });

    it('rejects too old, expired and too new events while storing the rest', async () => {
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1 }));
      const now = aws.clock.now();
      // Retention 1 day: older events are expired; more than 2 hours ahead is too new.
      const out = await put([
        { timestamp: now - 2 * DAY, message: 'expired' },
        { timestamp: now - HOUR, message: 'ok1' },
        { timestamp: now, message: 'ok2' },
        { timestamp: now + 3 * HOUR, message: 'new' },
      ]);
      expect(out.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1, tooNewLogEventStartIndex: 3 });
      const got = await logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true }));
      expect(got.events?.map((e) => e.message)).toEqual(['ok1', 'ok2']);
    });

    it('reports events older than 14 days as too old', async () => {
      const now = aws.clock.now();
      const out = await put([{ timestamp: now - 15 * DAY, message: 'old' }, { timestamp: now - 15 * DAY + 1, message: 'old2' }, { timestamp: now, message: 'ok' }]);
      expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2 });
    });

    it('answers ResourceNotFoundException for a missing stream', async () => {
      await expect(put([{ timestamp: aws.clock.now(), message: 'a' }], 'nope')).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'The specified log stream does not exist.',
      });
    });
  });

  describe('GetLogEvents', () => {
    let t0: number;
    beforeEach(async () => {
      t0 = aws.clock.now() - 10_000;
      await put(Array.from({ length: 5 }, (_, i) => ({ timestamp: t0 + i * 1000, message: `m${i}` })));
    });

    it('returns the latest events by default and pages backward', async () => {
      const first = await logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 2 }));
      expect(first.events?.map((e) => e.message)).toEqual(['m3', 'm4']);
      const back = await logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 2, nextToken: first.nextBackwardToken }));
      expect(back.events?.map((e) => e.message)).toEqual(['m1', 'm2']);
      expect(first.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
      expect(first.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
    });

    it('reads forward from the head and returns the same token once caught up', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true, limit: 2, nextToken: token }));
        seen.push(...(page.events ?? []).map((e) => e.message as string));
        if (page.nextForwardToken === token) break;
        token = page.nextForwardToken;
      }
      expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      // New events show up behind the saved forward token.
      await put([{ timestamp: t0 + 9000, message: 'm5' }]);
      const more = await logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true, nextToken: token }));
      expect(more.events?.map((e) => e.message)).toEqual(['m5']);
    });

    it('honours startTime (inclusive) and endTime (exclusive)', async () => {
      const got = await logs.send(
        new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startTime: t0 + 1000, endTime: t0 + 3000, startFromHead: true }),
      );
      expect(got.events?.map((e) => e.message)).toEqual(['m1', 'm2']);
    });

    it('refuses a malformed token', async () => {
      await expect(logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: 'zzz' }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    });
  });

  describe('FilterLogEvents', () => {
    const filter = async (filterPattern: string) =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: 'g', filterPattern }))).events?.map((e) => e.message);

    it('merges streams in time order and pages with tokens', async () => {
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 't' }));
      const now = aws.clock.now();
      await put([{ timestamp: now - 3, message: 's1' }, { timestamp: now - 1, message: 's2' }]);
      await put([{ timestamp: now - 2, message: 't1' }, { timestamp: now, message: 't2' }], 't');
      const pages: string[][] = [];
      for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 3 }, { logGroupName: 'g' })) {
        pages.push((page.events ?? []).map((e) => `${e.logStreamName}:${e.message}`));
      }
      expect(pages).toEqual([['s:s1', 't:t1', 's:s2'], ['t:t2']]);
      const only = await logs.send(new FilterLogEventsCommand({ logGroupName: 'g', logStreamNames: ['t'] }));
      expect(only.events?.map((e) => e.message)).toEqual(['t1', 't2']);
      expect(only.events?.[0].eventId).toMatch(/^\d{56}$/);
    });

    // Patterns from "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail"
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
    describe('pattern syntax', () => {
      beforeEach(async () => {
        const now = aws.clock.now();
        const lines = [
          '[ERROR 401] Unauthorized: Access is denied due to invalid credentials',
          '[WARN] Exiting with ERROR',
          'INFO all good',
          '{"eventType": "UpdateTrail", "sourceIPAddress": "123.123.1.2", "latency": 150, "level": "error", "user": {"id": 1}, "arrayKey": ["value", "x"], "flag": true, "gone": null}',
          '{"eventType": "Other", "latency": 50, "level": "info", "user": {"id": 2}, "flag": false}',
          '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326',
          '127.0.0.2 - bob [10/Oct/2000:13:25:16 -0700] "GET /index.html HTTP/1.0" 200 1534',
        ];
        await put(lines.map((message, i) => ({ timestamp: now - 100 + i, message })));
      });

      it('a term matches case-sensitively anywhere in the message', async () => {
        expect(await filter('ERROR')).toHaveLength(2);
        expect(await filter('error')).toEqual([expect.stringContaining('"level": "error"')]);
      });

      it('several terms must all appear', async () => {
        expect(await filter('ERROR Exiting')).toEqual(['[WARN] Exiting with ERROR']);
      });

      it('a quoted phrase matches exactly', async () => {
        expect(await filter('"Access is denied"')).toEqual(['[ERROR 401] Unauthorized: Access is denied due to invalid credentials']);
      });

      it('? terms match any one of them', async () => {
        expect(await filter('?Unauthorized ?INFO')).toEqual(['[ERROR 401] Unauthorized: Access is denied due to invalid credentials', 'INFO all good']);
      });

      it('- excludes a term', async () => {
        expect(await filter('ERROR -Exiting')).toEqual(['[ERROR 401] Unauthorized: Access is denied due to invalid credentials']);
      });

      it('%regex% matches a regular expression', async () => {
        expect(await filter('%ERROR [0-9]{3}%')).toEqual(['[ERROR 401] Unauthorized: Access is denied due to invalid credentials']);
      });

      it('an empty pattern matches everything', async () => {
        expect(await filter('')).toHaveLength(7);
      });

      it('JSON: string equality, wildcards and inequality', async () => {
        expect(await filter('{ $.eventType = "UpdateTrail" }')).toHaveLength(1);
        expect(await filter('{ $.sourceIPAddress = 123.123.* }')).toHaveLength(1);
        expect(await filter('{ $.eventType != "UpdateTrail" }')).toEqual([expect.stringContaining('"Other"')]);
      });

      it('JSON: numeric comparisons, && and || with parentheses', async () => {
        expect(await filter('{ $.level = "error" && $.latency > 100 }')).toHaveLength(1);
        expect(await filter('{ $.latency >= 50 }')).toHaveLength(2);
        expect(await filter('{ ($.user.id = 2) || ($.latency > 100) }')).toHaveLength(2);
        expect(await filter('{ $.latency < 100 && $.level = "error" }')).toHaveLength(0);
      });

      it('JSON: array indexes, IS TRUE / IS FALSE, IS NULL, NOT EXISTS', async () => {
        expect(await filter('{ $.arrayKey[0] = "value" }')).toHaveLength(1);
        expect(await filter('{ $.flag IS TRUE }')).toEqual([expect.stringContaining('UpdateTrail')]);
        expect(await filter('{ $.flag IS FALSE }')).toEqual([expect.stringContaining('Other')]);
        expect(await filter('{ $.gone IS NULL }')).toEqual([expect.stringContaining('UpdateTrail')]);
        expect(await filter('{ $.arrayKey NOT EXISTS }')).toEqual([expect.stringContaining('Other')]);
      });

      it('space-delimited: named fields with conditions, quoted and bracketed fields kept whole', async () => {
        expect(await filter('[ip, user, username, timestamp, request, status_code = 404, bytes]')).toEqual([expect.stringContaining('frank')]);
        expect(await filter('[ip, user, username, timestamp, request = "*html*", status_code, bytes]')).toEqual([expect.stringContaining('bob')]);
        expect(await filter('[ip, user, username, timestamp, request, status_code = 4*, bytes > 2000]')).toHaveLength(1);
      });

      it('space-delimited: ... stands for any number of fields, && and || combine conditions', async () => {
        expect(await filter('[..., status_code = 200, bytes]')).toEqual([expect.stringContaining('bob')]);
        expect(await filter('[ip, ..., status_code >= 200 && status_code < 300, bytes]')).toEqual([expect.stringContaining('bob')]);
        expect(await filter('[ip, ..., status_code = 200 || status_code = 404, bytes]')).toHaveLength(2);
      });

      it('refuses a malformed pattern', async () => {
        await expect(filter('{ $.a = }')).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid filter pattern' });
        await expect(filter('{ $.a > "x" }')).rejects.toMatchObject({ name: 'InvalidParameterException' });
      });
    });
  });
});
