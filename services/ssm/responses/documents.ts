/** SSM documents: create, versions, default version, describe, list, share, delete. */
import { clock } from '../../../src/core/clock';
import { ssmError, validation } from '../exceptions';
import { readContent, type SsmDocument, sha256 } from '../models/documents';
import type * as T from '../types';
import { type Ctx, pageByOffset } from './common';

function missing() {
  return ssmError('InvalidDocument', 'The specified document does not exist.');
}

export function documentOf(ctx: Ctx, name: string): SsmDocument {
  const doc = ctx.backend.documents.byName.get(name);
  if (!doc) throw missing();
  return doc;
}

function checkName(name: string): void {
  if (/^(aws|amazon|amzn)/i.test(name)) {
    throw validation('Document name cannot start with "aws", "amazon", or "amzn" (case-insensitive).');
  }
  if (!/^[a-zA-Z0-9_\-.]{3,128}$/.test(name)) throw validation(`Document name ${name} is not valid.`);
}

function parseOrThrow(content: string, format: string) {
  const parsed = readContent(content, format);
  if (!parsed) throw ssmError('InvalidDocumentContent', 'The content for the document is not valid.');
  if (!parsed.schemaVersion) throw ssmError('InvalidDocumentSchemaVersion', 'The schemaVersion of the document is missing or not supported.');
  return parsed;
}

function describe(doc: SsmDocument, version = doc.find()) {
  const v = version ?? doc.latest;
  return {
    Sha1: undefined,
    Hash: v.hash,
    HashType: 'Sha256',
    Name: doc.name,
    DisplayName: v.displayName,
    VersionName: v.versionName,
    Owner: doc.owner,
    CreatedDate: new Date(v.createdAt),
    Status: 'Active',
    DocumentVersion: v.version,
    Description: v.description,
    Parameters: Object.entries(v.parameters).map(([Name, p]) => ({
      Name,
      Type: p.type,
      Description: p.description,
      DefaultValue: p.default === undefined ? undefined : Array.isArray(p.default) ? JSON.stringify(p.default) : String(p.default),
    })),
    PlatformTypes: doc.platformTypes,
    DocumentType: doc.documentType,
    SchemaVersion: v.schemaVersion,
    LatestVersion: doc.latest.version,
    DefaultVersion: doc.defaultVersion,
    DocumentFormat: v.format,
    TargetType: v.targetType,
    Tags: doc.tags.size ? [...doc.tags].map(([Key, Value]) => ({ Key, Value })) : [],
  };
}

export function createDocument(input: T.CreateDocumentRequest, ctx: Ctx) {
  checkName(input.Name);
  if (ctx.backend.documents.byName.has(input.Name)) {
    throw ssmError('DocumentAlreadyExists', 'Document with same name already exists.');
  }
  const format = input.DocumentFormat ?? 'JSON';
  const parsed = parseOrThrow(input.Content, format);
  const doc = ctx.backend.documents.create(input.Name, ctx.account, input.DocumentType ?? 'Command', {
    versionName: input.VersionName,
    content: input.Content,
    format,
    schemaVersion: parsed.schemaVersion,
    description: parsed.description,
    parameters: parsed.parameters,
    displayName: input.DisplayName,
    targetType: input.TargetType,
  });
  for (const t of input.Tags ?? []) doc.tags.set(t.Key, t.Value);
  return { DocumentDescription: describe(doc) };
}

export function updateDocument(input: T.UpdateDocumentRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  if (doc.owner === 'Amazon') throw ssmError('InvalidDocumentOperation', 'You can only update documents you own.');
  const requested = input.DocumentVersion;
  if (requested !== undefined && requested !== '$LATEST' && requested !== doc.latest.version) {
    throw ssmError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
  }
  const format = input.DocumentFormat ?? doc.latest.format;
  const parsed = parseOrThrow(input.Content, format);
  if (doc.versions.some((v) => v.hash === sha256(input.Content))) {
    throw ssmError('DuplicateDocumentContent', 'The content of the association document matches another document. Change the content of the document and try again.');
  }
  if (input.VersionName !== undefined && doc.versions.some((v) => v.versionName === input.VersionName)) {
    throw ssmError('DuplicateDocumentVersionName', 'The specified version name is a duplicate.');
  }
  if (doc.versions.length >= 1000) throw ssmError('DocumentVersionLimitExceeded', 'The document has too many versions.');
  const version = String(Number(doc.latest.version) + 1);
  doc.versions.push({
    version,
    versionName: input.VersionName,
    content: input.Content,
    format,
    createdAt: clock.now(),
    hash: sha256(input.Content),
    schemaVersion: parsed.schemaVersion,
    description: parsed.description,
    parameters: parsed.parameters,
    displayName: input.DisplayName ?? doc.latest.displayName,
    targetType: input.TargetType ?? doc.latest.targetType,
  });
  return { DocumentDescription: describe(doc, doc.latest) };
}

export function updateDocumentDefaultVersion(input: T.UpdateDocumentDefaultVersionRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  const v = doc.find(input.DocumentVersion);
  if (!v) throw ssmError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
  doc.defaultVersion = v.version;
  return { Description: { Name: doc.name, DefaultVersion: v.version, DefaultVersionName: v.versionName } };
}

export function describeDocument(input: T.DescribeDocumentRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  const v = doc.find(input.DocumentVersion, input.VersionName);
  if (!v) throw ssmError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
  return { Document: describe(doc, v) };
}

export function getDocument(input: T.GetDocumentRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  const v = doc.find(input.DocumentVersion, input.VersionName);
  if (!v) throw ssmError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
  const format = input.DocumentFormat ?? v.format;
  if (format !== v.format && !(format === 'JSON' && v.format === 'JSON')) {
    throw ssmError('InvalidDocumentOperation', `mockaws does not convert documents from ${v.format} to ${format}.`);
  }
  return {
    Name: doc.name,
    CreatedDate: new Date(v.createdAt),
    DisplayName: v.displayName,
    VersionName: v.versionName,
    DocumentVersion: v.version,
    Status: 'Active',
    Content: v.content,
    DocumentType: doc.documentType,
    DocumentFormat: v.format,
  };
}

export function listDocumentVersions(input: T.ListDocumentVersionsRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  const { items, NextToken } = pageByOffset(doc.versions, input.NextToken, input.MaxResults ?? 50);
  return {
    DocumentVersions: items.map((v) => ({
      Name: doc.name,
      DisplayName: v.displayName,
      DocumentVersion: v.version,
      VersionName: v.versionName,
      CreatedDate: new Date(v.createdAt),
      IsDefaultVersion: v.version === doc.defaultVersion,
      DocumentFormat: v.format,
      Status: 'Active',
    })),
    NextToken,
  };
}

function listMatches(doc: SsmDocument, account: string, filters: T.ListDocumentsRequest['Filters']): boolean {
  return (filters ?? []).every((f) => {
    const values = f.Values ?? [];
    switch (f.Key) {
      case 'Owner':
        return values.some((v) =>
          v === 'Self' || v === 'Private' ? doc.owner === account : v === 'Amazon' ? doc.owner === 'Amazon' : v === 'All' || v === 'Public',
        );
      case 'Name':
        return values.some((v) => doc.name.startsWith(v));
      case 'DocumentType':
        return values.includes(doc.documentType);
      case 'PlatformTypes':
        return values.some((v) => doc.platformTypes.includes(v));
      case 'SearchKeyword':
        return values.some((v) => doc.name.toLowerCase().includes(v.toLowerCase()));
      default:
        if (f.Key?.startsWith('tag:')) {
          const tag = doc.tags.get(f.Key.slice(4));
          return tag !== undefined && (values.length === 0 || values.includes(tag));
        }
        throw ssmError('InvalidFilterKey', '');
    }
  });
}

export function listDocuments(input: T.ListDocumentsRequest, ctx: Ctx) {
  if (input.DocumentFilterList && input.Filters) {
    throw validation('You can use either DocumentFilterList or Filters in a single request.');
  }
  const filters = input.Filters ?? (input.DocumentFilterList ?? []).map((f) => ({ Key: f.key, Values: [f.value] }));
  const docs = [...ctx.backend.documents.byName.values()].filter((d) => listMatches(d, ctx.account, filters));
  const { items, NextToken } = pageByOffset(docs, input.NextToken, input.MaxResults ?? 50);
  return {
    DocumentIdentifiers: items.map((d) => {
      const v = d.find() ?? d.latest;
      return {
        Name: d.name,
        CreatedDate: new Date(d.createdAt),
        DisplayName: v.displayName,
        Owner: d.owner,
        VersionName: v.versionName,
        PlatformTypes: d.platformTypes,
        DocumentVersion: v.version,
        DocumentType: d.documentType,
        SchemaVersion: v.schemaVersion,
        DocumentFormat: v.format,
        TargetType: v.targetType,
        Tags: [...d.tags].map(([Key, Value]) => ({ Key, Value })),
      };
    }),
    NextToken,
  };
}

export function deleteDocument(input: T.DeleteDocumentRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  if (doc.owner === 'Amazon') throw ssmError('InvalidDocumentOperation', 'You can only delete documents you own.');
  if (input.DocumentVersion === undefined && input.VersionName === undefined) {
    ctx.backend.documents.byName.delete(doc.name);
    return {};
  }
  const v = doc.find(input.DocumentVersion, input.VersionName);
  if (!v) throw ssmError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
  if (v.version === doc.defaultVersion) {
    throw ssmError('InvalidDocumentOperation', 'Default version of the document can\'t be deleted.');
  }
  doc.versions.splice(doc.versions.indexOf(v), 1);
  return {};
}

export function modifyDocumentPermission(input: T.ModifyDocumentPermissionRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  if (doc.owner !== ctx.account) throw ssmError('InvalidDocumentOperation', 'You can only share documents you own.');
  if (input.PermissionType !== 'Share') throw ssmError('InvalidPermissionType', 'The permission type is not supported. Share is the only supported permission type.');
  for (const id of [...(input.AccountIdsToAdd ?? []), ...(input.AccountIdsToRemove ?? [])]) {
    if (id !== 'all' && id !== 'All' && !/^\d{12}$/.test(id)) throw validation(`Account ID ${id} is not valid.`);
  }
  for (const id of input.AccountIdsToAdd ?? []) doc.sharedWith.add(id.toLowerCase() === 'all' ? 'all' : id);
  for (const id of input.AccountIdsToRemove ?? []) doc.sharedWith.delete(id.toLowerCase() === 'all' ? 'all' : id);
  if (doc.sharedWith.size > 1000) throw ssmError('DocumentPermissionLimit', 'The document cannot be shared with more accounts.');
  return {};
}

export function describeDocumentPermission(input: T.DescribeDocumentPermissionRequest, ctx: Ctx) {
  const doc = documentOf(ctx, input.Name);
  const ids = [...doc.sharedWith];
  return {
    AccountIds: ids,
    AccountSharingInfoList: ids.map((AccountId) => ({ AccountId, SharedDocumentVersion: doc.defaultVersion })),
  };
}
