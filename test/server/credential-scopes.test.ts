/**
 * The account and region of a call come from its SigV4 credential scope, and
 * the last scope read is remembered by the Authorization header's text up to
 * the comma after it (src/core/credential-scope.ts). Clients whose scopes
 * differ only in the account, the region or a longer key, calling in turn,
 * must each still land in their own account and region.
 */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useServer } from './support/server-fixture';

describe('credential scopes read call after call', () => {
  const server = useServer();
  const client = (accessKeyId: string, region: string) =>
    new DynamoDBClient({ region, endpoint: server().url, credentials: { accessKeyId, secretAccessKey: 'secret' } });

  it('puts each client in its own account and region when their scopes share a prefix', async () => {
    const clients = {
      a: client('111111111111', 'us-east-1'),
      b: client('111111111111', 'us-east-2'),
      // The same text as a's key and more: a's scope is a prefix of this header's up to the region.
      c: client('1111111111112', 'us-east-1'),
      d: client('222222222222', 'us-east-1'),
    };
    for (const [name, ddb] of Object.entries(clients)) {
      await ddb.send(
        new CreateTableCommand({
          TableName: `t-${name}`,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    }
    // c's key is not 12 digits: the default account, in us-east-1.
    const expected = { a: ['t-a'], b: ['t-b'], c: ['t-c'], d: ['t-d'] };
    for (let round = 0; round < 3; round++) {
      for (const [name, ddb] of Object.entries(clients)) {
        const { TableNames } = await ddb.send(new ListTablesCommand({}));
        expect({ name, TableNames }).toEqual({ name, TableNames: expected[name as keyof typeof expected] });
      }
    }
    const sts = (accessKeyId: string) =>
      new STSClient({ region: 'us-east-1', endpoint: server().url, credentials: { accessKeyId, secretAccessKey: 'secret' } });
    expect((await sts('111111111111').send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
    expect((await sts('222222222222').send(new GetCallerIdentityCommand({}))).Account).toBe('222222222222');
    expect((await sts('111111111111').send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
  });
});
