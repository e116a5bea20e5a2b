/**
 * Fills a DynamoDB table with items `from`..`to`-1 by BatchWriteItem, 25 a call (its limit), in order:
 * how the persistence bench and its tests make a large table. `item(i)` makes the i-th item.
 * Shared from here, not from test/: a bench must not import a test file, and tests already import
 * bench/support (test/bench/harness.test.ts).
 */
import { type AttributeValue, BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export async function fillTable(
  ddb: DynamoDBClient,
  table: string,
  from: number,
  to: number,
  item: (i: number) => Record<string, AttributeValue>,
): Promise<void> {
  for (let i = from; i < to; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(to, i + 25); j++) batch.push({ PutRequest: { Item: item(j) } });
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }));
  }
}
