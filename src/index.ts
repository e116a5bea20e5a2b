/**
 * mockaws: Moto for the AWS SDK for JavaScript v3. The public API, and nothing else.
 * @example
 * import { mockAws } from 'mockaws';
 * const aws = mockAws(); // every SDK v3 client in the process now talks to the fake
 */
export { mockAws, serviceMock } from './mock';
export type { AwsOperations, MockAws, MockAwsOptions, MockStarter, ServiceMockStarter, ServiceName } from './mock';
export type { CommandCallFilter, CommandClass, OperationMap, TypedCallFilter } from './api/handle';
export {
  mockAPIGateway,
  mockApiGatewayV2,
  mockApiGatewayManagementApi,
  mockCloudWatch,
  mockCloudWatchLogs,
  mockCognitoIdentity,
  mockCognitoIdentityProvider,
  mockDynamoDB,
  mockDynamoDBStreams,
  mockEC2,
  mockEventBridge,
  mockFirehose,
  mockIAM,
  mockKinesis,
  mockKMS,
  mockLambda,
  mockS3,
  mockS3Control,
  mockSecretsManager,
  mockSES,
  mockSESv2,
  mockScheduler,
  mockSNS,
  mockSQS,
  mockSSM,
  mockStepFunctions,
  mockSTS,
} from './api/per-service';
export type { MockClock, MockDecorator, MockSnapshot } from './api/handle';
export type { Backends, ServiceBackends, ServiceId } from './api/backends';
export type { CallFilter, JournalEntry } from './api/journal';
export type { AsymmetricMatcher, InputMatch, ValueMatch } from './api/match';
export { matchesPartially } from './api/match';
export type { Answer, FakeHandler, InjectedError, OverrideBuilder } from './api/overrides';
export type { AwsMatchers } from './api/matchers';
export { awsMatchers } from './api/matchers';
export { AwsError } from './core/errors';
export type { AwsRequest, AwsResponse } from './core/request';
export { FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY } from './api/environment';
export type { MockServer, ServerOptions } from './server/server';
import type { MockServer, ServerOptions } from './server/server';

/**
 * Start the emulated AWS as an HTTP server (src/server/server.ts). The server
 * (HTTP bridge, dashboard, call log) loads on the first call, not with
 * `import 'mockaws'`: in-process tests never pay for it.
 * @example
 * const server = await startServer({ port: 0 });
 * const s3 = new S3Client({ endpoint: server.url, forcePathStyle: true, region: 'us-east-1' });
 * await server.stop();
 */
export async function startServer(options?: ServerOptions): Promise<MockServer> {
  const server = await import('./server/server');
  return server.startServer(options);
}
