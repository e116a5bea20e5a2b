/**
 * The services mockaws emulates, in routing order. Each entry pairs the
 * static routing facts (catalog.generated.ts, urls.ts) with a lazy import of
 * the service module, so a service loads on its first request.
 *
 * Written by codegen/generate.ts from codegen/services.ts: add a service there.
 * @note dynamodb precedes dynamodbstreams: they share the signing name.
 */
import type { ServiceEntry } from '../src/core/service';
import { catalog } from './catalog.generated';
import { hosts as s3Hosts } from './s3/urls';
import { hosts as dynamodbHosts } from './dynamodb/urls';
import { hosts as dynamodbstreamsHosts } from './dynamodbstreams/urls';
import { hosts as sqsHosts } from './sqs/urls';
import { hosts as snsHosts } from './sns/urls';
import { hosts as stsHosts } from './sts/urls';
import { hosts as iamHosts } from './iam/urls';
import { hosts as secretsmanagerHosts } from './secretsmanager/urls';
import { hosts as ssmHosts } from './ssm/urls';
import { hosts as kmsHosts } from './kms/urls';
import { hosts as lambdaHosts, dataPlane as lambdaDataPlane } from './lambda/urls';
import { hosts as eventsHosts } from './events/urls';
import { hosts as logsHosts } from './logs/urls';
import { hosts as schedulerHosts } from './scheduler/urls';
import { hosts as cloudwatchHosts } from './cloudwatch/urls';
import { hosts as kinesisHosts } from './kinesis/urls';
import { hosts as firehoseHosts } from './firehose/urls';
import { hosts as ec2Hosts } from './ec2/urls';
import { hosts as sesv2Hosts } from './sesv2/urls';
import { hosts as sesHosts } from './ses/urls';
import { hosts as stepfunctionsHosts } from './stepfunctions/urls';
import { hosts as cognitoidpHosts, dataPlane as cognitoidpDataPlane } from './cognitoidp/urls';
import { hosts as cognitoidentityHosts } from './cognitoidentity/urls';
import { hosts as apigatewayHosts } from './apigateway/urls';
import { hosts as apigatewayv2Hosts, paths as apigatewayv2Paths, dataPlane as apigatewayv2DataPlane } from './apigatewayv2/urls';
import { hosts as s3controlHosts, paths as s3controlPaths } from './s3control/urls';
import { hosts as apigatewaymanagementapiHosts } from './apigatewaymanagementapi/urls';
import type { S3Operations } from './s3/types';
import type { DynamodbOperations } from './dynamodb/types';
import type { DynamodbstreamsOperations } from './dynamodbstreams/types';
import type { SqsOperations } from './sqs/types';
import type { SnsOperations } from './sns/types';
import type { StsOperations } from './sts/types';
import type { IamOperations } from './iam/types';
import type { SecretsmanagerOperations } from './secretsmanager/types';
import type { SsmOperations } from './ssm/types';
import type { KmsOperations } from './kms/types';
import type { LambdaOperations } from './lambda/types';
import type { EventsOperations } from './events/types';
import type { LogsOperations } from './logs/types';
import type { SchedulerOperations } from './scheduler/types';
import type { CloudwatchOperations } from './cloudwatch/types';
import type { KinesisOperations } from './kinesis/types';
import type { FirehoseOperations } from './firehose/types';
import type { Ec2Operations } from './ec2/types';
import type { Sesv2Operations } from './sesv2/types';
import type { SesOperations } from './ses/types';
import type { StepfunctionsOperations } from './stepfunctions/types';
import type { CognitoidpOperations } from './cognitoidp/types';
import type { CognitoidentityOperations } from './cognitoidentity/types';
import type { ApigatewayOperations } from './apigateway/types';
import type { Apigatewayv2Operations } from './apigatewayv2/types';
import type { S3controlOperations } from './s3control/types';
import type { ApigatewaymanagementapiOperations } from './apigatewaymanagementapi/types';

/** Every operation of every service, with its generated input and output types (what `aws.on()` and `aws.calls()` are typed by). */
export type AwsOperations = {
  s3: S3Operations;
  dynamodb: DynamodbOperations;
  dynamodbstreams: DynamodbstreamsOperations;
  sqs: SqsOperations;
  sns: SnsOperations;
  sts: StsOperations;
  iam: IamOperations;
  secretsmanager: SecretsmanagerOperations;
  ssm: SsmOperations;
  kms: KmsOperations;
  lambda: LambdaOperations;
  events: EventsOperations;
  logs: LogsOperations;
  scheduler: SchedulerOperations;
  cloudwatch: CloudwatchOperations;
  kinesis: KinesisOperations;
  firehose: FirehoseOperations;
  ec2: Ec2Operations;
  sesv2: Sesv2Operations;
  ses: SesOperations;
  stepfunctions: StepfunctionsOperations;
  cognitoidp: CognitoidpOperations;
  cognitoidentity: CognitoidentityOperations;
  apigateway: ApigatewayOperations;
  apigatewayv2: Apigatewayv2Operations;
  s3control: S3controlOperations;
  apigatewaymanagementapi: ApigatewaymanagementapiOperations;
};

export const services: ServiceEntry[] = [
  { route: { ...catalog.s3, hosts: s3Hosts }, load: () => import('./s3/index').then((m) => m.default) },
  { route: { ...catalog.dynamodb, hosts: dynamodbHosts }, load: () => import('./dynamodb/index').then((m) => m.default) },
  { route: { ...catalog.dynamodbstreams, hosts: dynamodbstreamsHosts }, load: () => import('./dynamodbstreams/index').then((m) => m.default) },
  { route: { ...catalog.sqs, hosts: sqsHosts }, load: () => import('./sqs/index').then((m) => m.default) },
  { route: { ...catalog.sns, hosts: snsHosts }, load: () => import('./sns/index').then((m) => m.default) },
  { route: { ...catalog.sts, hosts: stsHosts }, load: () => import('./sts/index').then((m) => m.default) },
  { route: { ...catalog.iam, hosts: iamHosts }, load: () => import('./iam/index').then((m) => m.default) },
  { route: { ...catalog.secretsmanager, hosts: secretsmanagerHosts }, load: () => import('./secretsmanager/index').then((m) => m.default) },
  { route: { ...catalog.ssm, hosts: ssmHosts }, load: () => import('./ssm/index').then((m) => m.default) },
  { route: { ...catalog.kms, hosts: kmsHosts }, load: () => import('./kms/index').then((m) => m.default) },
  { route: { ...catalog.lambda, hosts: lambdaHosts, dataPlane: lambdaDataPlane }, load: () => import('./lambda/index').then((m) => m.default) },
  { route: { ...catalog.events, hosts: eventsHosts }, load: () => import('./events/index').then((m) => m.default) },
  { route: { ...catalog.logs, hosts: logsHosts }, load: () => import('./logs/index').then((m) => m.default) },
  { route: { ...catalog.scheduler, hosts: schedulerHosts }, load: () => import('./scheduler/index').then((m) => m.default) },
  { route: { ...catalog.cloudwatch, hosts: cloudwatchHosts }, load: () => import('./cloudwatch/index').then((m) => m.default) },
  { route: { ...catalog.kinesis, hosts: kinesisHosts }, load: () => import('./kinesis/index').then((m) => m.default) },
  { route: { ...catalog.firehose, hosts: firehoseHosts }, load: () => import('./firehose/index').then((m) => m.default) },
  { route: { ...catalog.ec2, hosts: ec2Hosts }, load: () => import('./ec2/index').then((m) => m.default) },
  { route: { ...catalog.sesv2, hosts: sesv2Hosts }, load: () => import('./sesv2/index').then((m) => m.default) },
  { route: { ...catalog.ses, hosts: sesHosts }, load: () => import('./ses/index').then((m) => m.default) },
  { route: { ...catalog.stepfunctions, hosts: stepfunctionsHosts }, load: () => import('./stepfunctions/index').then((m) => m.default) },
  { route: { ...catalog.cognitoidp, hosts: cognitoidpHosts, dataPlane: cognitoidpDataPlane }, load: () => import('./cognitoidp/index').then((m) => m.default) },
  { route: { ...catalog.cognitoidentity, hosts: cognitoidentityHosts }, load: () => import('./cognitoidentity/index').then((m) => m.default) },
  { route: { ...catalog.apigateway, hosts: apigatewayHosts }, load: () => import('./apigateway/index').then((m) => m.default) },
  { route: { ...catalog.apigatewayv2, hosts: apigatewayv2Hosts, paths: apigatewayv2Paths, dataPlane: apigatewayv2DataPlane }, load: () => import('./apigatewayv2/index').then((m) => m.default) },
  { route: { ...catalog.s3control, hosts: s3controlHosts, paths: s3controlPaths }, load: () => import('./s3control/index').then((m) => m.default) },
  { route: { ...catalog.apigatewaymanagementapi, hosts: apigatewaymanagementapiHosts }, load: () => import('./apigatewaymanagementapi/index').then((m) => m.default) },
];
