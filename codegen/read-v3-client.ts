/**
 * Loads one `@aws-sdk/client-*` package: its exported static schemas, its
 * version, the folder of its .d.ts files, and the protocol facts its client
 * is configured with (`config.protocol`, `config.protocolSettings`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProtocolName } from '../src/core/spec';

export interface V3Client {
  pkg: string;
  version: string;
  /** Package root (holds dist-types/). */
  dir: string;
  /** Every export of the package (schemas are the `Xxx$` ones). */
  exports: Record<string, unknown>;
  protocol: ProtocolName;
  jsonVersion?: '1.0' | '1.1';
  defaultNamespace: string;
  serviceTarget: string;
  apiVersion: string;
  xmlNamespace?: string;
  queryCompatible: boolean;
  /** Operations whose commands add the flexible-checksum plugin with `requestChecksumRequired: true`. */
  checksumRequired: Set<string>;
}

const PROTOCOLS: Record<string, { name: ProtocolName; jsonVersion?: '1.0' | '1.1' }> = {
  AwsJson1_0Protocol: { name: 'json', jsonVersion: '1.0' },
  AwsJson1_1Protocol: { name: 'json', jsonVersion: '1.1' },
  AwsQueryProtocol: { name: 'query' },
  AwsEc2QueryProtocol: { name: 'ec2' },
  AwsRestJsonProtocol: { name: 'rest-json' },
  AwsRestXmlProtocol: { name: 'rest-xml' },
  S3RestXmlProtocol: { name: 'rest-xml' },
  AwsSmithyRpcV2CborProtocol: { name: 'rpc-v2-cbor' },
};

interface ProtocolSettings {
  defaultNamespace: string;
  version: string;
  serviceTarget: string;
  xmlNamespace?: string;
  awsQueryCompatible?: boolean;
}

export function loadV3Client(pkg: string): V3Client {
  const exports = require(pkg) as Record<string, unknown>;
  const manifest = require(`${pkg}/package.json`) as { version: string };
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const clientName = Object.keys(exports).find(
    (k) => k.endsWith('Client') && k !== '__Client' && typeof exports[k] === 'function',
  );
  if (!clientName) throw new Error(`${pkg}: no client class exported`);
  const Client = exports[clientName] as new (cfg: object) => {
    config: { protocol: object; protocolSettings: ProtocolSettings };
    destroy(): void;
  };
  const client = new Client({ region: 'us-east-1' });
  const className = client.config.protocol.constructor.name;
  const settings = client.config.protocolSettings;
  client.destroy();
  const protocol = PROTOCOLS[className];
  if (!protocol) throw new Error(`${pkg}: unknown protocol class ${className}`);
  return {
    pkg,
    version: manifest.version,
    dir,
    exports,
    protocol: protocol.name,
    jsonVersion: protocol.jsonVersion,
    defaultNamespace: settings.defaultNamespace,
    serviceTarget: settings.serviceTarget,
    apiVersion: settings.version,
    xmlNamespace: settings.xmlNamespace,
    queryCompatible: settings.awsQueryCompatible === true,
    checksumRequired: checksumRequiredOps(dir),
  };
}

/**
 * The schemas mark every flexible-checksum operation alike (`httpChecksum: "-"`,
 * GetObject included); only the command's middleware list says whether the
 * request checksum is required:
 *   const _mw3 = (Command, cs, config, o) => [getFlexibleChecksumsPlugin(config, { …requestChecksumRequired: true }) …];
 *   class PutBucketTaggingCommand extends command(_ep3, _mw3, "PutBucketTagging", PutBucketTagging$) {}
 * Nothing found (another bundle layout) yields an empty set; the v2 model still answers.
 */
function checksumRequiredOps(dir: string): Set<string> {
  const code = readFileSync(join(dir, 'dist-cjs', 'index.js'), 'utf8');
  const required = new Set<string>();
  for (const m of code.matchAll(/const (_mw\d+) = \(Command, cs, config, o\) => \[/g)) {
    // The list ends at the first `];` (inner arrays close with `],`).
    const end = code.indexOf('];', m.index);
    if (/requestChecksumRequired: true/.test(code.slice(m.index, end))) required.add(m[1]);
  }
  const ops = new Set<string>();
  for (const m of code.matchAll(/command\(\w+, (_mw\d+), "(\w+)"/g)) {
    if (required.has(m[1])) ops.add(m[2]);
  }
  return ops;
}
