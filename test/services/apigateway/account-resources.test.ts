/** Client certificates (a real X.509 PEM) and VPC links (PENDING → AVAILABLE on the clock). */
import { X509Certificate } from 'node:crypto';
import {
  APIGatewayClient,
  BadRequestException,
  CreateRestApiCommand,
  CreateVpcLinkCommand,
  DeleteClientCertificateCommand,
  DeleteVpcLinkCommand,
  GenerateClientCertificateCommand,
  GetClientCertificateCommand,
  GetClientCertificatesCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateClientCertificateCommand,
  UpdateVpcLinkCommand,
} from '@aws-sdk/client-api-gateway';
import { useMockAws } from '../lifecycle';

const client = new APIGatewayClient({ region: 'us-east-1' });
const NLB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/my-nlb/0123456789abcdef';

describe('client certificates and VPC links', () => {
  useMockAws();

  it('GenerateClientCertificate answers a self-signed X.509 certificate valid for a year', async () => {
    const cert = await client.send(new GenerateClientCertificateCommand({ description: 'backend mTLS', tags: { a: '1' } }));
    expect(cert.clientCertificateId).toMatch(/^[a-z0-9]{6}$/);
    const x509 = new X509Certificate(cert.pemEncodedCertificate as string);
    expect(x509.verify(x509.publicKey)).toBe(true);
    const days = ((cert.expirationDate as Date).getTime() - (cert.createdDate as Date).getTime()) / 86_400_000;
    expect(days).toBe(365);
    expect(new Date(x509.validTo).getTime()).toBe(Math.floor((cert.expirationDate as Date).getTime() / 1000) * 1000);
    const updated = await client.send(new UpdateClientCertificateCommand({ clientCertificateId: cert.clientCertificateId, patchOperations: [{ op: 'replace', path: '/description', value: 'new' }] }));
    expect(updated.description).toBe('new');
    expect((await client.send(new GetClientCertificatesCommand({}))).items).toHaveLength(1);
    await client.send(new DeleteClientCertificateCommand({ clientCertificateId: cert.clientCertificateId }));
    const gone = await client.send(new GetClientCertificateCommand({ clientCertificateId: cert.clientCertificateId })).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFoundException);
  });

  it('a VPC link is PENDING, then AVAILABLE as the clock moves; it needs one NLB target', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const link = await client.send(new CreateVpcLinkCommand({ name: 'l', targetArns: [NLB] }));
    expect(link).toMatchObject({ name: 'l', status: 'PENDING', targetArns: [NLB] });
    jest.advanceTimersByTime(1000);
    expect((await client.send(new GetVpcLinkCommand({ vpcLinkId: link.id }))).status).toBe('AVAILABLE');
    const renamed = await client.send(new UpdateVpcLinkCommand({ vpcLinkId: link.id, patchOperations: [{ op: 'replace', path: '/name', value: 'm' }] }));
    expect(renamed.name).toBe('m');
    expect((await client.send(new GetVpcLinksCommand({}))).items?.map((l) => l.id)).toEqual([link.id]);
    const bad = await client.send(new CreateVpcLinkCommand({ name: 'x', targetArns: ['arn:aws:s3:::bucket'] })).catch((e) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
  });

  it('a VPC link an integration uses cannot be deleted', async () => {
    const link = await client.send(new CreateVpcLinkCommand({ name: 'l', targetArns: [NLB] }));
    const api = await client.send(new CreateRestApiCommand({ name: 'a' }));
    await client.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await client.send(
      new PutIntegrationCommand({
        restApiId: api.id,
        resourceId: api.rootResourceId,
        httpMethod: 'GET',
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'GET',
        uri: 'http://internal.example/',
        connectionType: 'VPC_LINK',
        connectionId: link.id,
      }),
    );
    const err = await client.send(new DeleteVpcLinkCommand({ vpcLinkId: link.id })).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestException);
  });
});
