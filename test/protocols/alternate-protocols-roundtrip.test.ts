/**
 * Services that accept more than one protocol: CloudWatch (JSON 1.0, query,
 * rpc-v2-cbor) and SQS (JSON 1.0, query). The real v3 client is forced onto
 * each alternate protocol, so requests are exactly what botocore, the CLI or
 * older SDKs send, and each is answered in the protocol it arrived in.
 */
import * as cloudwatchSdk from '@aws-sdk/client-cloudwatch';
import * as sqsSdk from '@aws-sdk/client-sqs';
import { AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { spec as cloudwatch } from '../../services/cloudwatch/spec';
import { spec as sqs } from '../../services/sqs/spec';
import { errorRoundTrip, requestRoundTrip, responseRoundTrip, type RoundTripOptions } from './support/roundtrip.case';

const xmlOk = () => ({ status: 200, headers: {}, body: Buffer.from('<R><RResult/></R>') });
const cborOk = () => ({ status: 200, headers: { 'smithy-protocol': 'rpc-v2-cbor' }, body: Buffer.from([0xa0]) });

function queryProtocol(spec: typeof sqs) {
  return new AwsQueryProtocol({
    defaultNamespace: spec.namespace,
    xmlNamespace: spec.xmlNamespace as string,
    version: spec.apiVersion,
  });
}

const suites: Array<[string, RoundTripOptions]> = [
  [
    'cloudwatch over rpc-v2-cbor',
    {
      spec: cloudwatch,
      sdk: cloudwatchSdk,
      protocol: 'rpc-v2-cbor',
      cannedResponse: cborOk,
      clientConfig: {
        protocol: new AwsSmithyRpcV2CborProtocol({ defaultNamespace: cloudwatch.namespace, awsQueryCompatible: true }),
      },
    },
  ],
  [
    'cloudwatch over query',
    { spec: cloudwatch, sdk: cloudwatchSdk, protocol: 'query', cannedResponse: xmlOk, clientConfig: { protocol: queryProtocol(cloudwatch) } },
  ],
  [
    'sqs over query',
    {
      spec: sqs,
      sdk: sqsSdk,
      protocol: 'query',
      cannedResponse: xmlOk,
      clientConfig: { protocol: queryProtocol(sqs), md5: false },
      // The model gives AttributeNames and MessageSystemAttributeNames the same query key
      // (`AttributeName.N`): the SDK's query serializer lets one overwrite the other.
      skipMember: (name) => name === 'MessageSystemAttributeNames',
    },
  ],
];

describe.each(suites)('%s', (_name, opts) => {
  it('parses every request the SDK sends back into the input it was given', async () => {
    const report = await requestRoundTrip(opts);
    expect(report.failures).toEqual([]);
    expect(report.cases).toBeGreaterThan(report.operations);
  });

  it('serializes outputs the SDK deserializes unchanged', async () => {
    const report = await responseRoundTrip(opts);
    expect(report.failures).toEqual([]);
    expect(report.cases).toBeGreaterThan(0);
  });

  it('serializes every modelled error into the SDK exception class with its fields', async () => {
    const report = await errorRoundTrip(opts);
    expect(report.failures).toEqual([]);
    expect(report.cases).toBe(opts.spec.errors.length);
  });
});
