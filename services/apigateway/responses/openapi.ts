/** ImportRestApi, PutRestApi and GetExport: REST APIs from and to OpenAPI 3.0 / Swagger 2.0 documents. */
import { badRequest, notFound } from '../exceptions';
import { applyPlan } from '../models/openapi-apply';
import { type ImportPlan, parseDocument, readDocument } from '../models/openapi-read';
import { exportDocument } from '../models/openapi-write';
import { toYaml } from '../models/yaml';
import type * as T from '../types';
import { type Ctx, out, userMap } from './common';
import { createRestApi } from './restapis';

/** The plan of a document, refused whole when it has warnings and `failOnWarnings` is set. */
function plan(body: Uint8Array, parameters: Record<string, string> | undefined, failOnWarnings: boolean | undefined): ImportPlan {
  const read = readDocument(parseDocument(body), userMap(parameters));
  if (failOnWarnings && read.warnings.length) throw badRequest(`Warnings found during import:\n\t${read.warnings.join('\n\t')}`);
  return read;
}

function withWarnings(info: T.RestApi, warnings: string[]): T.RestApi {
  return warnings.length ? { ...info, warnings } : info;
}

export function importRestApi(input: T.ImportRestApiRequest, ctx: Ctx): T.RestApi {
  const read = plan(input.body, input.parameters, input.failOnWarnings);
  if (!read.settings.name) throw badRequest('Errors found during import:\n\tUnable to create a RestApi without a name: the document has no info.title');
  const created = createRestApi({ name: read.settings.name }, ctx);
  const api = ctx.backend.requireRestApi(created.id as string);
  applyPlan(api, read, 'overwrite');
  return withWarnings(out(api.info), read.warnings);
}

export function putRestApi(input: T.PutRestApiRequest, ctx: Ctx): T.RestApi {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const mode = input.mode ?? 'merge';
  if (mode !== 'merge' && mode !== 'overwrite') throw badRequest(`Invalid mode: ${mode}. Valid values are merge, overwrite`);
  const read = plan(input.body, input.parameters, input.failOnWarnings);
  applyPlan(api, read, mode);
  return withWarnings(out(api.info), read.warnings);
}

const EXTENSIONS: Record<string, { integrations: boolean; authorizers: boolean }> = {
  integrations: { integrations: true, authorizers: false },
  authorizers: { integrations: false, authorizers: true },
  apigateway: { integrations: true, authorizers: true },
};

export function getExport(input: T.GetExportRequest, ctx: Ctx): T.ExportResponse {
  const api = ctx.backend.requireRestApi(input.restApiId);
  if (input.exportType !== 'oas30' && input.exportType !== 'swagger') throw badRequest(`Invalid export type: ${input.exportType}. Valid values are oas30, swagger`);
  if (!api.stages.get(input.stageName)) throw notFound('Invalid Stage identifier specified');
  const deployed = ctx.backend.deployed(api, input.stageName);
  if (!deployed) throw notFound('Invalid Stage identifier specified');
  const wanted = (userMap(input.parameters).extensions ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const options = { integrations: false, authorizers: false };
  for (const e of wanted) {
    const ext = EXTENSIONS[e];
    if (!ext) throw badRequest(`Unsupported export extension: ${e} (mockaws exports integrations, authorizers and apigateway; not postman)`);
    options.integrations ||= ext.integrations;
    options.authorizers ||= ext.authorizers;
  }
  const accepts = (input.accepts ?? 'application/json').split(',')[0].trim();
  if (accepts !== 'application/json' && accepts !== 'application/yaml') throw badRequest(`Unsupported Accept type: ${accepts}. Valid values are application/json, application/yaml`);
  const doc = exportDocument(api, deployed.stage, deployed.snapshot, { exportType: input.exportType, ...options, region: ctx.backend.region });
  const yaml = accepts === 'application/yaml';
  const text = yaml ? toYaml(doc) : JSON.stringify(doc, null, 2);
  const file = `${api.info.name ?? api.info.id}-${input.stageName}-${input.exportType}.${yaml ? 'yaml' : 'json'}`;
  return { contentType: accepts, contentDisposition: `attachment; filename="${file}"`, body: Buffer.from(text) };
}
