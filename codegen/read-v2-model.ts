/**
 * The aws-sdk v2 model of a service (node_modules/aws-sdk/apis/*.min.json):
 * metadata v3 does not carry (signing name, endpoint prefix, global
 * endpoint) and the operations whose request checksum is required, which v3
 * compiles into an opaque `httpChecksum: "-"` it also puts on response-only
 * checksum operations.
 */
export interface V2Model {
  version: string;
  apiVersion: string;
  signingName: string;
  endpointPrefix: string;
  targetPrefix?: string;
  jsonVersion?: string;
  xmlNamespace?: string;
  protocols: string[];
  globalEndpoint?: string;
  /** Operation name → true when the request must carry a checksum. */
  checksumRequired: Set<string>;
}

interface RawV2 {
  metadata: {
    apiVersion: string;
    signingName?: string;
    endpointPrefix: string;
    targetPrefix?: string;
    jsonVersion?: string;
    xmlNamespace?: string;
    protocol: string;
    protocols?: string[];
    globalEndpoint?: string;
  };
  operations: Record<
    string,
    { httpChecksumRequired?: boolean; httpChecksum?: { requestChecksumRequired?: boolean } }
  >;
}

export function loadV2Model(basename: string): V2Model {
  const raw = require(`aws-sdk/apis/${basename}.min.json`) as RawV2;
  const version = (require('aws-sdk/package.json') as { version: string }).version;
  const md = raw.metadata;
  const checksumRequired = new Set<string>();
  for (const [name, op] of Object.entries(raw.operations)) {
    if (op.httpChecksumRequired || op.httpChecksum?.requestChecksumRequired) checksumRequired.add(name);
  }
  return {
    version,
    apiVersion: md.apiVersion,
    signingName: md.signingName ?? md.endpointPrefix,
    endpointPrefix: md.endpointPrefix,
    targetPrefix: md.targetPrefix,
    jsonVersion: md.jsonVersion,
    xmlNamespace: md.xmlNamespace,
    protocols: md.protocols ?? [md.protocol],
    globalEndpoint: md.globalEndpoint,
    checksumRequired,
  };
}
