// A real SDK v3 program run against mockAws(): nothing leaves the process.
// Run after `npm run build`: node examples/demo.mjs
import { mockAws } from '../dist/index.mjs';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBClient, CreateTableCommand, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, CreateQueueCommand, SendMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';

const aws = mockAws();
try {
  const me = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  console.log(`STS      account ${me.Account} (${me.Arn})`);

  const s3 = new S3Client({});
  await s3.send(new CreateBucketCommand({ Bucket: 'demo-bucket' }));
  await s3.send(new PutObjectCommand({ Bucket: 'demo-bucket', Key: 'hello.txt', Body: 'hello from mockaws' }));
  const obj = await s3.send(new GetObjectCommand({ Bucket: 'demo-bucket', Key: 'hello.txt' }));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'demo-bucket' }));
  console.log(`S3       ${listed.KeyCount} object(s); hello.txt = "${await obj.Body.transformToString()}" (ETag ${obj.ETag})`);

  const ddb = new DynamoDBClient({});
  await ddb.send(
    new CreateTableCommand({
      TableName: 'users',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'u1' }, name: { S: 'Ada' } } }));
  const conflict = await ddb
    .send(
      new PutItemCommand({
        TableName: 'users',
        Item: { id: { S: 'u1' }, name: { S: 'Grace' } },
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    )
    .catch((e) => e);
  const item = await ddb.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } } }));
  console.log(`DynamoDB users/u1 = ${item.Item.name.S}; a second conditional put threw ${conflict.name}`);

  const sqs = new SQSClient({});
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job #1' }));
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 30 }));
  const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
  console.log(`SQS      received "${got.Messages[0].Body}"; while it is in flight a second receive gets ${again.Messages?.length ?? 0}`);
} finally {
  aws.stop();
}
