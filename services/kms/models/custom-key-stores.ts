/**
 * Custom key stores. The fake has no CloudHSM cluster and reaches no external
 * key store proxy, so a CloudHSM store cannot be created (its cluster is not
 * found) and connecting an external key store fails with
 * XKS_PROXY_NOT_REACHABLE, which is what AWS reports for a proxy it cannot reach.
 */
import { randomBytes } from 'node:crypto';
import { clock } from '../../../src/core/clock';

export interface CustomKeyStore {
  id: string;
  name: string;
  type: 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
  connectionState: 'CONNECTED' | 'CONNECTING' | 'DISCONNECTED' | 'DISCONNECTING' | 'FAILED';
  connectionErrorCode?: string;
  createdAt: number;
  xks?: {
    Connectivity?: string;
    AccessKeyId?: string;
    UriEndpoint?: string;
    UriPath?: string;
    VpcEndpointServiceName?: string;
    VpcEndpointServiceOwner?: string;
  };
}

export class CustomKeyStores {
  readonly byId = new Map<string, CustomKeyStore>();

  create(fields: Omit<CustomKeyStore, 'id' | 'createdAt' | 'connectionState'>): CustomKeyStore {
    const store: CustomKeyStore = {
      ...fields,
      id: `cks-${randomBytes(8).toString('hex')}`,
      createdAt: clock.now(),
      connectionState: 'DISCONNECTED',
    };
    this.byId.set(store.id, store);
    return store;
  }

  byName(name: string): CustomKeyStore | undefined {
    for (const s of this.byId.values()) if (s.name === name) return s;
    return undefined;
  }

  describe(store: CustomKeyStore): Record<string, unknown> {
    return {
      CustomKeyStoreId: store.id,
      CustomKeyStoreName: store.name,
      CustomKeyStoreType: store.type,
      ConnectionState: store.connectionState,
      ConnectionErrorCode: store.connectionErrorCode,
      CreationDate: new Date(store.createdAt),
      XksProxyConfiguration: store.xks,
    };
  }
}
