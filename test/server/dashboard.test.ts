/**
 * The dashboard in headless Chromium (playwright-core driving Debian's
 * /usr/bin/chromium): browse a bucket and download an object, browse a queue's
 * messages, and see the live call log mark an error. Skipped, saying so, when
 * Chromium is not installed (scripts/ci-install-browser.sh installs it).
 */
import { existsSync } from 'node:fs';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser, Page } from 'playwright-core';
import { clientConfig, getJson, useServer } from './support/server-fixture';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`dashboard tests skipped: ${CHROMIUM} is missing (run scripts/ci-install-browser.sh)`);

describe('the dashboard JSON endpoints', () => {
  const server = useServer();

  it('lists only backends that exist and shows a bucket with download links', async () => {
    expect(await getJson(server(), '/_mockaws/api/state')).toEqual([]);
    const s3 = new S3Client({ ...clientConfig(server()), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'listed' }));
    await s3.send(new PutObjectCommand({ Bucket: 'listed', Key: 'a.txt', Body: 'AAA' }));
    const [entry] = await getJson(server(), '/_mockaws/api/state');
    // S3 state is per account (a global service).
    expect(entry).toEqual({ service: 's3', account: '123456789012', region: 'global' });
    const q = new URLSearchParams({ ...entry, path: 'bucket/listed' });
    const view = await getJson(server(), `/_mockaws/api/view?${q}`);
    expect(view.rows[0].cells.slice(0, 2)).toEqual(['a.txt', 3]);
    const download = await fetch(`${server().url}${view.rows[0].download}`);
    expect(await download.text()).toBe('AAA');
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''a.txt");
    const missing = await fetch(`${server().url}/_mockaws/api/s3/object?account=123456789012&region=us-east-1&bucket=listed&key=nope`);
    expect(missing.status).toBe(404);
  });

  it('shows a service without a table view as bounded JSON, and DynamoDB items', async () => {
    const ddb = new DynamoDBClient(clientConfig(server()));
    await ddb.send(
      new CreateTableCommand({
        TableName: 'things',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: 'things', Item: { id: { S: 'one' }, n: { N: '1' } } }));
    const at = { service: 'dynamodb', account: '123456789012', region: 'us-east-1' };
    const tables = await getJson(server(), `/_mockaws/api/view?${new URLSearchParams({ ...at, path: '' })}`);
    expect(tables.rows[0]).toMatchObject({ cells: ['things', 1, expect.any(Number), 'ACTIVE'], open: 'table/things' });
    const items = await getJson(server(), `/_mockaws/api/view?${new URLSearchParams({ ...at, path: 'table/things' })}`);
    expect(items.rows[0].cells[0]).toEqual({ id: { S: 'one' }, n: { N: '1' } });
    const none = await getJson(server(), `/_mockaws/api/view?${new URLSearchParams({ ...at, service: 'kms', path: '' })}`);
    expect(none).toMatchObject({ error: 'NotFound' });
    await new IAMClient(clientConfig(server())).send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] }) }));
    await new STSClient(clientConfig(server())).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'sess' }));
    const [sts] = (await getJson(server(), '/_mockaws/api/state')).filter((e: { service: string }) => e.service === 'sts');
    const generic = await getJson(server(), `/_mockaws/api/view?${new URLSearchParams({ ...sts, path: '' })}`);
    expect(generic.rows).toEqual([]);
    expect(typeof generic.json).toBe('object');
    expect(JSON.stringify(generic.json).length).toBeLessThan(80 * 1024);
  });
});

(haveChromium ? describe : describe.skip)('the dashboard in Chromium', () => {
  const server = useServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ acceptDownloads: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('browses a bucket and downloads an object, browses a queue, and marks errors in the call log', async () => {
    const s3 = new S3Client({ ...clientConfig(server()), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
    await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'cat.txt', Body: 'meow' }));
    const sqs = new SQSClient(clientConfig(server()));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job number one' }));
    await s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })).catch(() => undefined);

    await page.goto(`${server().url}/_mockaws/`);
    await page.locator('nav a', { hasText: 's3 · 123456789012' }).click();
    await page.locator('main h2', { hasText: 'Buckets' }).waitFor();
    await page.locator('main td a', { hasText: 'photos' }).click();
    await page.locator('main h2', { hasText: 'Objects of photos' }).waitFor();
    await page.locator('main td', { hasText: 'cat.txt' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('main a', { hasText: 'download' }).click()]);
    expect(download.suggestedFilename()).toBe('cat.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('meow');

    await page.locator('nav a', { hasText: 'sqs · 123456789012 · us-east-1' }).click();
    await page.locator('main td a', { hasText: 'jobs' }).click();
    await page.locator('main h2', { hasText: 'Messages of jobs' }).waitFor();
    await page.locator('main td', { hasText: 'job number one' }).waitFor();

    // The live log: the failed PutObject is highlighted.
    const failed = page.locator('#calls tr.error', { hasText: 'NoSuchBucket' });
    await failed.waitFor();
    expect(await failed.locator('td').nth(2).textContent()).toBe('s3.PutObject');
    // A call made now shows up without reloading.
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'two' }));
    await page.locator('#calls td', { hasText: 'sqs.SendMessage' }).first().waitFor();
    expect(await page.locator('#calls tr:not(.error)', { hasText: 'sqs.SendMessage' }).count()).toBeGreaterThan(0);
  }, 60_000);
});
