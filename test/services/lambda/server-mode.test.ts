import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, useServer } from '../../server/support/server-fixture';
import { decode, encode, ROLE, useLambdaRole, zip } from './support';

describe('Lambda in server mode', () => {
  const server = useServer();
  useLambdaRole(() => clientConfig(server()));

  it("points the function's SDK at the server (AWS_ENDPOINT_URL), so its writes land there", async () => {
    const lambda = new LambdaClient(clientConfig(server()));
    const ddb = new DynamoDBClient(clientConfig(server()));
    await ddb.send(
      new CreateTableCommand({ TableName: 'remote', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'remote-writer',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: {
          ZipFile: zip({
            'index.js': `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
              exports.handler = async (e) => {
                await new DynamoDBClient({}).send(new PutItemCommand({ TableName: 'remote', Item: { id: { S: e.id } } }));
                return process.env.AWS_ENDPOINT_URL;
              };`,
          }),
        },
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'remote-writer', Payload: encode({ id: 'r-1' }) }));
    expect(out.FunctionError).toBeUndefined();
    expect(decode(out.Payload)).toBe(server().url);
    const item = await ddb.send(new GetItemCommand({ TableName: 'remote', Key: { id: { S: 'r-1' } } }));
    expect(item.Item).toEqual({ id: { S: 'r-1' } });
  });
});
