/**
 * A call to an AWS service mockaws has no model for is refused in the
 * caller's own protocol, so every SDK raises a named MockawsRefused (naming
 * service and operation) rather than a parse error. The v2 SDK carries
 * clients of services mockaws does not emulate, one per protocol.
 */
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

import AWS from 'aws-sdk';
import { mockAws } from '../../src/mock';
import { credentials, useServer } from './support/server-fixture';

interface Case {
  protocol: string;
  call: (config: Record<string, unknown>) => Promise<unknown>;
  service: string;
  operation: string;
}

const cases: Case[] = [
  {
    protocol: 'query (CloudFormation)',
    call: (c) => new AWS.CloudFormation(c).listStacks({}).promise(),
    service: 'cloudformation',
    operation: 'ListStacks',
  },
  { protocol: 'json (ECS)', call: (c) => new AWS.ECS(c).listClusters({}).promise(), service: 'ecs', operation: 'ListClusters' },
  {
    protocol: 'rest-json (AppSync)',
    call: (c) => new AWS.AppSync(c).listGraphqlApis({}).promise(),
    service: 'appsync',
    operation: 'GET /v1/apis',
  },
  {
    protocol: 'rest-xml (Route 53)',
    call: (c) => new AWS.Route53(c).createHostedZone({ Name: 'example.com', CallerReference: 'r' }).promise(),
    service: 'route53',
    operation: 'POST /2013-04-01/hostedzone',
  },
];

async function failure(promise: Promise<unknown>): Promise<AWS.AWSError> {
  try {
    await promise;
  } catch (error) {
    return error as AWS.AWSError;
  }
  throw new Error('expected a refusal, got an answer');
}

const v2Credentials = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };

describe('refusals of unemulated services, over the server', () => {
  const server = useServer();

  it.each(cases)('$protocol: a MockawsRefused the SDK parses, naming service and operation', async (c) => {
    const err = await failure(c.call({ region: 'us-east-1', endpoint: server().url, credentials: v2Credentials, maxRetries: 0 }));
    expect(err.code).toBe('MockawsRefused');
    expect(err.statusCode).toBe(501);
    expect(err.message).toContain(`service '${c.service}'`);
    expect(err.message).toContain(`operation '${c.operation}'`);
    expect(err.message).toContain('Nothing was sent to AWS');
  });
});

describe('refusals of unemulated services, in-process', () => {
  it.each(cases)('$protocol: a MockawsRefused the SDK parses', async (c) => {
    await mockAws(async () => {
      const err = await failure(c.call({ region: 'us-east-1', credentials: v2Credentials, maxRetries: 0 }));
      expect(err.code).toBe('MockawsRefused');
      expect(err.statusCode).toBe(501);
      expect(err.message).toContain(`operation '${c.operation}'`);
    });
  });
});
