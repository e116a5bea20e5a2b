/**
 * AWS managed policies (arn:aws:iam::aws:policy/...): the documents of the
 * common ones, written from their documented content (AWS Managed Policy
 * Reference Guide). Large ones (ReadOnlyAccess, PowerUserAccess) carry the
 * statements that matter for the services mockaws emulates. Any other
 * `arn:aws:iam::aws:policy/...` ARN is accepted as a known managed policy
 * with no statements (see docs/services/iam.md).
 */

type Doc = { Version: '2012-10-17'; Statement: Record<string, unknown>[] };

const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const doc = (...Statement: Record<string, unknown>[]): Doc => ({ Version: '2012-10-17', Statement });

export interface AwsManagedPolicy {
  /** Path, with leading and trailing slash. */
  path: string;
  description: string;
  document: Doc;
}

export const AWS_MANAGED: Record<string, AwsManagedPolicy> = {
  AdministratorAccess: {
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    document: doc(allow('*')),
  },
  PowerUserAccess: {
    path: '/',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    document: doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow([
        'account:GetAccountInformation',
        'account:GetPrimaryEmail',
        'account:ListRegions',
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
      ]),
    ),
  },
  ReadOnlyAccess: {
    path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    document: doc(
      allow([
        'cloudwatch:Describe*',
        'cloudwatch:Get*',
        'cloudwatch:List*',
        'dynamodb:BatchGet*',
        'dynamodb:Describe*',
        'dynamodb:Get*',
        'dynamodb:List*',
        'dynamodb:Query',
        'dynamodb:Scan',
        'ec2:Describe*',
        'ec2:Get*',
        'events:Describe*',
        'events:List*',
        'events:Test*',
        'iam:Generate*',
        'iam:Get*',
        'iam:List*',
        'iam:Simulate*',
        'kinesis:Describe*',
        'kinesis:Get*',
        'kinesis:List*',
        'kms:Describe*',
        'kms:Get*',
        'kms:List*',
        'lambda:Get*',
        'lambda:List*',
        'logs:Describe*',
        'logs:FilterLogEvents',
        'logs:Get*',
        'logs:ListTagsLogGroup',
        's3:Describe*',
        's3:Get*',
        's3:List*',
        'secretsmanager:Describe*',
        'secretsmanager:GetResourcePolicy',
        'secretsmanager:List*',
        'sns:Check*',
        'sns:Get*',
        'sns:List*',
        'sqs:Get*',
        'sqs:List*',
        'sqs:Receive*',
        'ssm:Describe*',
        'ssm:Get*',
        'ssm:List*',
        'sts:GetCallerIdentity',
      ]),
    ),
  },
  IAMFullAccess: {
    path: '/',
    description: 'Provides full access to IAM via the AWS Management Console.',
    document: doc(
      allow(['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy']),
    ),
  },
  IAMReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    document: doc(
      allow(['iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy']),
    ),
  },
  AmazonS3FullAccess: {
    path: '/',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    document: doc(allow(['s3:*', 's3-object-lambda:*'])),
  },
  AmazonS3ReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    document: doc(allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'])),
  },
  AmazonDynamoDBFullAccess: {
    path: '/',
    description: 'Provides full access to Amazon DynamoDB via the AWS Management Console.',
    document: doc(
      allow([
        'application-autoscaling:*',
        'cloudwatch:DeleteAlarms',
        'cloudwatch:DescribeAlarmHistory',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:DescribeAlarmsForMetric',
        'cloudwatch:GetMetricStatistics',
        'cloudwatch:ListMetrics',
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:GetMetricData',
        'dynamodb:*',
        'kinesis:ListStreams',
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kms:DescribeKey',
        'kms:ListAliases',
        'lambda:CreateFunction',
        'lambda:ListFunctions',
        'lambda:ListEventSourceMappings',
        'lambda:CreateEventSourceMapping',
        'lambda:DeleteEventSourceMapping',
        'lambda:GetFunctionConfiguration',
        'lambda:DeleteFunction',
        'sns:CreateTopic',
        'sns:DeleteTopic',
        'sns:ListSubscriptions',
        'sns:ListSubscriptionsByTopic',
        'sns:ListTopics',
        'sns:Subscribe',
        'sns:Unsubscribe',
        'sns:SetTopicAttributes',
      ]),
      allow('iam:PassRole', '*', { Condition: { StringLike: { 'iam:PassedToService': ['application-autoscaling.amazonaws.com', 'application-autoscaling.amazonaws.com.cn', 'dax.amazonaws.com'] } } }),
      allow('iam:CreateServiceLinkedRole', '*', { Condition: { StringEquals: { 'iam:AWSServiceName': ['replication.dynamodb.amazonaws.com', 'dax.amazonaws.com', 'dynamodb.application-autoscaling.amazonaws.com', 'contributorinsights.dynamodb.amazonaws.com', 'kinesisreplication.dynamodb.amazonaws.com'] } } }),
    ),
  },
  AmazonDynamoDBReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon DynamoDB via the AWS Management Console.',
    document: doc(
      allow([
        'application-autoscaling:DescribeScalableTargets',
        'application-autoscaling:DescribeScalingActivities',
        'application-autoscaling:DescribeScalingPolicies',
        'cloudwatch:DescribeAlarmHistory',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:GetMetricData',
        'cloudwatch:GetMetricStatistics',
        'cloudwatch:ListMetrics',
        'dynamodb:BatchGetItem',
        'dynamodb:Describe*',
        'dynamodb:List*',
        'dynamodb:GetItem',
        'dynamodb:GetResourcePolicy',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:PartiQLSelect',
        'iam:GetRole',
        'iam:ListRoles',
        'kms:DescribeKey',
        'kms:ListAliases',
        'sns:ListSubscriptionsByTopic',
        'sns:ListTopics',
        'lambda:ListFunctions',
        'lambda:ListEventSourceMappings',
        'lambda:GetFunctionConfiguration',
      ]),
    ),
  },
  AmazonSQSFullAccess: {
    path: '/',
    description: 'Provides full access to Amazon SQS via the AWS Management Console.',
    document: doc(allow('sqs:*')),
  },
  AmazonSQSReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon SQS via the AWS Management Console.',
    document: doc(allow(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListDeadLetterSourceQueues', 'sqs:ListQueues', 'sqs:ListMessageMoveTasks', 'sqs:ListQueueTags'])),
  },
  AmazonSNSFullAccess: {
    path: '/',
    description: 'Provides full access to Amazon SNS via the AWS Management Console.',
    document: doc(allow('sns:*')),
  },
  AmazonSNSReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon SNS via the AWS Management Console.',
    document: doc(allow(['sns:GetTopicAttributes', 'sns:List*', 'sns:CheckIfPhoneNumberIsOptedOut', 'sns:GetEndpointAttributes', 'sns:GetDataProtectionPolicy', 'sns:GetPlatformApplicationAttributes', 'sns:GetSMSAttributes', 'sns:GetSMSSandboxAccountStatus', 'sns:GetSubscriptionAttributes'])),
  },
  AWSLambdaBasicExecutionRole: {
    path: '/service-role/',
    description: 'Provides write permissions to CloudWatch Logs.',
    document: doc(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'])),
  },
  AWSLambdaVPCAccessExecutionRole: {
    path: '/service-role/',
    description: 'Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs.',
    document: doc(
      allow([
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ]),
    ),
  },
  AWSLambdaSQSQueueExecutionRole: {
    path: '/service-role/',
    description: 'Provides receive message, delete message, and read attribute access to SQS queues, and write permissions to CloudWatch logs.',
    document: doc(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'])),
  },
  AWSLambdaDynamoDBExecutionRole: {
    path: '/service-role/',
    description: 'Provides list and read access to DynamoDB streams and write permissions to CloudWatch logs.',
    document: doc(
      allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']),
    ),
  },
  AWSLambdaKinesisExecutionRole: {
    path: '/service-role/',
    description: 'Provides list and read access to Kinesis streams and write permissions to CloudWatch logs.',
    document: doc(
      allow(['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']),
    ),
  },
  AWSLambdaRole: {
    path: '/service-role/',
    description: 'Default policy for AWS Lambda service role.',
    document: doc(allow('lambda:InvokeFunction')),
  },
  AWSLambda_FullAccess: {
    path: '/',
    description: 'Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.',
    document: doc(
      allow([
        'cloudformation:DescribeStacks',
        'cloudformation:ListStackResources',
        'cloudwatch:ListMetrics',
        'cloudwatch:GetMetricData',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
        'kms:ListAliases',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListAttachedRolePolicies',
        'iam:ListRolePolicies',
        'iam:ListRoles',
        'lambda:*',
        'logs:DescribeLogGroups',
        'states:DescribeStateMachine',
        'states:ListStateMachines',
        'tag:GetResources',
        'xray:GetTraceSummaries',
        'xray:BatchGetTraces',
      ]),
      allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }),
      allow(['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartLiveTail', 'logs:StopLiveTail'], 'arn:aws:logs:*:*:log-group:/aws/lambda/*'),
    ),
  },
  CloudWatchLogsFullAccess: {
    path: '/',
    description: 'Provides full access to CloudWatch Logs',
    document: doc(allow(['logs:*', 'cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary'])),
  },
  CloudWatchLogsReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to CloudWatch Logs',
    document: doc(allow(['logs:Describe*', 'logs:Get*', 'logs:List*', 'logs:StartQuery', 'logs:StopQuery', 'logs:TestMetricFilter', 'logs:FilterLogEvents', 'logs:StartLiveTail', 'logs:StopLiveTail', 'cloudwatch:GenerateQuery'])),
  },
  CloudWatchFullAccess: {
    path: '/',
    description: 'Provides full access to CloudWatch.',
    document: doc(allow(['autoscaling:Describe*', 'cloudwatch:*', 'logs:*', 'sns:*', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetRole', 'oam:ListSinks']), allow('iam:CreateServiceLinkedRole', 'arn:aws:iam::*:role/aws-service-role/events.amazonaws.com/AWSServiceRoleForCloudWatchEvents*', { Condition: { StringLike: { 'iam:AWSServiceName': 'events.amazonaws.com' } } })),
  },
  SecretsManagerReadWrite: {
    path: '/',
    description: 'Provides read/write access to AWS Secrets Manager via the AWS Management Console.',
    document: doc(
      allow(['secretsmanager:*', 'cloudformation:CreateChangeSet', 'cloudformation:DescribeChangeSet', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStacks', 'cloudformation:ExecuteChangeSet', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'kms:DescribeKey', 'kms:ListAliases', 'kms:ListKeys', 'lambda:ListFunctions', 'rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'redshift:DescribeClusters', 'tag:GetResources']),
      allow(['lambda:AddPermission', 'lambda:CreateFunction', 'lambda:GetFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionConfiguration'], 'arn:aws:lambda:*:*:function:SecretsManager*'),
      allow('serverlessrepo:CreateCloudFormationChangeSet', 'arn:aws:serverlessrepo:*:*:applications/SecretsManager*'),
      allow('s3:GetObject', 'arn:aws:s3:::awsserverlessrepo-changesets*'),
    ),
  },
  AmazonKinesisFullAccess: {
    path: '/',
    description: 'Provides full access to all streams via the AWS Management Console.',
    document: doc(allow('kinesis:*')),
  },
  AmazonKinesisReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to all streams via the AWS Management Console.',
    document: doc(allow(['kinesis:Get*', 'kinesis:List*', 'kinesis:Describe*'])),
  },
  AmazonEC2FullAccess: {
    path: '/',
    description: 'Provides full access to Amazon EC2 via the AWS Management Console.',
    document: doc(allow(['ec2:*', 'elasticloadbalancing:*', 'cloudwatch:*', 'autoscaling:*'])),
  },
  AmazonEC2ReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon EC2 via the AWS Management Console.',
    document: doc(allow(['ec2:Describe*', 'ec2:GetSecurityGroupsForVpc', 'elasticloadbalancing:Describe*', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricStatistics', 'cloudwatch:Describe*', 'autoscaling:Describe*'])),
  },
  AmazonSSMReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon SSM.',
    document: doc(allow(['ssm:Describe*', 'ssm:Get*', 'ssm:List*'])),
  },
  AWSKeyManagementServicePowerUser: {
    path: '/',
    description: 'Provides access to AWS Key Management Service (KMS).',
    document: doc(allow(['kms:CreateAlias', 'kms:CreateKey', 'kms:DeleteAlias', 'kms:Describe*', 'kms:GenerateRandom', 'kms:Get*', 'kms:List*', 'kms:TagResource', 'kms:UntagResource', 'iam:ListGroups', 'iam:ListRoles', 'iam:ListUsers'])),
  },
  AmazonEventBridgeFullAccess: {
    path: '/',
    description: 'Provides full access to Amazon EventBridge.',
    document: doc(allow(['events:*', 'schemas:*', 'scheduler:*', 'pipes:*'])),
  },
};

/** `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole` -> its path and name. */
export function splitAwsManagedArn(arn: string): { path: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  return m ? { path: m[1], name: m[2] } : undefined;
}
