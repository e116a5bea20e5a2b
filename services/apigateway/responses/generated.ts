/** What API Gateway generates for a REST API: GetModelTemplate, GetSdkTypes, GetSdkType, GetSdk. */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { badRequest, notFound } from '../exceptions';
import { schemaObject } from '../models/json-schema';
import { modelTemplate } from '../models/model-template';
import { javascriptSdk } from '../models/sdk-javascript';
import { SDK_TYPES } from '../models/sdk-types';
import type * as T from '../types';
import { requireModel } from './authorizers';
import { type Ctx, out, userMap } from './common';

export function getModelTemplate(input: T.GetModelTemplateRequest, ctx: Ctx): T.Template {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const model = requireModel(ctx, input.restApiId, input.modelName);
  const schema = schemaObject(model.schema);
  if (!schema) throw badRequest('Invalid model schema: the template is generated from a JSON schema');
  return { value: modelTemplate(schema, (name) => schemaObject(api.models.get(name)?.schema)) };
}

export function getSdkTypes(_input: T.GetSdkTypesRequest, _ctx: Ctx): T.SdkTypes {
  return { items: SDK_TYPES.map(out) };
}

export function getSdkType(input: T.GetSdkTypeRequest, _ctx: Ctx): T.SdkType {
  const type = SDK_TYPES.find((t) => t.id === input.id);
  if (!type) throw notFound('Invalid SDK type specified');
  return out(type);
}

/** GetSdk: the javascript client of a deployed stage; the SDK types mockaws does not generate answer NotImplemented. */
export function getSdk(input: T.GetSdkRequest, ctx: Ctx): T.SdkResponse {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const deployed = ctx.backend.deployed(api, input.stageName);
  if (!deployed) throw notFound('Invalid Stage identifier specified');
  const type = SDK_TYPES.find((t) => t.id === input.sdkType);
  if (!type) throw notFound('Invalid SDK type specified');
  const parameters = userMap(input.parameters);
  const missing = (type.configurationProperties ?? []).filter((p) => p.required && !parameters[p.name as string]).map((p) => p.name);
  if (missing.length) throw badRequest(`Missing required SDK configuration properties: ${missing.join(', ')}`);
  if (type.id !== 'javascript') {
    throw new AwsError('NotImplemented', `mockaws generates the javascript SDK only; ${type.id} is not generated`, { status: 501, senderFault: false });
  }
  const invokeUrl = `https://${api.info.id}.execute-api.${ctx.backend.region}.amazonaws.com/${input.stageName}`;
  const stamp = clock.date().toISOString().slice(0, 16).replace('T', '_').replace(':', '-');
  return {
    contentType: 'application/octet-stream',
    contentDisposition: `attachment; filename="javascript_${stamp}Z.zip"`,
    body: javascriptSdk(deployed.snapshot, invokeUrl, api.info.name ?? api.info.id),
  };
}
