/** CreateModel, GetModel, GetModels, UpdateModel, DeleteModel: JSON schemas of an API, by id, names unique. */
import { badRequest, conflict, notFound } from '../exceptions';
import { gatewayId } from '../models/backend';
import { modelTemplate } from '../models/model-template';
import type { HttpApi } from '../models/resources';
import type * as T from '../types';
import { assignDefined, type Ctx, out } from './common';

function requireModel(api: HttpApi, id: string) {
  return api.models.require(id, () => notFound(`Invalid Model identifier specified ${id}`, 'Model'));
}

/** A model name is alphanumeric and unique in its API; the schema is JSON. */
function checkModel(api: HttpApi, m: { Name?: string; Schema?: string }, self?: string): void {
  if (m.Name !== undefined) {
    if (!/^[a-zA-Z0-9]+$/.test(m.Name)) throw badRequest('Model name must be alphanumeric');
    for (const other of api.models.values()) if (other.Name === m.Name && other.ModelId !== self) throw conflict(`Model with name ${m.Name} already exists`);
  }
  if (m.Schema !== undefined) {
    try {
      JSON.parse(m.Schema);
    } catch {
      throw badRequest('Invalid model schema specified: the schema must be JSON');
    }
  }
}

export function createModel(input: T.CreateModelRequest, ctx: Ctx): T.CreateModelResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  checkModel(api, input);
  const model = { ModelId: gatewayId(6), Name: input.Name, Schema: input.Schema, ContentType: input.ContentType, Description: input.Description };
  api.models.set(model.ModelId, model);
  return out(model);
}

export function getModel(input: T.GetModelRequest, ctx: Ctx): T.GetModelResponse {
  return out(requireModel(ctx.backend.requireApi(input.ApiId), input.ModelId));
}

export function getModels(input: T.GetModelsRequest, ctx: Ctx): T.GetModelsResponse {
  const page = ctx.backend.requireApi(input.ApiId).models.pageByToken(input.MaxResults, input.NextToken);
  return { Items: page.items.map(out), NextToken: page.nextToken };
}

export function updateModel(input: T.UpdateModelRequest, ctx: Ctx): T.UpdateModelResponse {
  const api = ctx.backend.requireApi(input.ApiId);
  const model = requireModel(api, input.ModelId);
  checkModel(api, input, model.ModelId);
  const { ApiId: _a, ModelId: _m, ...fields } = input;
  assignDefined(model, fields);
  return out(model);
}

export function deleteModel(input: T.DeleteModelRequest, ctx: Ctx): void {
  const api = ctx.backend.requireApi(input.ApiId);
  requireModel(api, input.ModelId);
  api.models.delete(input.ModelId);
}

/** GetModelTemplate: the mapping template generated from the model's schema (models/model-template.ts). */
export function getModelTemplate(input: T.GetModelTemplateRequest, ctx: Ctx): T.GetModelTemplateResponse {
  return { Value: modelTemplate(requireModel(ctx.backend.requireApi(input.ApiId), input.ModelId).Schema) };
}
