import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';

describe('DynamoDB request validation against the model', () => {
  useMockAws();
  const ddb = new DynamoDBClient({ region: 'us-east-1' });

  it('rejects a missing TableName with ValidationException', async () => {
    const err = await ddb.send(new PutItemCommand({ Item: { id: { S: 'x' } } } as never)).catch((e) => e);
    expect(err.name).toBe('ValidationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(
      "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('rejects an unknown enum value', async () => {
    const err = await ddb
      .send(
        new CreateTableCommand({
          TableName: 't',
          KeySchema: [{ AttributeName: 'id', KeyType: 'PRIMARY' as never }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      )
      .catch((e) => e);
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      "1 validation error detected: Value 'PRIMARY' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]",
    );
  });
});
