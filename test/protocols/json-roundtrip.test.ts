/**
 * AWS JSON 1.0/1.1 conformance: random model-valid inputs sent by the real SDK
 * parse back equal; random outputs and every modelled error deserialize equal.
 */
import * as dynamodbSdk from '@aws-sdk/client-dynamodb';
import * as firehoseSdk from '@aws-sdk/client-firehose';
import * as kinesisSdk from '@aws-sdk/client-kinesis';
import * as kmsSdk from '@aws-sdk/client-kms';
import * as sqsSdk from '@aws-sdk/client-sqs';
import * as ssmSdk from '@aws-sdk/client-ssm';
import { spec as dynamodb } from '../../services/dynamodb/spec';
import { spec as firehose } from '../../services/firehose/spec';
import { spec as kinesis } from '../../services/kinesis/spec';
import { spec as kms } from '../../services/kms/spec';
import { spec as sqs } from '../../services/sqs/spec';
import { spec as ssm } from '../../services/ssm/spec';
import { type RoundTripOptions, runProtocolSuites } from './support/roundtrip.case';

const suites: Array<[string, RoundTripOptions]> = [
  ['dynamodb (JSON 1.0)', { spec: dynamodb, sdk: dynamodbSdk }],
  ['sqs (JSON 1.0, query-compatible)', { spec: sqs, sdk: sqsSdk, clientConfig: { md5: false } }],
  ['kinesis (JSON 1.1)', { spec: kinesis, sdk: kinesisSdk }],
  ['firehose (JSON 1.1)', { spec: firehose, sdk: firehoseSdk }],
  ['kms (JSON 1.1)', { spec: kms, sdk: kmsSdk }],
  ['ssm (JSON 1.1)', { spec: ssm, sdk: ssmSdk, maxOperations: 60 }],
];

runProtocolSuites(suites);
