/**
 * SES v1's 10 MB limit on a raw message (SES API reference, SendRawEmail:
 * "The maximum message size ... is 10 MB"), through the SDK.
 *
 * The message starts with three 0xFF bytes on purpose. The SDK's query
 * serializer first tests each value with `/^[\w.~-]+$/`
 * (extendedEncodeURIComponent in @smithy/core); on a 14 MB base64 string of
 * word characters that ends in `=`, V8 backtracks across the whole string and
 * can overflow its regexp stack ("RangeError: Maximum call stack size
 * exceeded", seen in full parallel runs under Node 20 and 24), before any
 * request leaves the client. Base64 of 0xFFFFFF is `////`, so the test fails
 * at the first character and the send reaches the fake.
 */
import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { useMockAws } from '../lifecycle';

describe('SES v1 raw message size', () => {
  useMockAws();
  const ses = new SESClient({ region: 'us-east-1', maxAttempts: 1 });

  it('rejects a raw message over 10 MB with MessageRejected', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    big.fill(0xff, 0, 3);
    expect(big.subarray(0, 3).toString('base64')).toBe('////');
    const err = await ses.send(new SendRawEmailCommand({ RawMessage: { Data: big } })).catch((e) => e);
    expect(err).toMatchObject({ name: 'MessageRejected', message: `Message length is more than 10485760 bytes long: '${big.length}'.` });
  });
});
