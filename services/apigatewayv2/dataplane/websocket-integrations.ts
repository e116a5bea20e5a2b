/**
 * Running a WebSocket route's integration: AWS_PROXY Lambda (the proxy event
 * in, `{statusCode, body}` out) and MOCK (the request template gives the
 * status, the matching integration response's template the body). Other
 * types (AWS, HTTP, HTTP_PROXY) fail as an unreachable backend does.
 */
import type { BackendAccess } from '../../../src/core/service';
import type { HttpApi } from '../models/resources';
import type { Integration } from '../types';
import { matchesWhole } from './http';
import { functionArnOf, invokeLambda } from './lambda';
import { render } from './templates';

export type WsOutcome = { ok: true; status: number; body: string | undefined } | { ok: false };

export interface WsCall {
  api: HttpApi;
  integration: Integration & { IntegrationId?: string };
  event: Record<string, unknown>;
  /** The message body (MESSAGE) or '' (CONNECT, DISCONNECT): what templates read as `$input`. */
  body: string;
  stageVariables: Record<string, string>;
  backends: BackendAccess;
}

export async function runIntegration(call: WsCall): Promise<WsOutcome> {
  const { integration } = call;
  if (integration.IntegrationType === 'AWS_PROXY' && !integration.IntegrationSubtype) return lambdaProxy(call);
  if (integration.IntegrationType === 'MOCK') return mock(call);
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

function mock(call: WsCall): WsOutcome {
  const { integration, api } = call;
  const input = { body: call.body, params: () => '', context: call.event.requestContext as Record<string, unknown>, stageVariables: call.stageVariables };
  let status = 200;
  try {
    const request = pickTemplate(integration.RequestTemplates, integration.TemplateSelectionExpression);
    if (request !== undefined) {
      const parsed = JSON.parse(render(request, input)) as { statusCode?: unknown };
      if (parsed?.statusCode !== undefined) status = Number(parsed.statusCode);
    }
    const responses = integration.IntegrationId ? [...(api.integrationResponses.get(integration.IntegrationId)?.values() ?? [])] : [];
    const chosen =
      responses.find((r) => r.IntegrationResponseKey !== '$default' && matchesWhole(r.IntegrationResponseKey.slice(1, -1), String(status))) ??
      responses.find((r) => r.IntegrationResponseKey === '$default');
    const template = pickTemplate(chosen?.ResponseTemplates, chosen?.TemplateSelectionExpression);
    return { ok: true, status, body: template === undefined ? undefined : render(template, input) };
  } catch {
    return { ok: false };
  }
}
