/**
 * The real requests in test/protocols/fixtures (research captures), replayed through the
 * dispatcher's routing and our protocols: each resolves to its service and
 * operation and parses into the values the SDK was given.
 */
import { gzipSync } from 'node:zlib';
import { Dispatcher } from '../../src/core/dispatch';
import type { AwsRequest } from '../../src/core/request';
import { decodeContentEncoding, detectProtocol, protocolFor } from '../../src/protocols';
import { services } from '../../services';
import { readCaptures } from './support/captures';

const dispatcher = new Dispatcher({ services });

async function parse(req: AwsRequest) {
  const mod = await dispatcher.loadService(dispatcher.serviceOf(req) as string);
  const decoded = decodeContentEncoding(req);
  const protocol = protocolFor(detectProtocol(decoded, mod.spec));
  const op = protocol.resolveOperation(decoded, mod.spec);
  return { service: mod.spec.id, protocol: protocol.name, op: op?.name, input: op ? protocol.parse(decoded, op, mod.spec) : {} };
}

describe('captured SDK requests', () => {
  it('SQS SendMessage (JSON 1.0, query mode) parses attributes with binary values', async () => {
    const [send] = readCaptures('sqs-sendmessage.txt');
    const parsed = await parse(send.request);
    expect(parsed).toMatchObject({ service: 'sqs', protocol: 'json', op: 'SendMessage' });
    expect(parsed.input).toMatchObject({ MessageBody: 'hello world', DelaySeconds: 5 });
    const attrs = parsed.input.MessageAttributes as Record<string, { BinaryValue?: Buffer }>;
    expect(attrs.bin.BinaryValue).toEqual(Buffer.from('xyz'));
  });

  it('SNS CreateTopic (query) parses the attribute map and the tag list', async () => {
    const create = readCaptures('sns-publish.txt').find((c) => c.label.startsWith('CreateTopic'))!;
    const parsed = await parse(create.request);
    expect(parsed).toMatchObject({ service: 'sns', protocol: 'query', op: 'CreateTopic' });
    expect(Object.keys(parsed.input.Attributes as object).length).toBeGreaterThan(0);
    expect(Array.isArray(parsed.input.Tags)).toBe(true);
  });

  it('EC2 RunInstances (ec2 query) parses flattened lists and the auto-filled ClientToken', async () => {
    const run = readCaptures('ec2-describeinstances.txt').find((c) => c.label.startsWith('RunInstances'))!;
    const parsed = await parse(run.request);
    expect(parsed).toMatchObject({ service: 'ec2', protocol: 'ec2', op: 'RunInstances' });
    expect(typeof parsed.input.ClientToken).toBe('string');
    const describe = readCaptures('ec2-describeinstances.txt')[0];
    const d = await parse(describe.request);
    expect(d.op).toBe('DescribeInstances');
    expect((d.input.InstanceIds as string[]).length).toBeGreaterThan(0);
  });

  it('CloudWatch PutMetricData arrives as JSON, gzip-compressed JSON, and CBOR', async () => {
    const json = await parse(readCaptures('cloudwatch-putmetricdata.txt')[0].request);
    expect(json).toMatchObject({ service: 'cloudwatch', protocol: 'json', op: 'PutMetricData' });
    // The capture's headers (Content-Encoding: gzip) with a full body: the recorded body text is cut short.
    const compressed = readCaptures('extra-cloudwatch-gzip.txt')[0].request;
    const metrics = Array.from({ length: 40 }, (_, i) => ({ MetricName: `M${i}`, Value: i }));
    compressed.body = gzipSync(JSON.stringify({ Namespace: 'App', MetricData: metrics }));
    expect(compressed.headers['content-encoding']).toBe('gzip');
    const gzip = await parse(compressed);
    expect(gzip).toMatchObject({ service: 'cloudwatch', protocol: 'json', op: 'PutMetricData' });
    expect((gzip.input.MetricData as unknown[]).length).toBeGreaterThan(10);
    const cbor = await parse(readCaptures('extra-cloudwatch-rpcv2cbor.txt')[0].request);
    expect(cbor).toMatchObject({ service: 'cloudwatch', protocol: 'rpc-v2-cbor', op: 'PutMetricData' });
    const datum = (cbor.input.MetricData as Array<{ Timestamp: Date; Value: number }>)[0];
    expect(datum.Timestamp.getTime()).toBe(1704164645678);
    expect(datum.Value).toBe(12.5);
  });

  it('DynamoDB PutItem and STS calls route by target and signing scope', async () => {
    const put = await parse(readCaptures('dynamodb-putitem.txt')[0].request);
    expect(put).toMatchObject({ service: 'dynamodb', protocol: 'json', op: 'PutItem' });
    const sts = await parse(readCaptures('sts-getcalleridentity.txt')[0].request);
    expect(sts).toMatchObject({ service: 'sts', protocol: 'query', op: 'GetCallerIdentity' });
  });
});
