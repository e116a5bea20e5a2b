/**
 * The hosted UI's self-service pages, under the same authorize query as /login:
 * /signup (SignUp, with the terms links when the client has both documents),
 * /confirmUser (ConfirmSignUp with the code sent, then the code grant to the
 * callback), /forgotPassword and /confirmForgotPassword (ForgotPassword,
 * ConfirmForgotPassword, then back to /login). Each form runs the API
 * operation through ctx.backends.call, so the pool's rules, triggers and the
 * codes tests read with lastCode are the API's own; an API error is shown on
 * the page again, as the hosted UI does.
 */
import { createHmac } from 'node:crypto';
import { AwsError } from '../../src/core/errors';
import type { AwsRequest, AwsResponse } from '../../src/core/request';
import type { DataPlaneContext } from '../../src/core/service';
import { checkAuthorize, escapeHtml, grantCode, html, redirect } from './hosted-ui';
import type { CognitoIdpBackend } from './models/backend';
import type { AppClient, UserPool } from './models/pool';
import { termsLinks } from './responses/terms';

type Dp = DataPlaneContext<CognitoIdpBackend>;

/** What the pages share: the pool, the checked authorize request, and where the pages live. */
interface PageContext {
  dp: Dp;
  pool: UserPool;
  client: AppClient;
  redirectUri: string;
  q: URLSearchParams;
  prefix: string;
}

/** The authorize query without the page's own parameters (username). */
function authorizeQuery(q: URLSearchParams): string {
  const out = new URLSearchParams(q);
  out.delete('username');
  return out.toString();
}

const pageUrl = (p: PageContext, page: string, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams(authorizeQuery(p.q));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `${p.prefix}/${page}?${q.toString()}`;
};

function form(p: PageContext, title: string, action: string, fields: string, message?: string, extra = ''): AwsResponse {
  const css = (p.pool.uiCustomizations.get(p.client.ClientId) ?? p.pool.uiCustomizations.get('ALL'))?.CSS;
  return html(
    200,
    `<!doctype html><html><head><title>${escapeHtml(title)}</title>${css ? `<style>${css.replace(/<\//g, '<\\/')}</style>` : ''}</head><body>
<h1>${escapeHtml(title)}</h1>
<form method="post" action="${escapeHtml(action)}">
${message ? `<p class="error" id="errorMessage">${escapeHtml(message)}</p>` : ''}
${fields}
</form>${extra}</body></html>`,
  );
}

const input = (name: string, label: string, type = 'text') => `<label>${escapeHtml(label)} <input name="${name}" type="${type}"></label>`;

/** A client with a secret needs SECRET_HASH on these calls; the hosted UI, which holds the secret, makes it. */
function secretHash(client: AppClient, username: string): string | undefined {
  return client.ClientSecret ? createHmac('sha256', client.ClientSecret).update(username + client.ClientId).digest('base64') : undefined;
}

/** Runs an API operation for the page; an AWS error becomes the message shown on the page. */
async function run(p: PageContext, operation: string, input: Record<string, unknown>): Promise<{ out?: Record<string, unknown>; error?: string }> {
  try {
    return { out: await p.dp.backends.call('cognitoidp', operation, input, { account: p.dp.account, region: p.dp.region }) };
  } catch (e) {
    if (e instanceof AwsError) return { error: e.message };
    throw e;
  }
}

function signupPage(p: PageContext, message?: string): AwsResponse {
  const terms = termsLinks(p.pool, p.client.ClientId);
  const agreement = terms
    ? `<p id="terms">By signing up, you agree to the <a href="${escapeHtml(terms.termsOfUse)}">Terms of use</a> and the <a href="${escapeHtml(terms.privacyPolicy)}">Privacy policy</a>.</p>`
    : '';
  return form(
    p,
    'Sign up',
    pageUrl(p, 'signup'),
    `${input('username', 'Username')}\n${input('email', 'Email', 'email')}\n${input('password', 'Password', 'password')}\n${agreement}\n<button type="submit">Sign up</button>`,
    message,
  );
}

async function signup(req: AwsRequest, p: PageContext): Promise<AwsResponse> {
  if (p.pool.settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly) return html(400, '<h1>An error was encountered with the requested page.</h1><p>Sign up is not permitted for this user pool.</p>');
  if (req.method !== 'POST') return signupPage(p);
  const fields = new URLSearchParams(req.body.toString('utf8'));
  const username = fields.get('username') ?? '';
  // Every other non-empty field is a user attribute (email, phone_number, name, custom:...).
  const attributes = [...fields].filter(([name, value]) => name !== 'username' && name !== 'password' && value !== '').map(([Name, Value]) => ({ Name, Value }));
  const { out, error } = await run(p, 'SignUp', {
    ClientId: p.client.ClientId,
    Username: username,
    Password: fields.get('password') ?? '',
    UserAttributes: attributes,
    SecretHash: secretHash(p.client, username),
  });
  if (error) return signupPage(p, error);
  if (out?.UserConfirmed) return signedIn(p, username);
  return redirect(pageUrl(p, 'confirmUser', { username }));
}

/** After a confirmed sign-up the user is signed in: the code grant to the callback. */
function signedIn(p: PageContext, username: string): AwsResponse {
  const user = p.pool.find(username);
  if (!user) return html(400, '<h1>An error was encountered with the requested page.</h1>');
  return grantCode(p.dp.backend, p.pool, p, p.q, user.username);
}

async function confirmUser(req: AwsRequest, p: PageContext): Promise<AwsResponse> {
  const username = p.q.get('username') ?? '';
  const show = (message?: string) => {
    const user = p.pool.find(username);
    const sent = user && p.dp.backend.lastCode(p.pool.id, user.username, 'SIGN_UP') !== undefined;
    const where = sent ? '<p id="codeSent">We have sent a code to your email or phone. Enter it below to confirm your account.</p>' : '';
    return form(p, 'Confirm your account', pageUrl(p, 'confirmUser', { username }), `${where}\n${input('code', 'Verification code')}\n<button type="submit">Confirm account</button>`, message);
  };
  if (req.method !== 'POST') return show();
  const code = new URLSearchParams(req.body.toString('utf8')).get('code') ?? '';
  const { error } = await run(p, 'ConfirmSignUp', { ClientId: p.client.ClientId, Username: username, ConfirmationCode: code, SecretHash: secretHash(p.client, username) });
  if (error) return show(error);
  return signedIn(p, username);
}

async function forgotPassword(req: AwsRequest, p: PageContext): Promise<AwsResponse> {
  const show = (message?: string) => form(p, 'Forgot your password?', pageUrl(p, 'forgotPassword'), `${input('username', 'Username')}\n<button type="submit">Reset my password</button>`, message);
  if (req.method !== 'POST') return show();
  const username = new URLSearchParams(req.body.toString('utf8')).get('username') ?? '';
  const { error } = await run(p, 'ForgotPassword', { ClientId: p.client.ClientId, Username: username, SecretHash: secretHash(p.client, username) });
  if (error) return show(error);
  return redirect(pageUrl(p, 'confirmForgotPassword', { username }));
}

async function confirmForgotPassword(req: AwsRequest, p: PageContext): Promise<AwsResponse> {
  const username = p.q.get('username') ?? '';
  const show = (message?: string) =>
    form(
      p,
      'Reset your password',
      pageUrl(p, 'confirmForgotPassword', { username }),
      `${input('code', 'Code')}\n${input('password', 'New password', 'password')}\n<button type="submit">Change password</button>`,
      message,
    );
  if (req.method !== 'POST') return show();
  const fields = new URLSearchParams(req.body.toString('utf8'));
  const { error } = await run(p, 'ConfirmForgotPassword', {
    ClientId: p.client.ClientId,
    Username: username,
    ConfirmationCode: fields.get('code') ?? '',
    Password: fields.get('password') ?? '',
    SecretHash: secretHash(p.client, username),
  });
  if (error) return show(error);
  return redirect(`${p.prefix}/login?${authorizeQuery(p.q)}`);
}

const PAGES: Record<string, (req: AwsRequest, p: PageContext) => Promise<AwsResponse>> = {
  '/signup': signup,
  '/confirmUser': confirmUser,
  '/forgotPassword': forgotPassword,
  '/confirmForgotPassword': confirmForgotPassword,
};

export const isSelfServicePage = (path: string) => Object.hasOwn(PAGES, path);

export async function selfServicePage(req: AwsRequest, dp: Dp, pool: UserPool, path: string, prefix: string): Promise<AwsResponse> {
  const q = req.url.searchParams;
  const checked = checkAuthorize(pool, q);
  if ('status' in checked) return checked;
  return PAGES[path](req, { dp, pool, client: checked.client, redirectUri: checked.redirectUri, q, prefix });
}
