/**
 * The dashboard at `/_mockaws/`: one static page (plain HTML and JavaScript,
 * no build step) that browses the emulated state per service, account and
 * region, downloads S3 objects, and follows the call log live (errors in red).
 * It reads the JSON endpoints below; like every server endpoint they answer
 * same-origin requests only (access.ts), so the page works and other sites
 * cannot use them.
 *
 *   GET /_mockaws/api/state                          backends that exist
 *   GET /_mockaws/api/view?service&account&region&path   one table (dashboard-state.ts)
 *   GET /_mockaws/api/s3/object?account&region&bucket&key  an object's bytes
 */
import { backendAt, s3Object, stateIndex, viewOf } from './dashboard-state';
import type { Route } from './internal-routes';
import { json } from './json-response';

function where(params: URLSearchParams) {
  return {
    service: params.get('service') ?? 's3',
    account: params.get('account') ?? '',
    region: params.get('region') ?? '',
    path: params.get('path') ?? '',
  };
}

export const dashboardRoutes: Record<string, Partial<Record<string, Route>>> = {
  '/_mockaws/': {
    GET: () => ({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The page loads nothing from elsewhere and may not be framed by another site.
        'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
      },
      body: Buffer.from(PAGE),
    }),
  },
  '/_mockaws/api/state': {
    GET: (_req, ctx) => json(200, stateIndex(ctx.dispatcher, ctx.services)),
  },
  '/_mockaws/api/view': {
    GET: (req, ctx) => {
      const at = where(req.url.searchParams);
      const view = viewOf(ctx.dispatcher, at);
      return view ? json(200, view) : json(404, { error: 'NotFound', message: `no ${at.service} state in ${at.account}/${at.region}` });
    },
  },
  '/_mockaws/api/s3/object': {
    GET: (req, ctx) => {
      const p = req.url.searchParams;
      const at = { ...where(p), service: 's3' };
      const bucket = p.get('bucket') ?? '';
      const key = p.get('key') ?? '';
      let found: ReturnType<typeof s3Object>;
      try {
        found = backendAt(ctx.dispatcher, at) ? s3Object(ctx.dispatcher, at, bucket, key) : undefined;
      } catch {
        found = undefined; // NoSuchBucket / AccessDenied from the backend
      }
      if (!found) return json(404, { error: 'NotFound', message: `no object ${bucket}/${key}` });
      const filename = key.split('/').pop() || 'object';
      return {
        status: 200,
        headers: {
          'content-type': found.contentType,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
          'x-content-type-options': 'nosniff',
        },
        body: found.body,
      };
    },
  },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<!-- An empty icon: otherwise the browser asks for /favicon.ico, which is an unsigned S3 request for a bucket of that name. -->
<link rel="icon" href="data:,">
<title>mockaws</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 16rem 1fr; grid-template-rows: auto 1fr 14rem; height: 100vh; }
  header { grid-column: 1 / 3; padding: .5rem 1rem; background: #232f3e; color: #fff; display: flex; gap: 1rem; align-items: center; }
  header h1 { font-size: 1rem; margin: 0; }
  header button { margin-left: auto; }
  nav { overflow: auto; border-right: 1px solid #ddd; padding: .5rem; }
  nav a { display: block; padding: .15rem .3rem; color: #0a58ca; text-decoration: none; cursor: pointer; }
  nav a.current { background: #e7f1ff; }
  main { overflow: auto; padding: .5rem 1rem; }
  #log { grid-column: 1 / 3; overflow: auto; border-top: 1px solid #ddd; font-family: ui-monospace, monospace; font-size: 12px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
  td a { cursor: pointer; color: #0a58ca; }
  tr.error td { background: #fde8e8; color: #a40000; }
  pre { white-space: pre-wrap; margin: 0; }
  .crumbs a { cursor: pointer; color: #0a58ca; }
</style>
</head>
<body>
<header><h1>mockaws</h1><span id="status"></span><button id="reset" type="button">Reset all state</button></header>
<nav id="state" aria-label="state"></nav>
<main id="view"><p>Pick a service on the left.</p></main>
<section id="log" aria-label="call log"><table><thead><tr><th>#</th><th>time</th><th>call</th><th>where</th><th>status</th><th>error</th></tr></thead><tbody id="calls"></tbody></table></section>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
let current = null;
let lastSeq = 0;

async function getJson(url) {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(res.status + ' ' + (await res.text()));
  return res.json();
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children || []) node.append(child);
  return node;
}

async function loadState() {
  const entries = await getJson('/_mockaws/api/state');
  const nav = $('state');
  nav.replaceChildren();
  for (const e of entries) {
    const link = el('a', { textContent: e.service + ' · ' + e.account + ' · ' + e.region });
    link.dataset.service = e.service;
    if (current && current.service === e.service && current.account === e.account && current.region === e.region) link.className = 'current';
    link.onclick = () => open({ service: e.service, account: e.account, region: e.region, path: '' });
    nav.append(link);
  }
  if (!entries.length) nav.append(el('p', { textContent: 'No state yet.' }));
}

async function open(where) {
  current = where;
  const q = new URLSearchParams(where);
  const view = await getJson('/_mockaws/api/view?' + q);
  const main = $('view');
  const crumbs = el('p', { className: 'crumbs' });
  const top = el('a', { textContent: where.service + ' ' + where.account + '/' + where.region });
  top.onclick = () => open({ ...where, path: '' });
  crumbs.append(top);
  if (where.path) crumbs.append(' / ' + where.path);
  const parts = [crumbs, el('h2', { textContent: view.title })];
  if (view.json !== undefined) {
    parts.push(el('pre', { textContent: JSON.stringify(view.json, null, 2) }));
  } else {
    const head = el('tr', {}, view.columns.map((c) => el('th', { textContent: c })).concat(view.rows.some((r) => r.download) ? [el('th')] : []));
    const body = view.rows.map((row) => {
      const cells = row.cells.map((cell, i) => {
        if (i === 0 && row.open) {
          const a = el('a', { textContent: text(cell) });
          a.onclick = () => open({ ...where, path: row.open });
          return el('td', {}, [a]);
        }
        return el('td', {}, [typeof cell === 'object' ? el('pre', { textContent: JSON.stringify(cell) }) : text(cell)]);
      });
      if (row.download) cells.push(el('td', {}, [el('a', { href: row.download, textContent: 'download', download: '' })]));
      return el('tr', {}, cells);
    });
    parts.push(el('table', {}, [el('thead', {}, [head]), el('tbody', {}, body)]));
    if (view.more) parts.push(el('p', { textContent: 'Only the first rows are shown.' }));
  }
  main.replaceChildren(...parts);
  loadState();
}

async function pollCalls() {
  try {
    const calls = await getJson('/_mockaws/calls?since=' + lastSeq);
    if (calls.length && calls[0].seq <= lastSeq) { lastSeq = 0; $('calls').replaceChildren(); }
    for (const c of calls) {
      lastSeq = Math.max(lastSeq, c.seq);
      const row = el('tr', { className: c.error || c.status >= 400 ? 'error' : '' }, [
        el('td', { textContent: c.seq }),
        el('td', { textContent: new Date(c.time).toLocaleTimeString() }),
        el('td', { textContent: (c.service || '-') + '.' + (c.operation || c.method + ' ' + c.path) }),
        el('td', { textContent: (c.account || '') + ' ' + (c.region || '') }),
        el('td', { textContent: c.status }),
        el('td', { textContent: c.error || '' }),
      ]);
      $('calls').prepend(row);
    }
    while ($('calls').children.length > 500) $('calls').lastChild.remove();
    if (calls.length) loadState();
    $('status').textContent = 'live';
  } catch (err) {
    $('status').textContent = 'disconnected';
  }
  setTimeout(pollCalls, 1000);
}

$('reset').onclick = async () => {
  if (!confirm('Drop all emulated state?')) return;
  await fetch('/_mockaws/reset', { method: 'POST' });
  current = null;
  lastSeq = 0;
  $('calls').replaceChildren();
  $('view').replaceChildren(el('p', { textContent: 'State reset.' }));
  loadState();
};

loadState();
pollCalls();
</script>
</body>
</html>
`;
