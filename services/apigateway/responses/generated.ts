/** What API Gateway generates for a REST API: GetModelTemplate, GetSdkTypes, GetSdkType. */
import { badRequest, notFound } from '../exceptions';
import { modelTemplate } from '../models/model-template';
import { SDK_TYPES } from '../models/sdk-types';
import type * as T from '../types';
import { requireModel } from './authorizers';
import { type Ctx, out } from './common';

function schemaOf(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed = text ? JSON.parse(text) : undefined;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function getModelTemplate(input: T.GetModelTemplateRequest, ctx: Ctx): T.Template {
  const api = ctx.backend.requireRestApi(input.restApiId);
  const model = requireModel(ctx, input.restApiId, input.modelName);
  const schema = schemaOf(model.schema);
  if (!schema) throw badRequest('Invalid model schema: the template is generated from a JSON schema');
  return { value: modelTemplate(schema, (name) => schemaOf(api.models.get(name)?.schema)) };
}

export function getSdkTypes(_input: T.GetSdkTypesRequest, _ctx: Ctx): T.SdkTypes {
  return { items: SDK_TYPES.map(out) };
}

export function getSdkType(input: T.GetSdkTypeRequest, _ctx: Ctx): T.SdkType {
  const type = SDK_TYPES.find((t) => t.id === input.id);
  if (!type) throw notFound('Invalid SDK type specified');
  return out(type);
}
