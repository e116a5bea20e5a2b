/**
 * One mock function per registered service (`mockS3()`, `mockSQS()`, ...):
 * each fakes only its service, and any other AWS call is refused. Handles of
 * several of them active at once share one state. A test checks that this
 * table names every service of services/index.ts. Each takes the arguments
 * of `mockAws()` except `services`.
 * @example
 * import { mockS3 } from 'mockaws';
 * const s3mock = mockS3(); // S3 answers; an SQS call now fails with MockawsRefused
 * await new S3Client({}).send(new CreateBucketCommand({ Bucket: 'b' }));
 * s3mock.stop();
 * @example
 * await mockSQS(async (aws) => { ... }); // stopped when the callback settles
 */
import { serviceMock } from '../mock';

export const mockS3 = serviceMock('s3');
export const mockDynamoDB = serviceMock('dynamodb');
export const mockDynamoDBStreams = serviceMock('dynamodbstreams');
export const mockSQS = serviceMock('sqs');
export const mockSNS = serviceMock('sns');
export const mockSTS = serviceMock('sts');
export const mockIAM = serviceMock('iam');
export const mockSecretsManager = serviceMock('secretsmanager');
export const mockSSM = serviceMock('ssm');
export const mockKMS = serviceMock('kms');
export const mockLambda = serviceMock('lambda');
export const mockEventBridge = serviceMock('events');
export const mockCloudWatchLogs = serviceMock('logs');
export const mockScheduler = serviceMock('scheduler');
export const mockCloudWatch = serviceMock('cloudwatch');
export const mockKinesis = serviceMock('kinesis');
export const mockFirehose = serviceMock('firehose');
export const mockEC2 = serviceMock('ec2');
export const mockSESv2 = serviceMock('sesv2');
export const mockSES = serviceMock('ses');
export const mockStepFunctions = serviceMock('stepfunctions');
export const mockCognitoIdentityProvider = serviceMock('cognitoidp');
export const mockCognitoIdentity = serviceMock('cognitoidentity');
export const mockAPIGateway = serviceMock('apigateway');
export const mockApiGatewayV2 = serviceMock('apigatewayv2');
export const mockS3Control = serviceMock('s3control');
export const mockApiGatewayManagementApi = serviceMock('apigatewaymanagementapi');
