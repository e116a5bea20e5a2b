/**
 * AWS query and EC2 query conformance: random model-valid inputs sent by the
 * real SDK parse back equal; random outputs and every modelled error
 * deserialize equal.
 */
import * as ec2Sdk from '@aws-sdk/client-ec2';
import * as iamSdk from '@aws-sdk/client-iam';
import * as snsSdk from '@aws-sdk/client-sns';
import * as stsSdk from '@aws-sdk/client-sts';
import { spec as ec2 } from '../../services/ec2/spec';
import { spec as iam } from '../../services/iam/spec';
import { spec as sns } from '../../services/sns/spec';
import { spec as sts } from '../../services/sts/spec';
import { type RoundTripOptions, runProtocolSuites } from './support/roundtrip.case';

const xmlOk = () => ({ status: 200, headers: {}, body: Buffer.from('<R><RResult/></R>') });

const suites: Array<[string, RoundTripOptions]> = [
  ['sns (query)', { spec: sns, sdk: snsSdk, cannedResponse: xmlOk }],
  ['sts (query)', { spec: sts, sdk: stsSdk, cannedResponse: xmlOk }],
  ['iam (query)', { spec: iam, sdk: iamSdk, cannedResponse: xmlOk, maxOperations: 80 }],
  ['ec2 (ec2 query)', { spec: ec2, sdk: ec2Sdk, cannedResponse: xmlOk, maxOperations: 120, seeds: 2 }],
];

runProtocolSuites(suites);
