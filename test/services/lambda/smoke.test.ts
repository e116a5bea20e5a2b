import { InvokeCommand } from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, decode, encode, lambdaClient } from './support';

describe('smoke', () => {
  useMockAws();
  const lambda = lambdaClient();
  it('runs', async () => {
    await createNodeFunction(lambda, 'f', { 'index.js': 'exports.handler = async (e) => ({ got: e, env: process.env.AWS_LAMBDA_FUNCTION_NAME });' });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'f', Payload: encode({ a: 1 }), LogType: 'Tail' }));
    console.log(out.StatusCode, out.FunctionError, decode(out.Payload), Buffer.from(out.LogResult ?? '', 'base64').toString());
  });
});
