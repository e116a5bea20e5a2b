/**
 * Request validation of a REST API method (its request validator, as the
 * deployment froze it): `validateRequestParameters` requires the method's
 * required querystring / header / path parameters to be present and not
 * blank; `validateRequestBody` checks the body against the request model for
 * its content type (`$default` when none is mapped for it) as JSON Schema
 * draft 4 (services/apigateway/models/json-schema.ts). A method without a
 * model for the content type has nothing to validate its body against.
 */
import { schemaObject, validateSchema } from '../../apigateway/models/json-schema';
import type { DeploymentSnapshot } from '../../apigateway/models/resources';
import type { Method } from '../../apigateway/types';
import type { ProxyContext } from './proxy-events';

export interface ValidationFailure {
  type: 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY';
  message: string;
  /** `$context.error.validationErrorString`. */
  detail: string;
}

export function validateRequest(method: Method, snapshot: DeploymentSnapshot, proxy: ProxyContext): ValidationFailure | undefined {
  const validator = method.requestValidatorId ? snapshot.validators.get(method.requestValidatorId) : undefined;
  if (!validator) return undefined;
  const { req } = proxy.gw;
  if (validator.validateRequestParameters) {
    const missing: string[] = [];
    for (const [name, required] of Object.entries(method.requestParameters ?? {})) {
      const m = /^method\.request\.(querystring|header|path)\.(.+)$/.exec(name);
      if (!required || !m) continue;
      const value = m[1] === 'header' ? req.headers[m[2].toLowerCase()] : m[1] === 'querystring' ? req.url.searchParams.get(m[2]) : proxy.pathParameters[m[2]];
      if (value === undefined || value === null || value.trim() === '') missing.push(m[2]);
    }
    if (missing.length) {
      const message = `Missing required request parameters: [${missing.join(', ')}]`;
      return { type: 'BAD_REQUEST_PARAMETERS', message, detail: message };
    }
  }
  if (validator.validateRequestBody) {
    const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
    const models = method.requestModels ?? {};
    const modelName = models[contentType] ?? models.$default;
    const model = modelName === undefined ? undefined : snapshot.models.get(modelName);
    const schema = model ? (schemaObject(model.schema) ?? (model.schema ? undefined : {})) : undefined;
    if (!schema) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', detail: '[Invalid JSON in request body]' };
    }
    const errors = validateSchema(body, schema, (name) => schemaObject(snapshot.models.get(name)?.schema));
    if (errors.length) return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', detail: `[${errors.join(', ')}]` };
  }
  return undefined;
}
