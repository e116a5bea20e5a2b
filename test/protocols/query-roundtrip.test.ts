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
import { errorRoundTrip, requestRoundTrip, responseRoundTrip, type RoundTripOptions } from './support/roundtrip.case';

const xmlOk = () => ({ status: 200, headers: {}, body: Buffer.from('<R><RResult/></R>') });

const suites: Array<[string, RoundTripOptions]> = [
  ['sns (query)', { spec: sns, sdk: snsSdk, cannedResponse: xmlOk }],
  ['sts (query)', { spec: sts, sdk: stsSdk, cannedResponse: xmlOk }],
  ['iam (query)', { spec: iam, sdk: iamSdk, cannedResponse: xmlOk, maxOperations: 80 }],
  ['ec2 (ec2 query)', { spec: ec2, sdk: ec2Sdk, cannedResponse: xmlOk, maxOperations: 120, seeds: 2 }],
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
