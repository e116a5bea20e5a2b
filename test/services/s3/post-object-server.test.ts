/**
 * Browser POST uploads against server mode: a page posting its form to
 * http://127.0.0.1:<port>/<bucket> with no Authorization header. The form's
 * x-amz-credential field is what routes it to S3.
 */
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type MockServer, startServer } from '../../../src/server/server';
import { errorOf, FILENAME, postForm } from './support/post-form';

let server: MockServer;
let s3: S3Client;
const Bucket = 'server-uploads';

beforeAll(async () => {
  server = await startServer({ port: 0 });
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: server.url,
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  });
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe('browser POST uploads to startServer()', () => {
  it('stores the file and answers 201 with the path-style location', async () => {
    const body = postForm({
      bucket: Bucket,
      conditions: [{ bucket: Bucket }, ['starts-with', '$key', 'in/'], { success_action_status: '201' }],
      fields: { key: `in/${FILENAME}`, success_action_status: '201' },
      file: { content: 'served', filename: 'report.csv' },
    });
    const res = await fetch(`${server.url}/${Bucket}`, { method: 'POST', body });
    expect(res.status).toBe(201);
    expect(await res.text()).toContain(`<Location>${server.url}/${Bucket}/in%2Freport.csv</Location>`);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'in/report.csv' }));
    expect(await got.Body?.transformToString()).toBe('served');
  });

  it('answers policy failures as S3 XML errors', async () => {
    const body = postForm({ bucket: Bucket, conditions: [['starts-with', '$key', 'in/']], fields: { key: 'out/x' }, file: { content: 'x' } });
    const res = await fetch(`${server.url}/${Bucket}`, { method: 'POST', body });
    expect(res.status).toBe(403);
    expect(errorOf(await res.text())).toEqual({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "in/"]',
    });
  });
});
