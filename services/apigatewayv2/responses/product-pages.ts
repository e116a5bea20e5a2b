/**
 * A portal product's pages: product pages (a title and a Markdown body) and
 * product REST endpoint pages, each naming a method of a REST API (v1) as a
 * stage serves it: the API, the stage, the resource path and the method must
 * exist in the caller's v1 backend, in what the stage's deployment froze.
 * Deleting a page also drops it from the product's display order.
 */
import { clock } from '../../../src/core/clock';
import type { ApiGatewayBackend } from '../../apigateway/models/backend';
import { badRequest, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import type { PortalProductState, ProductPageState, RestEndpointPageState } from '../models/portals';
import type * as T from '../types';
import { type Ctx, out } from './common';
import { productFor, requireProduct } from './portal-products';

// ---- product pages ----

function requirePage(product: PortalProductState, id: string): ProductPageState {
  return product.pages.require(id, () => notFound(`Product page not found: ${id}`, 'ProductPage'));
}

function pageView(page: ProductPageState): T.GetProductPageResponse {
  return out(page);
}

export function createProductPage(input: T.CreateProductPageRequest, ctx: Ctx): T.CreateProductPageResponse {
  const product = requireProduct(ctx, input.PortalProductId);
  const id = gatewayId(10);
  const page: ProductPageState = {
    ProductPageId: id,
    ProductPageArn: `${product.PortalProductArn}/productpages/${id}`,
    DisplayContent: { Title: input.DisplayContent.Title, Body: input.DisplayContent.Body },
    LastModified: clock.date(),
  };
  product.pages.set(id, page);
  return pageView(page);
}

export async function getProductPage(input: T.GetProductPageRequest, ctx: Ctx): Promise<T.GetProductPageResponse> {
  return pageView(requirePage(await productFor(ctx, input.PortalProductId, input.ResourceOwnerAccountId), input.ProductPageId));
}

export async function listProductPages(input: T.ListProductPagesRequest, ctx: Ctx): Promise<T.ListProductPagesResponse> {
  const product = await productFor(ctx, input.PortalProductId, input.ResourceOwnerAccountId);
  const page = product.pages.pageByToken(input.MaxResults, input.NextToken);
  return {
    Items: page.items.map((p) => ({ ProductPageId: p.ProductPageId, ProductPageArn: p.ProductPageArn, PageTitle: p.DisplayContent.Title, LastModified: p.LastModified })),
    NextToken: page.nextToken,
  };
}

export function updateProductPage(input: T.UpdateProductPageRequest, ctx: Ctx): T.UpdateProductPageResponse {
  const page = requirePage(requireProduct(ctx, input.PortalProductId), input.ProductPageId);
  if (input.DisplayContent) page.DisplayContent = { Title: input.DisplayContent.Title, Body: input.DisplayContent.Body };
  page.LastModified = clock.date();
  return pageView(page);
}

export function deleteProductPage(input: T.DeleteProductPageRequest, ctx: Ctx): Record<string, never> {
  const product = requireProduct(ctx, input.PortalProductId);
  const page = requirePage(product, input.ProductPageId);
  product.pages.delete(page.ProductPageId);
  const order = product.DisplayOrder;
  if (order) {
    if (order.OverviewPageArn === page.ProductPageArn) order.OverviewPageArn = undefined;
    if (order.ProductPageArns) order.ProductPageArns = order.ProductPageArns.filter((a) => a !== page.ProductPageArn);
  }
  return {};
}

// ---- product REST endpoint pages ----

function requireRestPage(product: PortalProductState, id: string): RestEndpointPageState {
  return product.restPages.require(id, () => notFound(`Product REST endpoint page not found: ${id}`, 'ProductRestEndpointPage'));
}

/** Exactly one of `none` (API Gateway's defaults) or `overrides`. */
function checkDisplayContent(content: T.EndpointDisplayContent | undefined): T.EndpointDisplayContent {
  if (!content) return { None: {} };
  if (Boolean(content.None) === Boolean(content.Overrides)) throw badRequest('DisplayContent must have exactly one of none or overrides');
  if (content.None) return { None: {} };
  const { Body, Endpoint, OperationName } = content.Overrides as T.DisplayContentOverrides;
  if (Endpoint !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(Endpoint)) throw badRequest(`Invalid endpoint: ${Endpoint}`);
  return { Overrides: { Body, Endpoint, OperationName } };
}

/** The REST API's stage, resource path and method must exist, as the stage's deployment froze them. */
async function checkRestEndpoint(identifier: T.RestEndpointIdentifier, ctx: Ctx): Promise<T.RestEndpointIdentifier> {
  const parts = identifier.IdentifierParts;
  if (!parts) throw badRequest('RestEndpointIdentifier must have identifierParts');
  const v1 = await ctx.backends.get<ApiGatewayBackend>('apigateway', ctx.account, ctx.region);
  const api = v1.restApi(parts.RestApiId);
  if (!api) throw notFound(`Invalid REST API identifier specified ${ctx.account}:${parts.RestApiId}`, 'RestApi');
  if (!api.stages.get(parts.Stage)) throw notFound(`Invalid stage identifier specified: ${parts.Stage}`, 'Stage');
  const deployed = v1.deployed(api, parts.Stage);
  const resource = deployed?.snapshot.resources.find((r) => r.path === parts.Path);
  if (!resource) throw notFound(`Invalid resource path specified for stage ${parts.Stage}: ${parts.Path}`, 'Resource');
  const method = parts.Method.toUpperCase();
  if (!resource.resourceMethods[method]) throw notFound(`Invalid method specified for ${parts.Path}: ${parts.Method}`, 'Method');
  return { IdentifierParts: { RestApiId: parts.RestApiId, Stage: parts.Stage, Path: parts.Path, Method: method } };
}

function defaultEndpoint(parts: T.IdentifierParts, ctx: Ctx): string {
  const suffix = ctx.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${parts.RestApiId}.execute-api.${ctx.region}.${suffix}/${parts.Stage}`;
}

/** What a page shows: the caller's overrides over API Gateway's defaults (the stage's invoke URL). */
function shown(page: RestEndpointPageState, ctx: Ctx): T.EndpointDisplayContentResponse {
  const overrides = page.DisplayContent.Overrides ?? {};
  return {
    Endpoint: overrides.Endpoint ?? defaultEndpoint(page.RestEndpointIdentifier.IdentifierParts as T.IdentifierParts, ctx),
    Body: overrides.Body,
    OperationName: overrides.OperationName,
  };
}

function restPageView(page: RestEndpointPageState, ctx: Ctx): T.GetProductRestEndpointPageResponse {
  return out({
    ProductRestEndpointPageId: page.ProductRestEndpointPageId,
    ProductRestEndpointPageArn: page.ProductRestEndpointPageArn,
    RestEndpointIdentifier: page.RestEndpointIdentifier,
    DisplayContent: shown(page, ctx),
    TryItState: page.TryItState,
    Status: 'AVAILABLE',
    LastModified: page.LastModified,
  });
}

export async function createProductRestEndpointPage(
  input: T.CreateProductRestEndpointPageRequest,
  ctx: Ctx,
): Promise<T.CreateProductRestEndpointPageResponse> {
  const product = requireProduct(ctx, input.PortalProductId);
  const displayContent = checkDisplayContent(input.DisplayContent);
  const identifier = await checkRestEndpoint(input.RestEndpointIdentifier, ctx);
  const id = gatewayId(10);
  const page: RestEndpointPageState = {
    ProductRestEndpointPageId: id,
    ProductRestEndpointPageArn: `${product.PortalProductArn}/productrestendpointpages/${id}`,
    RestEndpointIdentifier: identifier,
    DisplayContent: displayContent,
    TryItState: input.TryItState ?? 'DISABLED',
    LastModified: clock.date(),
  };
  product.restPages.set(id, page);
  return restPageView(page, ctx);
}

export async function getProductRestEndpointPage(input: T.GetProductRestEndpointPageRequest, ctx: Ctx): Promise<T.GetProductRestEndpointPageResponse> {
  const product = await productFor(ctx, input.PortalProductId, input.ResourceOwnerAccountId);
  return restPageView(requireRestPage(product, input.ProductRestEndpointPageId), ctx);
}

export async function listProductRestEndpointPages(
  input: T.ListProductRestEndpointPagesRequest,
  ctx: Ctx,
): Promise<T.ListProductRestEndpointPagesResponse> {
  const product = await productFor(ctx, input.PortalProductId, input.ResourceOwnerAccountId);
  const page = product.restPages.pageByToken(input.MaxResults, input.NextToken);
  return {
    Items: page.items.map((p) => {
      const { DisplayContent, ...rest } = restPageView(p, ctx);
      return { ...rest, Endpoint: DisplayContent?.Endpoint, OperationName: DisplayContent?.OperationName } as T.ProductRestEndpointPageSummaryNoBody;
    }),
    NextToken: page.nextToken,
  };
}

export function updateProductRestEndpointPage(input: T.UpdateProductRestEndpointPageRequest, ctx: Ctx): T.UpdateProductRestEndpointPageResponse {
  const page = requireRestPage(requireProduct(ctx, input.PortalProductId), input.ProductRestEndpointPageId);
  const displayContent = input.DisplayContent && checkDisplayContent(input.DisplayContent);
  if (displayContent) page.DisplayContent = displayContent;
  if (input.TryItState !== undefined) page.TryItState = input.TryItState;
  page.LastModified = clock.date();
  return restPageView(page, ctx);
}

export function deleteProductRestEndpointPage(input: T.DeleteProductRestEndpointPageRequest, ctx: Ctx): Record<string, never> {
  const product = requireProduct(ctx, input.PortalProductId);
  const page = requireRestPage(product, input.ProductRestEndpointPageId);
  product.restPages.delete(page.ProductRestEndpointPageId);
  for (const section of product.DisplayOrder?.Contents ?? []) {
    section.ProductRestEndpointPageArns = section.ProductRestEndpointPageArns.filter((a) => a !== page.ProductRestEndpointPageArn);
  }
  return {};
}
