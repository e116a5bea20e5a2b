/**
 * Facts about the committed specs, checked against what AWS and the SDK
 * models say, so a codegen change that loses one fails here by name.
 */
import type { MemberSpec, ServiceSpec, StructureShape } from '../../src/core/spec';
import { catalog } from '../../services/catalog.generated';
import { spec as cloudwatch } from '../../services/cloudwatch/spec';
import { spec as dynamodb } from '../../services/dynamodb/spec';
import { spec as ec2 } from '../../services/ec2/spec';
import { spec as lambda } from '../../services/lambda/spec';
import { spec as s3 } from '../../services/s3/spec';
import { spec as sqs } from '../../services/sqs/spec';
import { spec as sts } from '../../services/sts/spec';

function struct(spec: ServiceSpec, name: string): StructureShape {
  const shape = spec.shapes[name];
  if (shape?.type !== 'structure' && shape?.type !== 'union') throw new Error(`${name} is not a structure`);
  return shape;
}

function member(spec: ServiceSpec, shape: string, name: string): MemberSpec {
  return struct(spec, shape).members[name];
}

describe('service metadata', () => {
  it('names the JSON target prefixes the SDKs send in X-Amz-Target', () => {
    expect(dynamodb.targetPrefix).toBe('DynamoDB_20120810');
    expect(sqs.targetPrefix).toBe('AmazonSQS');
    expect(cloudwatch.targetPrefix).toBe('GraniteServiceVersion20100801');
    expect(dynamodb.jsonVersion).toBe('1.0');
  });

  it('lists the v3 protocol first, then the alternates older clients speak', () => {
    expect(sqs.protocols).toEqual(['json', 'query']);
    expect(sqs.xmlNamespace).toBe('http://queue.amazonaws.com/doc/2012-11-05/');
    expect(cloudwatch.protocols).toEqual(['json', 'query', 'rpc-v2-cbor']);
    expect(cloudwatch.xmlNamespace).toBe('http://monitoring.amazonaws.com/doc/2010-08-01/');
    expect(s3.protocols).toEqual(['rest-xml']);
    expect(ec2.protocols).toEqual(['ec2']);
  });

  it('marks only IAM and S3 as global', () => {
    const global = Object.values(catalog)
      .filter((route) => 'global' in route && route.global)
      .map((route) => route.id);
    expect(global.sort()).toEqual(['iam', 's3']);
    expect(sts.global).toBeUndefined();
  });

  it('gives dynamodbstreams the signing name it shares with dynamodb', () => {
    expect(catalog.dynamodbstreams.signingName).toBe('dynamodb');
    expect(catalog.dynamodbstreams.endpointPrefix).toBe('streams.dynamodb');
    expect(catalog.cloudwatch.signingName).toBe('monitoring');
  });
});

describe('errors', () => {
  it('carries the awsQuery code and status of query-compatible services', () => {
    expect(sqs.errors).toContain('QueueDoesNotExist');
    expect(struct(sqs, 'QueueDoesNotExist').error).toEqual({
      fault: 'client',
      status: 400,
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
      queryStatus: 400,
    });
  });

  it('takes httpError, else 400 for client and 500 for server faults', () => {
    expect(struct(s3, 'NoSuchKey').error).toEqual({ fault: 'client', status: 404 });
    expect(struct(dynamodb, 'InternalServerError').error).toMatchObject({ fault: 'server', status: 500 });
    expect(struct(dynamodb, 'ConditionalCheckFailedException').error).toMatchObject({ fault: 'client', status: 400 });
  });
});

describe('operations', () => {
  it('puts the S3 bucket label back into path-style URIs, keeping x-id', () => {
    expect(s3.operations.GetObject.http).toEqual({ method: 'GET', uri: '/{Bucket}/{Key+}?x-id=GetObject', code: 200 });
    expect(s3.operations.PutBucketTagging.http?.uri).toBe('/{Bucket}?tagging');
    expect(s3.operations.CreateBucket.http?.uri).toBe('/{Bucket}');
    expect(s3.operations.ListBuckets.http?.uri).toBe('/?x-id=ListBuckets');
    expect(s3.operations.WriteGetObjectResponse).toMatchObject({
      http: { uri: '/WriteGetObjectResponse' },
      hostPrefix: '{RequestRoute}.',
    });
  });

  it('marks operations whose request checksum is required, not response-checksum ones', () => {
    expect(s3.operations.DeleteObjects.checksumRequired).toBe(true);
    expect(s3.operations.PutBucketTagging.checksumRequired).toBe(true);
    expect(s3.operations.GetObject.checksumRequired).toBeUndefined();
    expect(s3.operations.PutObject.checksumRequired).toBeUndefined();
  });

  it('omits input and output that are Unit', () => {
    expect(sqs.operations.DeleteQueue).toEqual({ name: 'DeleteQueue', input: 'DeleteQueueRequest' });
    expect(lambda.operations.Invoke.http).toEqual({
      method: 'POST',
      uri: '/2015-03-31/functions/{FunctionName}/invocations',
      code: 200,
    });
  });
});

describe('members', () => {
  it('marks required members (the first requiredCount of a schema) in model order', () => {
    const send = struct(sqs, 'SendMessageRequest').members;
    expect(Object.keys(send).slice(0, 3)).toEqual(['QueueUrl', 'MessageBody', 'DelaySeconds']);
    expect(send.QueueUrl.required).toBe(true);
    expect(send.MessageBody.required).toBe(true);
    expect(send.DelaySeconds.required).toBeUndefined();
  });

  it('binds rest members to URI, query, headers, prefix headers and payload', () => {
    expect(member(s3, 'GetObjectRequest', 'Key')).toEqual({ target: 'string', location: 'uri', locationName: 'Key', required: true, min: 1 });
    expect(member(s3, 'GetObjectRequest', 'VersionId')).toEqual({ target: 'string', location: 'querystring', locationName: 'versionId' });
    expect(member(s3, 'PutObjectRequest', 'Metadata')).toMatchObject({ location: 'headers', locationName: 'x-amz-meta-' });
    expect(member(s3, 'PutObjectRequest', 'Body')).toEqual({ target: 'blob', streaming: true, location: 'payload' });
    expect(member(s3, 'CreateBucketRequest', 'CreateBucketConfiguration')).toMatchObject({
      location: 'payload',
      xmlName: 'CreateBucketConfiguration',
    });
  });

  it('flattens timestamp formats of named simple types into the member', () => {
    expect(member(s3, 'GetObjectRequest', 'ResponseExpires').timestampFormat).toBe('http-date');
    expect(member(s3, 'PutObjectRequest', 'ObjectLockRetainUntilDate').timestampFormat).toBe('date-time');
    expect(member(s3, 'GetObjectRequest', 'IfModifiedSince').timestampFormat).toBeUndefined();
  });

  it('keeps XML attributes and namespaces (S3 Grantee xsi:type)', () => {
    expect(member(s3, 'Grantee', 'Type')).toMatchObject({ xmlAttribute: true, xmlName: 'xsi:type', required: true });
    expect(s3.shapes.Grant.type === 'structure' && s3.shapes.Grant.members.Grantee.xmlNamespace).toEqual({
      uri: 'http://www.w3.org/2001/XMLSchema-instance',
      prefix: 'xsi',
    });
  });

  it('keeps xmlFlattened and xmlName of query members, and EC2 query names', () => {
    expect(member(sqs, 'SendMessageRequest', 'MessageAttributes')).toEqual({
      target: 'MessageBodyAttributeMap',
      xmlName: 'MessageAttribute',
      xmlFlattened: true,
    });
    expect(member(ec2, 'DescribeInstancesRequest', 'InstanceIds').xmlName).toBe('InstanceId');
    expect(member(ec2, 'Reservation', 'Instances').ec2QueryName).toBe('InstancesSet');
  });

  it('links enum members, list elements and map keys to their enums', () => {
    expect(sqs.enums.QueueAttributeName).toContain('VisibilityTimeout');
    const attrs = sqs.shapes[member(sqs, 'ReceiveMessageRequest', 'MessageSystemAttributeNames').target];
    expect(attrs).toEqual({ type: 'list', member: { target: 'string', enum: 'MessageSystemAttributeName' } });
    const map = sqs.shapes[member(sqs, 'CreateQueueRequest', 'Attributes').target];
    expect(map.type === 'map' && map.key.enum).toBe('QueueAttributeName');
    expect(member(dynamodb, 'KeySchemaElement', 'KeyType').enum).toBe('KeyType');
    expect(dynamodb.enums.KeyType).toEqual(['HASH', 'RANGE']);
  });

  it('marks event-stream payloads as streaming', () => {
    expect(member(s3, 'SelectObjectContentOutput', 'Payload')).toEqual({
      target: 'SelectObjectContentEventStream',
      location: 'payload',
      streaming: true,
    });
    expect(s3.shapes.SelectObjectContentEventStream.type).toBe('union');
  });
});

describe('constraints from botocore', () => {
  it('carries length, range and pattern traits the v3 schemas drop', () => {
    // DescribeTable takes a name or an ARN since 2023; the KeySchemaElement name is a plain AttributeName.
    expect(member(dynamodb, 'DescribeTableInput', 'TableName')).toEqual({ target: 'string', required: true, min: 1, max: 1024 });
    expect(member(dynamodb, 'ListTablesInput', 'ExclusiveStartTableName')).toMatchObject({ min: 3, max: 255, pattern: '[a-zA-Z0-9_.-]+' });
    expect(member(dynamodb, 'ListTablesInput', 'Limit')).toMatchObject({ target: 'number', min: 1, max: 100 });
    expect(member(dynamodb, 'ScanInput', 'Segment')).toMatchObject({ min: 0, max: 999999 });
    expect(member(dynamodb, 'CreateTableInput', 'KeySchema')).toMatchObject({ min: 1 });
    expect(member(dynamodb, 'KeySchemaElement', 'AttributeName')).toMatchObject({ min: 1, max: 255 });
    expect(member(sts, 'AssumeRoleRequest', 'RoleSessionName')).toMatchObject({ min: 2, max: 64, pattern: '[\\w+=,.@-]*' });
    expect(member(sts, 'AssumeRoleRequest', 'DurationSeconds')).toMatchObject({ min: 900, max: 43200 });
  });

  it('puts element constraints on named lists, and on the member for shared synthetic lists', () => {
    const keySchema = dynamodb.shapes.KeySchema;
    expect(keySchema.type === 'list' && keySchema.member.target).toBe('KeySchemaElement');
    const attrs = member(dynamodb, 'GetItemInput', 'AttributesToGet');
    expect(attrs).toMatchObject({ min: 1 });
  });

  it('orders enum values as the model does', () => {
    expect(dynamodb.enums.ReturnValue).toEqual(['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
    expect(dynamodb.enums.BillingMode).toEqual(['PROVISIONED', 'PAY_PER_REQUEST']);
  });
});
