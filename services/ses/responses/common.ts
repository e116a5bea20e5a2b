/**
 * What the SES v1 handlers share: the v1 API is a view of the SES v2
 * backend (one email state per account and region), reached through
 * `ctx.backends`; the shared model's errors become v1's codes.
 */
import type { Handler, RequestContext } from '../../../src/core/service';
import { asV1 } from '../../sesv2/exceptions';
import type { SesBackend } from '../../sesv2/models/backend';

export type Ctx = RequestContext<unknown>;
export type V1Handler<I, O> = (input: I, b: SesBackend, ctx: Ctx) => O | Promise<O>;

/** The email state of the caller's account and region. */
export function state(ctx: { account: string; region: string; backends: Ctx['backends'] }): Promise<SesBackend> {
  return ctx.backends.get<SesBackend>('sesv2', ctx.account, ctx.region);
}

/** A v1 handler: the shared state handed in, MailErrors turned into v1 errors. */
export function v1<I, O>(h: V1Handler<I, O>): Handler<I, O> {
  return async (input, ctx) => {
    try {
      return await h(input, await state(ctx), ctx);
    } catch (err) {
      throw asV1(err);
    }
  };
}

/** v1 verification statuses are CamelCase: PENDING → Pending, TEMPORARY_FAILURE → TemporaryFailure. */
export function camel(status: string): string {
  return status
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export type MessageTag = { Name: string; Value: string };

export function tagRecord(...lists: Array<MessageTag[] | undefined>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const list of lists) for (const t of list ?? []) out[t.Name] = t.Value;
  return out;
}
