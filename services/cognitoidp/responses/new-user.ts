/**
 * What SignUp and AdminCreateUser share before a user exists: the username
 * rules of the pool (username attributes, aliases), uniqueness, attribute
 * checks. Everything is checked before the user is written.
 */
import { randomUUID } from 'node:crypto';
import { invalidParameter, usernameExists } from '../exceptions';
import type { UserPool } from '../models/pool';
import { checkAttributes } from '../models/schema';
import type { AttributeType } from '../types';

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const PHONE = /^\+[0-9]{4,20}$/;

export interface NewUserPlan {
  username: string;
  attributes: Map<string, string>;
  /** Set when the pool's username attributes made the sign-in name an attribute. */
  sub?: string;
}

export function planNewUser(pool: UserPool, name: string, attrs: AttributeType[] | undefined, opts: { signUp: boolean; existsMessage: string }): NewUserPlan {
  const attributes = new Map<string, string>();
  for (const { Name, Value } of attrs ?? []) attributes.set(Name, Value ?? '');
  checkAttributes(pool.schema, attrs ?? [], { requireAll: opts.signUp });
  const usernameAttrs = pool.settings.UsernameAttributes ?? [];
  const aliases = pool.settings.AliasAttributes ?? [];
  let username = name;
  let sub: string | undefined;
  if (usernameAttrs.length) {
    const asEmail = usernameAttrs.includes('email') && EMAIL.test(name);
    const asPhone = usernameAttrs.includes('phone_number') && PHONE.test(name);
    if (!asEmail && !asPhone) {
      const what = usernameAttrs.length === 2 ? 'an email or a phone number' : usernameAttrs[0] === 'email' ? 'an email' : 'a phone number';
      throw invalidParameter(`Username should be ${what}.`);
    }
    const attr = asEmail ? 'email' : 'phone_number';
    if (attributes.has(attr) && attributes.get(attr) !== name) {
      throw invalidParameter(`${attr === 'email' ? 'Email' : 'Phone number'} and username should be the same.`);
    }
    attributes.set(attr, name);
    if (pool.holderOf(attr, name)) {
      throw usernameExists(`An account with the given ${attr === 'email' ? 'email' : 'phone_number'} already exists.`);
    }
    // Such pools name the user by an immutable id: the sub.
    sub = randomUUID();
    username = sub;
  } else {
    if (aliases.includes('email') && EMAIL.test(name)) {
      throw invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
    }
    if (aliases.includes('phone_number') && PHONE.test(name)) {
      throw invalidParameter('Username cannot be of phone number format, since user pool is configured for phone_number alias.');
    }
    if (pool.byUsername(name)) throw usernameExists(opts.existsMessage);
  }
  return { username, attributes, sub };
}
