/** Custom key stores: their lifecycle. See models/custom-key-stores.ts for what connecting can do here. */
import { kmsError, validationException } from '../exceptions';
import type { CustomKeyStore } from '../models/custom-key-stores';
import type * as T from '../types';
import { type Ctx, page } from './common';

function storeOf(ctx: Ctx, id: string): CustomKeyStore {
  const store = ctx.backend.customKeyStores.byId.get(id);
  if (!store) throw kmsError('CustomKeyStoreNotFoundException', `Custom key store ${id} does not exist.`);
  return store;
}

function cloudHsmClusterNotFound(clusterId: string | undefined) {
  return kmsError('CloudHsmClusterNotFoundException', `CloudHSM cluster ${clusterId ?? ''} not found.`);
}

export function createCustomKeyStore(input: T.CreateCustomKeyStoreRequest, ctx: Ctx) {
  const type = input.CustomKeyStoreType ?? 'AWS_CLOUDHSM';
  if (ctx.backend.customKeyStores.byName(input.CustomKeyStoreName)) {
    throw kmsError('CustomKeyStoreNameInUseException', `Custom key store name ${input.CustomKeyStoreName} is already in use.`);
  }
  if (type === 'AWS_CLOUDHSM') {
    if (!input.CloudHsmClusterId || !input.TrustAnchorCertificate || !input.KeyStorePassword) {
      throw validationException('CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword are required for an AWS_CLOUDHSM key store.');
    }
    // mockaws emulates no CloudHSM, so no cluster exists to back the store.
    throw cloudHsmClusterNotFound(input.CloudHsmClusterId);
  }
  const connectivity = input.XksProxyConnectivity;
  if (!input.XksProxyUriEndpoint || !input.XksProxyUriPath || !input.XksProxyAuthenticationCredential || !connectivity) {
    throw validationException(
      'XksProxyUriEndpoint, XksProxyUriPath, XksProxyAuthenticationCredential and XksProxyConnectivity are required for an EXTERNAL_KEY_STORE key store.',
    );
  }
  if (connectivity === 'VPC_ENDPOINT_SERVICE' && !input.XksProxyVpcEndpointServiceName) {
    throw validationException('XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is VPC_ENDPOINT_SERVICE.');
  }
  for (const s of ctx.backend.customKeyStores.byId.values()) {
    if (s.xks?.UriEndpoint === input.XksProxyUriEndpoint && s.xks?.UriPath === input.XksProxyUriPath) {
      throw kmsError('XksProxyUriInUseException', 'The XksProxyUriEndpoint and XksProxyUriPath are already used by another external key store.');
    }
  }
  const store = ctx.backend.customKeyStores.create({
    name: input.CustomKeyStoreName,
    type: 'EXTERNAL_KEY_STORE',
    xks: {
      Connectivity: connectivity,
      AccessKeyId: input.XksProxyAuthenticationCredential.AccessKeyId,
      UriEndpoint: input.XksProxyUriEndpoint,
      UriPath: input.XksProxyUriPath,
      VpcEndpointServiceName: input.XksProxyVpcEndpointServiceName,
      VpcEndpointServiceOwner: input.XksProxyVpcEndpointServiceOwner,
    },
  });
  return { CustomKeyStoreId: store.id };
}

export function describeCustomKeyStores(input: T.DescribeCustomKeyStoresRequest, ctx: Ctx) {
  const stores = ctx.backend.customKeyStores;
  if (input.CustomKeyStoreId && input.CustomKeyStoreName) {
    throw validationException('Specify CustomKeyStoreId or CustomKeyStoreName, not both.');
  }
  let list = [...stores.byId.values()];
  if (input.CustomKeyStoreId) list = [storeOf(ctx, input.CustomKeyStoreId)];
  if (input.CustomKeyStoreName) {
    const store = stores.byName(input.CustomKeyStoreName);
    if (!store) throw kmsError('CustomKeyStoreNotFoundException', `Custom key store ${input.CustomKeyStoreName} does not exist.`);
    list = [store];
  }
  const { items, ...rest } = page(list, input.Limit, input.Marker, 100);
  return { CustomKeyStores: items.map((s) => stores.describe(s)), ...rest };
}

export function updateCustomKeyStore(input: T.UpdateCustomKeyStoreRequest, ctx: Ctx) {
  const store = storeOf(ctx, input.CustomKeyStoreId);
  if (store.connectionState !== 'DISCONNECTED' && store.connectionState !== 'FAILED') {
    throw kmsError('CustomKeyStoreInvalidStateException', `Custom key store ${store.id} must be disconnected to be updated.`);
  }
  if (input.NewCustomKeyStoreName) {
    const other = ctx.backend.customKeyStores.byName(input.NewCustomKeyStoreName);
    if (other && other !== store) {
      throw kmsError('CustomKeyStoreNameInUseException', `Custom key store name ${input.NewCustomKeyStoreName} is already in use.`);
    }
    store.name = input.NewCustomKeyStoreName;
  }
  if (store.xks) {
    store.xks.UriEndpoint = input.XksProxyUriEndpoint ?? store.xks.UriEndpoint;
    store.xks.UriPath = input.XksProxyUriPath ?? store.xks.UriPath;
    store.xks.Connectivity = input.XksProxyConnectivity ?? store.xks.Connectivity;
    store.xks.VpcEndpointServiceName = input.XksProxyVpcEndpointServiceName ?? store.xks.VpcEndpointServiceName;
    store.xks.VpcEndpointServiceOwner = input.XksProxyVpcEndpointServiceOwner ?? store.xks.VpcEndpointServiceOwner;
    store.xks.AccessKeyId = input.XksProxyAuthenticationCredential?.AccessKeyId ?? store.xks.AccessKeyId;
  }
  return {};
}

export function connectCustomKeyStore(input: T.ConnectCustomKeyStoreRequest, ctx: Ctx) {
  const store = storeOf(ctx, input.CustomKeyStoreId);
  if (store.connectionState === 'CONNECTED') return {};
  // The proxy endpoint is never reachable from the fake: the attempt fails as AWS records it.
  store.connectionState = 'FAILED';
  store.connectionErrorCode = 'XKS_PROXY_NOT_REACHABLE';
  return {};
}

export function disconnectCustomKeyStore(input: T.DisconnectCustomKeyStoreRequest, ctx: Ctx) {
  const store = storeOf(ctx, input.CustomKeyStoreId);
  store.connectionState = 'DISCONNECTED';
  store.connectionErrorCode = undefined;
  return {};
}

export function deleteCustomKeyStore(input: T.DeleteCustomKeyStoreRequest, ctx: Ctx) {
  const store = storeOf(ctx, input.CustomKeyStoreId);
  if (store.connectionState !== 'DISCONNECTED' && store.connectionState !== 'FAILED') {
    throw kmsError('CustomKeyStoreInvalidStateException', `Custom key store ${store.id} must be disconnected to be deleted.`);
  }
  for (const key of ctx.backend.keys.values()) {
    if (key.customKeyStoreId === store.id) {
      throw kmsError('CustomKeyStoreHasCMKsException', `Custom key store ${store.id} still has KMS keys.`);
    }
  }
  ctx.backend.customKeyStores.byId.delete(store.id);
  return {};
}
