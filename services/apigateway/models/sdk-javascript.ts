/**
 * GetSdk for `javascript`: a zip holding `apigClient.js`, a dependency-free
 * client (global `fetch`, Node 18+ or a browser) whose methods follow API
 * Gateway's naming (`/pets/{petId}` GET → `petsPetIdGet`, `/` → `rootGet`)
 * and take `(params, body, additionalParams)`: path, query and header
 * parameters declared on the method come from `params`; the answer is
 * `{ status, headers, data }` as the generated SDK's is. The other SDK types
 * are not generated.
 */
import { strToU8, zipSync } from 'fflate';
import type { DeploymentSnapshot } from './resources';

const word = (s: string) => s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());

/** The SDK's name for a method: the path parts (variables without braces) then the verb, camel-cased. */
export function sdkMethodName(path: string, httpMethod: string): string {
  const parts = path.split('/').filter(Boolean).map((p) => word(p.replace(/[{}+]/g, '')));
  const base = parts.length ? parts.join('') : 'Root';
  return `${base.charAt(0).toLowerCase()}${base.slice(1)}${word(httpMethod.toLowerCase())}`;
}

export function javascriptSdk(snapshot: DeploymentSnapshot, invokeUrl: string, apiName: string): Uint8Array {
  const methods: string[] = [];
  for (const resource of [...snapshot.resources].sort((a, b) => a.path.localeCompare(b.path))) {
    for (const [verb, m] of Object.entries(resource.resourceMethods)) {
      const params = { query: [] as string[], header: [] as string[] };
      for (const name of Object.keys(m.requestParameters ?? {})) {
        const p = /^method\.request\.(querystring|header)\.(.+)$/.exec(name);
        if (p) params[p[1] === 'header' ? 'header' : 'query'].push(p[2]);
      }
      methods.push(
        `  apigClient.${sdkMethodName(resource.path, verb)} = function (params, body, additionalParams) {\n` +
          `    return call(${JSON.stringify(verb)}, ${JSON.stringify(resource.path)}, ${JSON.stringify(params.query)}, ${JSON.stringify(params.header)}, params, body, additionalParams);\n  };`,
      );
    }
  }
  const client = `// Generated client of the API ${JSON.stringify(apiName)} (mockaws GetSdk, sdkType javascript).
var apigClientFactory = {};
apigClientFactory.newClient = function (config) {
  config = config || {};
  var invokeUrl = (config.invokeUrl || ${JSON.stringify(invokeUrl)}).replace(/\\/$/, '');
  function call(method, template, queryNames, headerNames, params, body, additionalParams) {
    params = params || {};
    additionalParams = additionalParams || {};
    var path = template.replace(/\\{([^}+]+)(\\+?)\\}/g, function (_, name, greedy) {
      var value = String(params[name] === undefined ? '' : params[name]);
      return greedy ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
    });
    var query = new URLSearchParams();
    queryNames.forEach(function (n) { if (params[n] !== undefined) query.append(n, String(params[n])); });
    Object.keys(additionalParams.queryParams || {}).forEach(function (n) { query.append(n, String(additionalParams.queryParams[n])); });
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (config.apiKey) headers['x-api-key'] = config.apiKey;
    headerNames.forEach(function (n) { if (params[n] !== undefined) headers[n] = String(params[n]); });
    Object.keys(additionalParams.headers || {}).forEach(function (n) { headers[n] = additionalParams.headers[n]; });
    var qs = query.toString();
    var init = { method: method === 'ANY' ? (additionalParams.method || 'GET') : method, headers: headers };
    if (body !== undefined && init.method !== 'GET' && init.method !== 'HEAD') init.body = typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(invokeUrl + (path === '/' ? '/' : path) + (qs ? '?' + qs : ''), init).then(function (res) {
      return res.text().then(function (text) {
        var data = text;
        try { data = text ? JSON.parse(text) : undefined; } catch (e) { data = text; }
        var out = { status: res.status, headers: {}, data: data };
        res.headers.forEach(function (v, k) { out.headers[k] = v; });
        return out;
      });
    });
  }
  var apigClient = {};
${methods.join('\n')}
  return apigClient;
};
if (typeof module !== 'undefined' && module.exports) module.exports = apigClientFactory;
`;
  const readme = `# ${apiName} JavaScript client\n\nconst apigClientFactory = require('./apigClient');\nconst client = apigClientFactory.newClient({ apiKey: '...' });\nconst { status, data } = await client.${methods.length ? /apigClient\.(\w+)/.exec(methods[0])?.[1] : 'rootGet'}({}, undefined, {});\n`;
  return zipSync({ 'apiGateway-js-sdk/apigClient.js': strToU8(client), 'apiGateway-js-sdk/README.md': strToU8(readme) });
}
