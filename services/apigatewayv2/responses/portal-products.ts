/**
 * Portal products (create, read, update with their pages' display order,
 * delete, list) and their sharing policies (a resource policy document for
 * sharing the product with other accounts, parsed and validated as IAM does).
 */
import { clock } from '../../../src/core/clock';
import { PolicyDocumentError, parsePolicy } from '../../../src/core/policy/document';
import { Collection } from '../../apigateway/models/collection';
import { badRequest, notFound } from '../exceptions';
import { type ApiGatewayV2Backend, gatewayId } from '../models/backend';
import type { PortalProductState } from '../models/portals';
import type * as T from '../types';
import { type Ctx, out } from './common';
import { tagMap } from './tags';

export function requireProduct(ctx: Ctx, id: string): PortalProductState {
  return ctx.backend.portalProducts.require(id, () => notFound(`Portal product not found: ${id}`, 'PortalProduct'));
}

/**
 * Whether the product's sharing policy lets `account` use it: an Allow statement whose
 * principal is `*`, the account id or the account's root ARN (the share RAM makes).
 */
export function sharedWith(product: PortalProductState, account: string): boolean {
  if (product.SharingPolicy === undefined) return false;
  const names = new Set([account, `arn:aws:iam::${account}:root`, '*']);
  return parsePolicy(product.SharingPolicy, 'resource').statements.some(
    (st) => st.effect === 'Allow' && st.principal !== undefined && (st.principal === '*' || (st.principal.AWS ?? []).some((p) => names.has(p))),
  );
}

/**
 * A product to read: the caller's own, or (ResourceOwnerAccountId naming another account)
 * that account's product in the same region when its sharing policy shares it with the caller.
 */
export async function productFor(ctx: Ctx, id: string, owner: string | undefined): Promise<PortalProductState> {
  if (owner === undefined || owner === ctx.account) return requireProduct(ctx, id);
  if (!/^\d{12}$/.test(owner)) throw badRequest(`Invalid resource owner account id: ${owner}`);
  const other = await ctx.backends.get<ApiGatewayV2Backend>('apigatewayv2', owner, ctx.region);
  const product = other.portalProducts.get(id);
  if (!product || !sharedWith(product, ctx.account)) throw notFound(`Portal product not found: ${id}`, 'PortalProduct');
  return product;
}

function view(product: PortalProductState): T.GetPortalProductResponse & T.PortalProductSummary {
  const { pages, restPages, SharingPolicy, ...rest } = product;
  return out(rest);
}

export function createPortalProduct(input: T.CreatePortalProductRequest, ctx: Ctx): T.CreatePortalProductResponse {
  const id = gatewayId(10);
  const product: PortalProductState = {
    PortalProductId: id,
    PortalProductArn: ctx.backend.portalArn(`portalproducts/${id}`),
    DisplayName: input.DisplayName,
    Description: input.Description ?? '',
    Tags: tagMap(input.Tags),
    LastModified: clock.date(),
    pages: new Collection(),
    restPages: new Collection(),
  };
  ctx.backend.portalProducts.set(id, product);
  return view(product);
}

export async function getPortalProduct(input: T.GetPortalProductRequest, ctx: Ctx): Promise<T.GetPortalProductResponse> {
  return view(await productFor(ctx, input.PortalProductId, input.ResourceOwnerAccountId));
}

export function listPortalProducts(input: T.ListPortalProductsRequest, ctx: Ctx): T.ListPortalProductsResponse {
  const page = ctx.backend.portalProducts.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(view), NextToken: page.nextToken };
}

/** The display order may name only this product's pages: product pages (overview included) and REST endpoint pages. */
function checkDisplayOrder(order: T.DisplayOrder, product: PortalProductState): T.DisplayOrder {
  const pageArns = new Set([...product.pages.values()].map((p) => p.ProductPageArn));
  const restArns = new Set([...product.restPages.values()].map((p) => p.ProductRestEndpointPageArn));
  for (const arn of [...(order.ProductPageArns ?? []), ...(order.OverviewPageArn ? [order.OverviewPageArn] : [])]) {
    if (!pageArns.has(arn)) throw badRequest(`Invalid product page ARN: ${arn}`);
  }
  for (const section of order.Contents ?? []) {
    if (!section.SectionName) throw badRequest('A section must have a name');
    for (const arn of section.ProductRestEndpointPageArns) if (!restArns.has(arn)) throw badRequest(`Invalid product REST endpoint page ARN: ${arn}`);
  }
  return out(order);
}

export function updatePortalProduct(input: T.UpdatePortalProductRequest, ctx: Ctx): T.UpdatePortalProductResponse {
  const product = requireProduct(ctx, input.PortalProductId);
  const order = input.DisplayOrder && checkDisplayOrder(input.DisplayOrder, product);
  if (order) product.DisplayOrder = order;
  if (input.DisplayName !== undefined) product.DisplayName = input.DisplayName;
  if (input.Description !== undefined) product.Description = input.Description;
  product.LastModified = clock.date();
  return view(product);
}

export function deletePortalProduct(input: T.DeletePortalProductRequest, ctx: Ctx): Record<string, never> {
  requireProduct(ctx, input.PortalProductId);
  ctx.backend.portalProducts.delete(input.PortalProductId);
  return {};
}

export function putPortalProductSharingPolicy(input: T.PutPortalProductSharingPolicyRequest, ctx: Ctx): T.PutPortalProductSharingPolicyResponse {
  const product = requireProduct(ctx, input.PortalProductId);
  try {
    parsePolicy(input.PolicyDocument, 'resource');
  } catch (e) {
    if (e instanceof PolicyDocumentError) throw badRequest(`Invalid policy document: ${e.reason}`);
    throw e;
  }
  product.SharingPolicy = input.PolicyDocument;
  return {};
}

export function getPortalProductSharingPolicy(input: T.GetPortalProductSharingPolicyRequest, ctx: Ctx): T.GetPortalProductSharingPolicyResponse {
  const product = requireProduct(ctx, input.PortalProductId);
  if (product.SharingPolicy === undefined) throw notFound(`Sharing policy not found for portal product ${product.PortalProductId}`, 'PortalProductSharingPolicy');
  return { PolicyDocument: product.SharingPolicy, PortalProductId: product.PortalProductId };
}

export function deletePortalProductSharingPolicy(input: T.DeletePortalProductSharingPolicyRequest, ctx: Ctx): Record<string, never> {
  const product = requireProduct(ctx, input.PortalProductId);
  if (product.SharingPolicy === undefined) throw notFound(`Sharing policy not found for portal product ${product.PortalProductId}`, 'PortalProductSharingPolicy');
  product.SharingPolicy = undefined;
  return {};
}
