/** Anomaly detectors: Put / Describe / Delete through the SDK, and one call over the query protocol. */
import {
  CloudWatchClient,
  DeleteAnomalyDetectorCommand,
  DescribeAnomalyDetectorsCommand,
  PutAnomalyDetectorCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { createRequest } from '../../../src/core/request';
import { useMockAws } from '../lifecycle';

describe('CloudWatch anomaly detectors', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const single = (MetricName: string, Stat = 'Average') => ({
    SingleMetricAnomalyDetector: { Namespace: 'Shop', MetricName, Dimensions: [{ Name: 'Api', Value: 'orders' }], Stat },
  });

  it('stores single-metric detectors (PENDING_TRAINING until the metric has data), updates in place, and deletes them', async () => {
    const { AnomalyDetectorId } = await cw.send(new PutAnomalyDetectorCommand(single('Latency')));
    expect(AnomalyDetectorId).toMatch(/^[0-9a-f-]{36}$/);
    let [detector] = (await cw.send(new DescribeAnomalyDetectorsCommand({}))).AnomalyDetectors ?? [];
    expect(detector).toMatchObject({
      AnomalyDetectorId,
      Namespace: 'Shop',
      MetricName: 'Latency',
      Stat: 'Average',
      SingleMetricAnomalyDetector: { Namespace: 'Shop', MetricName: 'Latency', Stat: 'Average', Dimensions: [{ Name: 'Api', Value: 'orders' }] },
      StateValue: 'PENDING_TRAINING',
    });
    await cw.send(new PutMetricDataCommand({ Namespace: 'Shop', MetricData: [{ MetricName: 'Latency', Value: 5, Dimensions: [{ Name: 'Api', Value: 'orders' }] }] }));
    const excluded = { StartTime: new Date('2031-01-01T00:00:00Z'), EndTime: new Date('2031-01-02T00:00:00Z') };
    const again = await cw.send(new PutAnomalyDetectorCommand({ ...single('Latency'), Configuration: { ExcludedTimeRanges: [excluded] } }));
    expect(again.AnomalyDetectorId).toBe(AnomalyDetectorId);
    [detector] = (await cw.send(new DescribeAnomalyDetectorsCommand({ MetricName: 'Latency' }))).AnomalyDetectors ?? [];
    expect(detector).toMatchObject({ StateValue: 'TRAINED', Configuration: { ExcludedTimeRanges: [excluded] } });
    await cw.send(new DeleteAnomalyDetectorCommand(single('Latency')));
    expect((await cw.send(new DescribeAnomalyDetectorsCommand({}))).AnomalyDetectors).toEqual([]);
    await expect(cw.send(new DeleteAnomalyDetectorCommand(single('Latency')))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'This anomaly detection model does not exist.',
    });
  });

  it('lists metric math detectors only when METRIC_MATH is asked for; filters and pages single-metric ones', async () => {
    await cw.send(new PutAnomalyDetectorCommand(single('A')));
    await cw.send(new PutAnomalyDetectorCommand(single('B')));
    await cw.send(new PutAnomalyDetectorCommand(single('A', 'p99')));
    const math = await cw.send(
      new PutAnomalyDetectorCommand({
        MetricMathAnomalyDetector: {
          MetricDataQueries: [
            { Id: 'm', MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'A' }, Period: 60, Stat: 'Sum' }, ReturnData: false },
            { Id: 'e', Expression: 'm * 2' },
          ],
        },
      }),
    );
    expect((await cw.send(new DescribeAnomalyDetectorsCommand({}))).AnomalyDetectors).toHaveLength(3);
    const mathOnly = await cw.send(new DescribeAnomalyDetectorsCommand({ AnomalyDetectorTypes: ['METRIC_MATH'] }));
    expect(mathOnly.AnomalyDetectors?.map((d) => d.AnomalyDetectorId)).toEqual([math.AnomalyDetectorId]);
    expect(mathOnly.AnomalyDetectors?.[0].MetricMathAnomalyDetector?.MetricDataQueries?.[1]).toMatchObject({ Id: 'e', Expression: 'm * 2' });
    expect((await cw.send(new DescribeAnomalyDetectorsCommand({ MetricName: 'A' }))).AnomalyDetectors?.map((d) => d.Stat).sort()).toEqual([
      'Average',
      'p99',
    ]);
    const first = await cw.send(new DescribeAnomalyDetectorsCommand({ MaxResults: 2 }));
    expect(first.AnomalyDetectors).toHaveLength(2);
    const second = await cw.send(new DescribeAnomalyDetectorsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.AnomalyDetectors).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    await cw.send(new DeleteAnomalyDetectorCommand({ AnomalyDetectorId: math.AnomalyDetectorId }));
    expect((await cw.send(new DescribeAnomalyDetectorsCommand({ AnomalyDetectorTypes: ['METRIC_MATH'] }))).AnomalyDetectors).toEqual([]);
  });

  it('refuses mixed forms, a missing statistic, an unknown statistic and a math detector without one returned query', async () => {
    await expect(
      cw.send(new PutAnomalyDetectorCommand({ ...single('A'), Namespace: 'Shop', MetricName: 'A', Stat: 'Sum' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
    await expect(cw.send(new PutAnomalyDetectorCommand({ SingleMetricAnomalyDetector: { Namespace: 'Shop', MetricName: 'A' } }))).rejects.toMatchObject({
      name: 'MissingRequiredParameterException',
    });
    // The model's pattern refuses a statistic CloudWatch does not know.
    await expect(cw.send(new PutAnomalyDetectorCommand(single('A', 'Median')))).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    await expect(
      cw.send(
        new PutAnomalyDetectorCommand({
          MetricMathAnomalyDetector: { MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'S', MetricName: 'A' }, Period: 60, Stat: 'Sum' }, ReturnData: false }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });

  it('answers over the query protocol too', async () => {
    const res = await aws.dispatcher.dispatch(
      createRequest({
        method: 'POST',
        url: 'https://monitoring.us-east-1.amazonaws.com/',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({
          Action: 'PutAnomalyDetector',
          Version: '2010-08-01',
          'SingleMetricAnomalyDetector.Namespace': 'Shop',
          'SingleMetricAnomalyDetector.MetricName': 'Q',
          'SingleMetricAnomalyDetector.Stat': 'Sum',
        }).toString(),
      }),
    );
    expect(res.status).toBe(200);
    const xml = (res.body as Buffer).toString('utf8');
    expect(xml).toMatch(/<PutAnomalyDetectorResponse[^>]*><PutAnomalyDetectorResult><AnomalyDetectorId>[0-9a-f-]{36}<\/AnomalyDetectorId>/);
    const [d] = (await cw.send(new DescribeAnomalyDetectorsCommand({ MetricName: 'Q' }))).AnomalyDetectors ?? [];
    expect(d).toMatchObject({ Namespace: 'Shop', Stat: 'Sum' });
  });
});
