/**
 * Portal products with their sharing policies, product pages and product REST
 * endpoint pages (which must name a deployed stage, path and method of a REST API).
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  BadRequestException,
  CreatePortalProductCommand,
  CreateProductPageCommand,
  CreateProductRestEndpointPageCommand,
  type CreateProductRestEndpointPageCommandInput,
  DeletePortalProductCommand,
  DeletePortalProductSharingPolicyCommand,
  DeleteProductPageCommand,
  DeleteProductRestEndpointPageCommand,
  GetPortalProductCommand,
  GetPortalProductSharingPolicyCommand,
  GetProductPageCommand,
  GetProductRestEndpointPageCommand,
  ListPortalProductsCommand,
  ListProductPagesCommand,
  ListProductRestEndpointPagesCommand,
  NotFoundException,
  PutPortalProductSharingPolicyCommand,
  UpdatePortalProductCommand,
  UpdateProductPageCommand,
  UpdateProductRestEndpointPageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { useMockAws } from '../lifecycle';

const client = new ApiGatewayV2Client({ region: 'us-east-1' });
const v1 = new APIGatewayClient({ region: 'us-east-1' });

/** A REST API with GET /pets deployed to stage `prod`, and POST /pets added after the deployment. */
async function restApi(): Promise<string> {
  const api = await v1.send(new CreateRestApiCommand({ name: 'pets' }));
  const restApiId = api.id as string;
  const resourceId = (await v1.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'pets' }))).id as string;
  await v1.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await v1.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK' }));
  await v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  await v1.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE' }));
  return restApiId;
}

describe('API Gateway portal products', () => {
  const aws = useMockAws();

  it('creates, reads, updates, lists and deletes a product', async () => {
    const created = await client.send(new CreatePortalProductCommand({ DisplayName: 'Pets', Description: 'Pet adoption', Tags: { team: 'pets' } }));
    const PortalProductId = created.PortalProductId as string;
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(PortalProductId).toMatch(/^[a-z0-9]{10,30}$/);
    expect(created).toMatchObject({
      PortalProductArn: `arn:aws:apigateway:us-east-1:123456789012:/portalproducts/${PortalProductId}`,
      DisplayName: 'Pets',
      Description: 'Pet adoption',
      Tags: { team: 'pets' },
      LastModified: expect.any(Date),
    });
    expect((await client.send(new UpdatePortalProductCommand({ PortalProductId, DisplayName: 'Pets v2' }))).DisplayName).toBe('Pets v2');
    expect(await client.send(new GetPortalProductCommand({ PortalProductId }))).toMatchObject({ DisplayName: 'Pets v2', Description: 'Pet adoption' });
    const list = await client.send(new ListPortalProductsCommand({}));
    expect(list.Items?.map((p) => p.PortalProductId)).toEqual([PortalProductId]);
    await client.send(new DeletePortalProductCommand({ PortalProductId }));
    const err = await client.send(new GetPortalProductCommand({ PortalProductId })).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
    await expect(client.send(new DeletePortalProductCommand({ PortalProductId }))).rejects.toBeInstanceOf(NotFoundException);
    // The model's constraints (displayName 1–255) are API Gateway's BadRequestException.
    const tooShort = await client.send(new CreatePortalProductCommand({ DisplayName: '' })).catch((e) => e);
    expect(tooShort).toBeInstanceOf(BadRequestException);
    expect(tooShort.$metadata.httpStatusCode).toBe(400);
  });

  it('stores a validated sharing policy; Get/Delete without one is NotFoundException', async () => {
    const { PortalProductId } = await client.send(new CreatePortalProductCommand({ DisplayName: 'Shared' }));
    await expect(client.send(new GetPortalProductSharingPolicyCommand({ PortalProductId }))).rejects.toBeInstanceOf(NotFoundException);
    const bad = await client.send(new PutPortalProductSharingPolicyCommand({ PortalProductId, PolicyDocument: '{not json' })).catch((e) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
    expect(bad.message).toMatch(/policy/i);
    await expect(client.send(new PutPortalProductSharingPolicyCommand({ PortalProductId, PolicyDocument: '{"Version":"2012-10-17"}' }))).rejects.toBeInstanceOf(
      BadRequestException,
    );
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'apigateway:GET', Resource: '*' }],
    });
    await client.send(new PutPortalProductSharingPolicyCommand({ PortalProductId, PolicyDocument: policy }));
    expect(await client.send(new GetPortalProductSharingPolicyCommand({ PortalProductId }))).toMatchObject({ PolicyDocument: policy, PortalProductId });
    await client.send(new DeletePortalProductSharingPolicyCommand({ PortalProductId }));
    await expect(client.send(new DeletePortalProductSharingPolicyCommand({ PortalProductId }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(client.send(new PutPortalProductSharingPolicyCommand({ PortalProductId: 'nosuchproduct', PolicyDocument: policy }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('product pages: create, get, update, list with tokens, delete (and out of the display order)', async () => {
    const { PortalProductId } = await client.send(new CreatePortalProductCommand({ DisplayName: 'Docs' }));
    const page = await client.send(new CreateProductPageCommand({ PortalProductId, DisplayContent: { Title: 'Getting started', Body: '# Hello' } }));
    const ProductPageId = page.ProductPageId as string;
    expect(page.ProductPageArn).toBe(`arn:aws:apigateway:us-east-1:123456789012:/portalproducts/${PortalProductId}/productpages/${ProductPageId}`);
    await client.send(new UpdateProductPageCommand({ PortalProductId, ProductPageId, DisplayContent: { Title: 'Start here', Body: '# Hi' } }));
    expect((await client.send(new GetProductPageCommand({ PortalProductId, ProductPageId }))).DisplayContent).toEqual({ Title: 'Start here', Body: '# Hi' });
    for (let i = 0; i < 2; i++) await client.send(new CreateProductPageCommand({ PortalProductId, DisplayContent: { Title: `p${i}`, Body: 'x' } }));
    const first = await client.send(new ListProductPagesCommand({ PortalProductId, MaxResults: '2' }));
    const second = await client.send(new ListProductPagesCommand({ PortalProductId, MaxResults: '2', NextToken: first.NextToken }));
    expect(first.Items).toHaveLength(2);
    expect(second.Items).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    expect(first.Items?.[0]).not.toHaveProperty('DisplayContent');
    expect([...(first.Items ?? []), ...(second.Items ?? [])].map((p) => p.PageTitle).sort()).toEqual(['Start here', 'p0', 'p1']);

    await client.send(
      new UpdatePortalProductCommand({ PortalProductId, DisplayOrder: { OverviewPageArn: page.ProductPageArn, ProductPageArns: [page.ProductPageArn as string] } }),
    );
    const wrongArn = await client
      .send(new UpdatePortalProductCommand({ PortalProductId, DisplayOrder: { ProductPageArns: [`${page.ProductPageArn}x`] } }))
      .catch((e) => e);
    expect(wrongArn).toBeInstanceOf(BadRequestException);
    await client.send(new DeleteProductPageCommand({ PortalProductId, ProductPageId }));
    expect((await client.send(new GetPortalProductCommand({ PortalProductId }))).DisplayOrder).toEqual({ ProductPageArns: [] });
    await expect(client.send(new GetProductPageCommand({ PortalProductId, ProductPageId }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      client.send(new CreateProductPageCommand({ PortalProductId: 'nosuchproduct', DisplayContent: { Title: 't', Body: 'b' } })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('product REST endpoint pages name a deployed stage, path and method of a REST API', async () => {
    const restApiId = await restApi();
    const { PortalProductId } = await client.send(new CreatePortalProductCommand({ DisplayName: 'Pets API' }));
    const input = (parts: Partial<{ RestApiId: string; Stage: string; Path: string; Method: string }>): CreateProductRestEndpointPageCommandInput => ({
      PortalProductId,
      RestEndpointIdentifier: { IdentifierParts: { RestApiId: restApiId, Stage: 'prod', Path: '/pets', Method: 'GET', ...parts } },
    });
    const created = await client.send(new CreateProductRestEndpointPageCommand(input({})));
    const ProductRestEndpointPageId = created.ProductRestEndpointPageId as string;
    expect(created).toMatchObject({
      ProductRestEndpointPageArn: `arn:aws:apigateway:us-east-1:123456789012:/portalproducts/${PortalProductId}/productrestendpointpages/${ProductRestEndpointPageId}`,
      RestEndpointIdentifier: { IdentifierParts: { RestApiId: restApiId, Stage: 'prod', Path: '/pets', Method: 'GET' } },
      DisplayContent: { Endpoint: `https://${restApiId}.execute-api.us-east-1.amazonaws.com/prod` },
      Status: 'AVAILABLE',
      TryItState: 'DISABLED',
    });

    for (const [parts, message] of [
      [{ RestApiId: 'nosuchapi1' }, /REST API/],
      [{ Stage: 'beta' }, /stage/],
      [{ Path: '/cats' }, /path/],
      [{ Method: 'POST' }, /method/], // put after the deployment: not what the stage serves
    ] as const) {
      const err = await client.send(new CreateProductRestEndpointPageCommand(input(parts))).catch((e) => e);
      expect(err).toBeInstanceOf(NotFoundException);
      expect(err.message).toMatch(message);
    }
    const twoKinds = await client
      .send(new CreateProductRestEndpointPageCommand({ ...input({}), DisplayContent: { None: {}, Overrides: { OperationName: 'x' } } }))
      .catch((e) => e);
    expect(twoKinds).toBeInstanceOf(BadRequestException);

    const updated = await client.send(
      new UpdateProductRestEndpointPageCommand({
        PortalProductId,
        ProductRestEndpointPageId,
        TryItState: 'ENABLED',
        DisplayContent: { Overrides: { OperationName: 'List pets', Endpoint: 'https://api.example.com/v1', Body: 'Lists the pets.' } },
      }),
    );
    expect(updated).toMatchObject({ TryItState: 'ENABLED', DisplayContent: { OperationName: 'List pets', Endpoint: 'https://api.example.com/v1', Body: 'Lists the pets.' } });
    expect((await client.send(new GetProductRestEndpointPageCommand({ PortalProductId, ProductRestEndpointPageId }))).TryItState).toBe('ENABLED');
    const list = await client.send(new ListProductRestEndpointPagesCommand({ PortalProductId }));
    expect(list.Items).toEqual([
      expect.objectContaining({ ProductRestEndpointPageId, Endpoint: 'https://api.example.com/v1', OperationName: 'List pets', Status: 'AVAILABLE', TryItState: 'ENABLED' }),
    ]);

    await client.send(
      new UpdatePortalProductCommand({
        PortalProductId,
        DisplayOrder: { Contents: [{ SectionName: 'Adopt', ProductRestEndpointPageArns: [created.ProductRestEndpointPageArn as string] }] },
      }),
    );
    await client.send(new DeleteProductRestEndpointPageCommand({ PortalProductId, ProductRestEndpointPageId }));
    expect((await client.send(new GetPortalProductCommand({ PortalProductId }))).DisplayOrder?.Contents).toEqual([{ SectionName: 'Adopt', ProductRestEndpointPageArns: [] }]);
    await expect(client.send(new GetProductRestEndpointPageCommand({ PortalProductId, ProductRestEndpointPageId }))).rejects.toBeInstanceOf(NotFoundException);
  });
  it('a restored snapshot holds the products and their pages as they were', async () => {
    const { PortalProductId } = await client.send(new CreatePortalProductCommand({ DisplayName: 'Saved' }));
    await client.send(new CreateProductPageCommand({ PortalProductId, DisplayContent: { Title: 'Kept', Body: 'b' } }));
    const saved = await aws.snapshot();
    await client.send(new CreateProductPageCommand({ PortalProductId, DisplayContent: { Title: 'Dropped', Body: 'b' } }));
    await client.send(new UpdatePortalProductCommand({ PortalProductId, DisplayName: 'Changed' }));
    await aws.restore(saved);
    expect((await client.send(new GetPortalProductCommand({ PortalProductId }))).DisplayName).toBe('Saved');
    const pages = await client.send(new ListProductPagesCommand({ PortalProductId }));
    expect(pages.Items?.map((p) => p.PageTitle)).toEqual(['Kept']);
    await client.send(new CreateProductPageCommand({ PortalProductId, DisplayContent: { Title: 'After', Body: 'b' } }));
    expect((await client.send(new ListProductPagesCommand({ PortalProductId }))).Items).toHaveLength(2);
  });
});
