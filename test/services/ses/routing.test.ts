/** SES v1 and v2 answer on one host (email.<region>.amazonaws.com): the router tells them apart. */
import { services } from '../../../services';
import type { AwsRequest } from '../../../src/core/request';
import { ServiceRouter } from '../../../src/core/router';

describe('routing on the shared SES host', () => {
  const router = new ServiceRouter(services);
  const req = (method: string, path: string, contentType?: string): AwsRequest => ({
    method,
    url: new URL(`https://email.eu-west-1.amazonaws.com${path}`),
    headers: contentType ? { 'content-type': contentType } : ({} as Record<string, string>),
    body: Buffer.alloc(0),
  });

  it('sends form-encoded (query protocol) requests to SES v1 and the REST ones to SES v2', () => {
    expect(router.resolve(req('POST', '/', 'application/x-www-form-urlencoded; charset=utf-8'))?.route.id).toBe('ses');
    expect(router.resolve(req('POST', '/v2/email/outbound-emails', 'application/json'))?.route.id).toBe('sesv2');
    expect(router.resolve(req('GET', '/v2/email/identities'))?.route.id).toBe('sesv2');
  });

  it('leaves hosts one service owns to that service', () => {
    const sqs = { ...req('POST', '/', 'application/x-www-form-urlencoded'), url: new URL('https://sqs.us-east-1.amazonaws.com/') };
    expect(router.resolve(sqs)?.route.id).toBe('sqs');
  });
});
