/**
 * The services codegen writes, in registry order. Each names the v3 client
 * package whose static schemas are the source of truth, and the aws-sdk v2
 * model that supplements them (metadata and a few traits v3 compiles away).
 *
 * @note dynamodb precedes dynamodbstreams: both sign as 'dynamodb', and the
 * router falls back to the first service of a shared signing name.
 */
export interface ServiceSource {
  /** Our service id: folder name under services/ and key of the catalog. */
  id: string;
  /** The @aws-sdk/client-* package. */
  pkg: string;
  /** Basename of the aws-sdk v2 model in node_modules/aws-sdk/apis/ (no .min.json). */
  v2Model: string;
}

export const SERVICES: ServiceSource[] = [
  { id: 's3', pkg: '@aws-sdk/client-s3', v2Model: 's3-2006-03-01' },
  { id: 'dynamodb', pkg: '@aws-sdk/client-dynamodb', v2Model: 'dynamodb-2012-08-10' },
  { id: 'dynamodbstreams', pkg: '@aws-sdk/client-dynamodb-streams', v2Model: 'streams.dynamodb-2012-08-10' },
  { id: 'sqs', pkg: '@aws-sdk/client-sqs', v2Model: 'sqs-2012-11-05' },
  { id: 'sns', pkg: '@aws-sdk/client-sns', v2Model: 'sns-2010-03-31' },
  { id: 'sts', pkg: '@aws-sdk/client-sts', v2Model: 'sts-2011-06-15' },
  { id: 'iam', pkg: '@aws-sdk/client-iam', v2Model: 'iam-2010-05-08' },
  { id: 'secretsmanager', pkg: '@aws-sdk/client-secrets-manager', v2Model: 'secretsmanager-2017-10-17' },
  { id: 'ssm', pkg: '@aws-sdk/client-ssm', v2Model: 'ssm-2014-11-06' },
  { id: 'kms', pkg: '@aws-sdk/client-kms', v2Model: 'kms-2014-11-01' },
  { id: 'lambda', pkg: '@aws-sdk/client-lambda', v2Model: 'lambda-2015-03-31' },
  { id: 'events', pkg: '@aws-sdk/client-eventbridge', v2Model: 'eventbridge-2015-10-07' },
  { id: 'logs', pkg: '@aws-sdk/client-cloudwatch-logs', v2Model: 'logs-2014-03-28' },
  { id: 'scheduler', pkg: '@aws-sdk/client-scheduler', v2Model: 'scheduler-2021-06-30' },
  { id: 'cloudwatch', pkg: '@aws-sdk/client-cloudwatch', v2Model: 'monitoring-2010-08-01' },
  { id: 'kinesis', pkg: '@aws-sdk/client-kinesis', v2Model: 'kinesis-2013-12-02' },
  { id: 'firehose', pkg: '@aws-sdk/client-firehose', v2Model: 'firehose-2015-08-04' },
  { id: 'ec2', pkg: '@aws-sdk/client-ec2', v2Model: 'ec2-2016-11-15' },
  { id: 'sesv2', pkg: '@aws-sdk/client-sesv2', v2Model: 'sesv2-2019-09-27' },
  { id: 'ses', pkg: '@aws-sdk/client-ses', v2Model: 'email-2010-12-01' },
  { id: 'stepfunctions', pkg: '@aws-sdk/client-sfn', v2Model: 'states-2016-11-23' },
  { id: 'cognitoidp', pkg: '@aws-sdk/client-cognito-identity-provider', v2Model: 'cognito-idp-2016-04-18' },
  { id: 'cognitoidentity', pkg: '@aws-sdk/client-cognito-identity', v2Model: 'cognito-identity-2014-06-30' },
  { id: 'apigateway', pkg: '@aws-sdk/client-api-gateway', v2Model: 'apigateway-2015-07-09' },
  { id: 'apigatewayv2', pkg: '@aws-sdk/client-apigatewayv2', v2Model: 'apigatewayv2-2018-11-29' },
  { id: 's3control', pkg: '@aws-sdk/client-s3-control', v2Model: 's3control-2018-08-20' },
  { id: 'apigatewaymanagementapi', pkg: '@aws-sdk/client-apigatewaymanagementapi', v2Model: 'apigatewaymanagementapi-2018-11-29' },
];

/** `s3` → `S3`, `dynamodbstreams` → `Dynamodbstreams`: prefix of the generated `<X>Operations`. */
export function pascalId(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}
