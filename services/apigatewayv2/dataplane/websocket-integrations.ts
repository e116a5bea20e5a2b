/**
 * Running a WebSocket route's integration: AWS_PROXY Lambda (the proxy event
 * in, `{statusCode, body}` out), MOCK (the request template gives the status,
 * the matching integration response's template the body) and AWS service
 * actions (`arn:aws:apigateway:<region>:<service>:action/<Operation>`, the
 * request template's JSON as input, through `backends.call`; the output or
 * error through the integration responses). HTTP and HTTP_PROXY fail as an
 * unreachable backend does (the fake does not call the internet).
 */
import { AwsError } from '../../../src/core/errors';
import type { BackendAccess } from '../../../src/core/service';
import type { HttpApi } from '../models/resources';
import type { Integration } from '../types';
import { matchesWhole } from './http';
import { functionArnOf, invokeLambda } from './lambda';
import { SERVICE_IDS } from './rest-api';
import { render, type TemplateInput } from './templates';

export type WsOutcome = { ok: true; status: number; body: string | undefined } | { ok: false };

export interface WsCall {
  api: HttpApi;
  integration: Integration & { IntegrationId?: string };
  event: Record<string, unknown>;
  /** The message body (MESSAGE) or '' (CONNECT, DISCONNECT): what templates read as `$input`. */
  body: string;
  stageVariables: Record<string, string>;
  backends: BackendAccess;
  /** The API's account: AWS actions run as it. */
  account: string;
}

export async function runIntegration(call: WsCall): Promise<WsOutcome> {
  const { integration } = call;
  if (integration.IntegrationType === 'AWS_PROXY' && !integration.IntegrationSubtype) return lambdaProxy(call);
  if (integration.IntegrationType === 'MOCK') return mock(call);
  if (integration.IntegrationType === 'AWS') return awsAction(call);
  return { ok: false };
}

async function lambdaProxy(call: WsCall): Promise<WsOutcome> {
  const arn = functionArnOf(call.integration.IntegrationUri ?? '', call.stageVariables);
  if (!arn) return { ok: false };
  const outcome = await invokeLambda(call.backends, arn, call.event);
  if (!outcome.ok) return { ok: false };
  let result: unknown;
  try {
    result = JSON.parse(outcome.payload);
  } catch {
    return { ok: true, status: 200, body: outcome.payload };
  }
  if (result !== null && typeof result === 'object' && !Array.isArray(result) && ('statusCode' in result || 'body' in result)) {
    const r = result as { statusCode?: unknown; body?: unknown };
    const status = r.statusCode === undefined ? 200 : Number(r.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) return { ok: false };
    const body = r.body === undefined || r.body === null ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    return { ok: true, status, body };
  }
  return { ok: true, status: 200, body: outcome.payload === 'null' ? undefined : outcome.payload };
}

/** The template a selection expression picks: `$default` (or the only key) unless the expression names another. */
function pickTemplate(templates: Record<string, string> | undefined, expression: string | undefined): string | undefined {
  if (!templates) return undefined;
  const key = expression && !expression.startsWith('$') && !expression.startsWith('\\$') ? expression : '$default';
  return templates[key] ?? templates.$default;
}

function templateInput(call: WsCall): TemplateInput {
  return { body: call.body, params: () => '', context: call.event.requestContext as Record<string, unknown>, stageVariables: call.stageVariables };
}

/** The body of the integration response whose key matches `status` (`/regex/`, else `$default`). */
function responseBody(call: WsCall, status: number, input: TemplateInput, raw: string | undefined): string | undefined {
  const { integration, api } = call;
  const responses = integration.IntegrationId ? [...(api.integrationResponses.get(integration.IntegrationId)?.values() ?? [])] : [];
  const chosen =
    responses.find((r) => r.IntegrationResponseKey !== '$default' && matchesWhole(r.IntegrationResponseKey.slice(1, -1), String(status))) ??
    responses.find((r) => r.IntegrationResponseKey === '$default');
  const template = pickTemplate(chosen?.ResponseTemplates, chosen?.TemplateSelectionExpression);
  return template === undefined ? raw : render(template, { ...input, body: raw ?? '' });
}

function mock(call: WsCall): WsOutcome {
  const { integration } = call;
  const input = templateInput(call);
  let status = 200;
  try {
    const request = pickTemplate(integration.RequestTemplates, integration.TemplateSelectionExpression);
    if (request !== undefined) {
      const parsed = JSON.parse(render(request, input)) as { statusCode?: unknown };
      if (parsed?.statusCode !== undefined) status = Number(parsed.statusCode);
    }
    return { ok: true, status, body: responseBody(call, status, input, undefined) };
  } catch {
    return { ok: false };
  }
}

async function awsAction(call: WsCall): Promise<WsOutcome> {
  const m = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([a-z0-9.-]+):action\/([A-Za-z0-9]+)$/.exec(call.integration.IntegrationUri ?? '');
  if (!m) return { ok: false };
  const [, region, prefix, operation] = m;
  const input = templateInput(call);
  let params: Record<string, unknown>;
  try {
    const template = pickTemplate(call.integration.RequestTemplates, call.integration.TemplateSelectionExpression);
    const payload = template === undefined ? call.body : render(template, input);
    params = payload.trim() ? JSON.parse(payload) : {};
  } catch {
    return { ok: false };
  }
  const service = SERVICE_IDS[prefix] ?? prefix.replace(/[^a-z0-9]/g, '');
  try {
    const output = await call.backends.call(service, operation, params, { account: call.account, region });
    return { ok: true, status: 200, body: responseBody(call, 200, input, JSON.stringify(output ?? {})) };
  } catch (err) {
    if (!(err instanceof AwsError)) return { ok: false };
    const status = err.status ?? 400;
    return { ok: true, status, body: responseBody(call, status, input, JSON.stringify({ __type: err.code, message: err.message })) };
  }
}
