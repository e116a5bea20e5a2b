/** The state of one REST API: the model's shapes, with the ids they always have here. */
import type * as T from '../types';
import type { Collection } from './collection';

export type ResourceState = T.Resource & { id: string; path: string; resourceMethods: Record<string, T.Method> };

export interface RestApiState {
  info: T.RestApi & { id: string; rootResourceId: string };
  resources: Collection<ResourceState>;
  deployments: Collection<T.Deployment & { id: string }>;
  /** What each deployment froze: what its stages serve until they are pointed at another deployment. */
  snapshots: Map<string, DeploymentSnapshot>;
  stages: Collection<T.Stage & { stageName: string }>;
  authorizers: Collection<T.Authorizer & { id: string }>;
  validators: Collection<T.RequestValidator & { id: string }>;
  models: Collection<T.Model & { id: string; name: string }>;
  /** Customized gateway responses by type (the defaults are not stored). */
  gatewayResponses: Map<string, T.GatewayResponse>;
  documentationParts: Collection<DocumentationPartState>;
  /** Documentation versions with the parts they froze. */
  documentationVersions: Collection<T.DocumentationVersion & { version: string; parts: DocumentationPartState[] }>;
}

/** Custom domain names live in ./domains.ts (shared by v1 and v2). */
export type { DomainState } from './domains';

export type DocumentationPartState = { id: string; location: T.DocumentationPartLocation; properties: string };

/**
 * What a deployment froze: the resource tree with methods and integrations, and
 * the API's authorizers, validators, models and customized gateway responses.
 */
export interface DeploymentSnapshot {
  resources: ResourceState[];
  authorizers: Map<string, T.Authorizer & { id: string }>;
  validators: Map<string, T.RequestValidator & { id: string }>;
  /** Models by name (the names are what methods and `$ref`s use). */
  models: Map<string, T.Model & { id: string; name: string }>;
  gatewayResponses: Map<string, T.GatewayResponse>;
}
