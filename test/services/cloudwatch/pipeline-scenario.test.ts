/**
 * Scenario: a producer writes orders to Kinesis, a consumer reads them with
 * GetRecords across a shard split (parent drained first, then its children),
 * publishes a custom metric of failed orders, and an alarm on that metric goes
 * to ALARM and notifies SNS → SQS, all on the core clock under fake timers.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { expectAlarmRaised, ordersAcrossSplit } from './support';

describe('scenario: Kinesis consumer feeding a CloudWatch alarm that notifies SNS → SQS', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1' });
  const cw = new CloudWatchClient({ region: 'us-east-1' });

  /** Reads a shard to its current end (or, for a closed shard, to its last record). */
  async function drain(ShardId: string): Promise<{ orders: Array<{ id: number; ok: boolean }>; children: string[] }> {
    let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: 'orders', ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    const orders: Array<{ id: number; ok: boolean }> = [];
    let children: string[] = [];
    while (iterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 3 }));
      for (const r of page.Records ?? []) orders.push(JSON.parse(Buffer.from(r.Data as Uint8Array).toString('utf8')));
      children = page.ChildShards?.map((c) => c.ShardId as string) ?? children;
      if ((page.Records ?? []).length === 0 && page.MillisBehindLatest === 0) break; // caught up with an open shard
      iterator = page.NextShardIterator;
    }
    return { orders, children };
  }

  it('reads every record across a split and raises the alarm on failed orders', async () => {
    const receive = await ordersAcrossSplit(aws);

    const parent = await drain('shardId-000000000000');
    expect(parent.orders.map((o) => o.id)).toEqual([1, 2, 3, 4, 5]);
    expect(parent.children).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    const seen = [...parent.orders];
    for (const child of parent.children) seen.push(...(await drain(child)).orders);
    expect(seen.map((o) => o.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const shards = await kinesis.send(new ListShardsCommand({ StreamName: 'orders' }));
    expect(shards.Shards).toHaveLength(3);

    const failed = seen.filter((o) => !o.ok).length; // orders 3, 6, 9
    await cw.send(new PutMetricDataCommand({ Namespace: 'Shop', MetricData: [{ MetricName: 'FailedOrders', Value: failed, Unit: 'Count' }] }));
    await expectAlarmRaised(aws, receive);
  });
});
