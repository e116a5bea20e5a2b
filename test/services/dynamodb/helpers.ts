/** Shared setup for the DynamoDB tests: a client and a table factory. */
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const client = () => new DynamoDBClient({ region: 'us-east-1' });

/** A PAY_PER_REQUEST table with a string partition key `pk` and optional sort key `sk` (type given). */
export async function createTable(
  ddb: DynamoDBClient,
  name: string,
  sortType?: 'S' | 'N' | 'B',
  extra: Partial<CreateTableCommandInput> = {},
) {
  const defs = [{ AttributeName: 'pk', AttributeType: 'S' as const }];
  const keys = [{ AttributeName: 'pk', KeyType: 'HASH' as const }];
  if (sortType) {
    defs.push({ AttributeName: 'sk', AttributeType: sortType as 'S' });
    keys.push({ AttributeName: 'sk', KeyType: 'RANGE' as 'HASH' });
  }
  return ddb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [...defs, ...(extra.AttributeDefinitions ?? [])],
      KeySchema: keys,
      BillingMode: 'PAY_PER_REQUEST',
      ...extra,
      ...(extra.AttributeDefinitions ? { AttributeDefinitions: [...defs, ...extra.AttributeDefinitions] } : {}),
    }),
  );
}

/** The rejected error of a promise (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<Error & { name: string; $metadata: { httpStatusCode?: number } } & Record<string, any>> {
  try {
    await p;
  } catch (err) {
    return err as never;
  }
  throw new Error('expected the call to fail');
}

/** A raw JSON request (as the CLI or a hand-rolled client sends it), through the fake's HTTP interception. */
export async function rawRequest(operation: string, body: unknown): Promise<{ status: number; body: { __type?: string; message?: string } }> {
  const res = await fetch('https://dynamodb.us-east-1.amazonaws.com/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { __type?: string; message?: string } };
}
