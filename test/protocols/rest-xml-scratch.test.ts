import * as s3sdk from '@aws-sdk/client-s3';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import { spec as s3 } from '../../services/s3/spec';
import { spec as lambda } from '../../services/lambda/spec';
import { errorRoundTrip, requestRoundTrip, responseRoundTrip } from './support/roundtrip.case';

for (const [name, spec, sdk] of [['s3', s3, s3sdk], ['lambda', lambda, lambdaSdk]] as const) {
  test(`${name} requests`, async () => {
    const r = await requestRoundTrip({ spec, sdk: sdk as any, seeds: 2 });
    console.log(name, 'req', r.operations, r.cases, r.failures.slice(0, 40).join('\n'));
  });
  test(`${name} responses`, async () => {
    const r = await responseRoundTrip({ spec, sdk: sdk as any, seeds: 2 });
    console.log(name, 'resp', r.operations, r.cases, r.failures.slice(0, 40).join('\n'));
  });
  test(`${name} errors`, async () => {
    const r = await errorRoundTrip({ spec, sdk: sdk as any });
    console.log(name, 'err', r.operations, r.cases, r.failures.slice(0, 40).join('\n'));
  });
}
