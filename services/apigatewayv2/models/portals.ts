/**
 * API Gateway portals (2025): portals that publish portal products, and the
 * products' pages (free documentation) and REST endpoint pages (a path and
 * method of a v1 REST API stage). Plain data kept in the v2 backend; the
 * handlers are responses/portals.ts and responses/portal-products.ts.
 */
import { clock } from '../../../src/core/clock';
import type { Collection } from '../../apigateway/models/collection';
import type * as T from '../types';

/**
 * How long publishing, disabling and previewing take on the core clock (AWS
 * takes minutes to build and deploy the portal site; fake timers move it).
 */
export const PORTAL_BUILD_MS = 1000;

export interface PortalState {
  PortalId: string;
  PortalArn: string;
  Authorization: T.Authorization;
  EndpointConfiguration: T.EndpointConfigurationResponse;
  IncludedPortalProductArns: string[];
  LogoUri?: string;
  PortalContent: T.PortalContent;
  RumAppMonitorName?: string;
  Tags: Record<string, string>;
  LastModified: Date;
  LastPublished?: Date;
  LastPublishedDescription?: string;
  /** The last publish or disable and when it started; the status follows from it on the clock. */
  publication?: { kind: 'publish' | 'disable'; startedAt: number };
  /** The last preview request and when it started. */
  previewStartedAt?: number;
}

export interface ProductPageState {
  ProductPageId: string;
  ProductPageArn: string;
  DisplayContent: T.DisplayContent;
  LastModified: Date;
}

export interface RestEndpointPageState {
  ProductRestEndpointPageId: string;
  ProductRestEndpointPageArn: string;
  RestEndpointIdentifier: T.RestEndpointIdentifier;
  /** What the caller gave (None or Overrides); the answer's DisplayContent is derived from it. */
  DisplayContent: T.EndpointDisplayContent;
  TryItState: string;
  LastModified: Date;
}

export interface PortalProductState {
  PortalProductId: string;
  PortalProductArn: string;
  DisplayName: string;
  Description: string;
  DisplayOrder?: T.DisplayOrder;
  Tags: Record<string, string>;
  LastModified: Date;
  SharingPolicy?: string;
  pages: Collection<ProductPageState>;
  restPages: Collection<RestEndpointPageState>;
}

/** A portal's publish status now: in progress until PORTAL_BUILD_MS has passed, then done. */
export function publishStatus(portal: PortalState): string | undefined {
  const p = portal.publication;
  if (!p) return undefined;
  const done = clock.now() >= p.startedAt + PORTAL_BUILD_MS;
  if (p.kind === 'publish') return done ? 'PUBLISHED' : 'PUBLISH_IN_PROGRESS';
  return done ? 'DISABLED' : 'DISABLE_IN_PROGRESS';
}

/** The preview's status and, once ready, its URL. */
export function previewOf(portal: PortalState, region: string): T.Preview | undefined {
  if (portal.previewStartedAt === undefined) return undefined;
  if (clock.now() < portal.previewStartedAt + PORTAL_BUILD_MS) return { PreviewStatus: 'PREVIEW_IN_PROGRESS' };
  return { PreviewStatus: 'PREVIEW_READY', PreviewUrl: `https://preview-${portal.PortalId}.portal.apigateway.${region}.amazonaws.com` };
}
