/** SSM documents: versions, default version, sharing, tags; AWS-owned documents are always there. */
import { createHash } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import { AWS_DOCUMENTS } from './aws-documents';

export interface DocumentParameterSpec {
  type?: string;
  default?: unknown;
  description?: string;
  allowedValues?: string[];
  allowedPattern?: string;
}

export interface DocumentVersion {
  version: string;
  versionName?: string;
  content: string;
  format: string;
  createdAt: number;
  hash: string;
  schemaVersion?: string;
  description?: string;
  parameters: Record<string, DocumentParameterSpec>;
  displayName?: string;
  targetType?: string;
}

export class SsmDocument {
  readonly versions: DocumentVersion[] = [];
  readonly tags = new Map<string, string>();
  /** Accounts the document is shared with ('all' for public). */
  readonly sharedWith = new Set<string>();
  defaultVersion = '1';

  constructor(
    readonly name: string,
    readonly owner: string,
    readonly documentType: string,
    readonly platformTypes: string[],
    readonly createdAt: number,
  ) {}

  get latest(): DocumentVersion {
    return this.versions[this.versions.length - 1];
  }

  find(version?: string, versionName?: string): DocumentVersion | undefined {
    if (versionName !== undefined) {
      const named = this.versions.find((v) => v.versionName === versionName);
      return version === undefined || named?.version === version ? named : undefined;
    }
    if (version === undefined || version === '$DEFAULT') return this.versions.find((v) => v.version === this.defaultVersion);
    if (version === '$LATEST') return this.latest;
    return this.versions.find((v) => v.version === version);
  }
}

/** Parses JSON document content; YAML content is kept as written (its parameters are not read). */
export function readContent(content: string, format: string): { schemaVersion?: string; description?: string; parameters: Record<string, DocumentParameterSpec> } | undefined {
  if (format === 'JSON') {
    try {
      const doc = JSON.parse(content) as Record<string, unknown>;
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
      return {
        schemaVersion: typeof doc.schemaVersion === 'string' ? doc.schemaVersion : undefined,
        description: typeof doc.description === 'string' ? doc.description : undefined,
        parameters: (doc.parameters ?? {}) as Record<string, DocumentParameterSpec>,
      };
    } catch {
      return undefined;
    }
  }
  const schema = /^schemaVersion:\s*['"]?([\d.]+)['"]?\s*$/m.exec(content);
  if (!schema) return undefined;
  const description = /^description:\s*(.+)$/m.exec(content)?.[1]?.replace(/^['"]|['"]$/g, '');
  return { schemaVersion: schema[1], description, parameters: {} };
}

export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export class DocumentStore {
  readonly byName = new Map<string, SsmDocument>();

  constructor(account: string, _region: string) {
    void account;
    for (const d of AWS_DOCUMENTS) {
      const doc = new SsmDocument(d.name, 'Amazon', d.documentType, d.platformTypes, Date.UTC(2018, 0, 1));
      const content = JSON.stringify(d.content, null, 2);
      const parsed = readContent(content, 'JSON');
      doc.versions.push({
        version: '1',
        content,
        format: 'JSON',
        createdAt: doc.createdAt,
        hash: sha256(content),
        schemaVersion: parsed?.schemaVersion,
        description: parsed?.description,
        parameters: parsed?.parameters ?? {},
      });
      this.byName.set(doc.name, doc);
    }
  }

  create(name: string, owner: string, documentType: string, version: Omit<DocumentVersion, 'version' | 'createdAt' | 'hash'>): SsmDocument {
    const now = clock.now();
    const doc = new SsmDocument(name, owner, documentType, platformsOf(version.parameters), now);
    doc.versions.push({ ...version, version: '1', createdAt: now, hash: sha256(version.content) });
    this.byName.set(name, doc);
    return doc;
  }
}

/** Command documents run on Linux, macOS and Windows unless they say otherwise. */
function platformsOf(_parameters: Record<string, DocumentParameterSpec>): string[] {
  return ['Windows', 'Linux', 'MacOS'];
}
