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
import { type RoundTripOptions, runProtocolSuites } from './support/roundtrip.case';

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

runProtocolSuites(suites);
