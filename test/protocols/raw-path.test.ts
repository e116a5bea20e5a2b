/**
 * S3 keys may hold `.` and `..` segments; URL normalization would fold them
 * away, so the protocol reads the path exactly as the SDK sent it.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { rawPathOf } from '../../src/core/request';
import { toAwsRequest, toSdkResponse } from '../../src/intercept/sdk-handler';
import { restXmlProtocol } from '../../src/protocols/rest-xml';
import { spec } from '../../services/s3/spec';

it('keeps dot segments of an S3 key', async () => {
  let captured: unknown;
  const s3 = new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (req: unknown) => {
        captured = req;
        return { response: toSdkResponse({ status: 500, headers: {}, body: Buffer.alloc(0) }) };
      },
    } as never,
  });
  await s3.send(new GetObjectCommand({ Bucket: 'dots', Key: 'a/../b/./c' })).catch(() => undefined);
  const req = await toAwsRequest(captured as never);
  expect(req.url.pathname).not.toContain('..');
  const op = restXmlProtocol.resolveOperation(req, spec);
  expect(op?.name).toBe('GetObject');
  expect(restXmlProtocol.parse(req, op!, spec)).toMatchObject({ Bucket: 'dots', Key: 'a/../b/./c' });
});

it('reads the raw path of absolute and origin-form URLs', () => {
  expect(rawPathOf('https://h.example.com/a/../b?x=1')).toBe('/a/../b');
  expect(rawPathOf('/a/./b#frag')).toBe('/a/./b');
  expect(rawPathOf('http://h:9000')).toBe('/');
});
