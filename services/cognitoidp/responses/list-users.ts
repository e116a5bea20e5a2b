/**
 * ListUsers' filter language: `attribute = "value"` (exact) or
 * `attribute ^= "prefix"`, on the attributes Cognito allows searching, plus
 * `cognito:user_status` and `status` (Enabled/Disabled). Pages follow username order.
 */
import { invalidParameter } from '../exceptions';
import type { UserPool } from '../models/pool';
import type { PoolUser } from '../models/user';
import { decodeToken, encodeToken } from './paging';

const SEARCHABLE = new Set([
  'username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username',
  'cognito:user_status', 'status', 'sub',
]);

type Predicate = (user: PoolUser) => boolean;

function parseFilter(filter: string | undefined): Predicate {
  if (!filter?.trim()) return () => true;
  const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw invalidParameter('Error while parsing filter.');
  const [, attr, op, raw] = m;
  if (!SEARCHABLE.has(attr)) throw invalidParameter(`Invalid search attribute: ${attr}`);
  const value = raw.replace(/\\(.)/g, '$1');
  const attrOf = (user: PoolUser): string | undefined => {
    if (attr === 'username') return user.username;
    if (attr === 'cognito:user_status') return user.status;
    if (attr === 'status') return user.enabled ? 'Enabled' : 'Disabled';
    return user.attributes.get(attr);
  };
  const exact = op === '=';
  return (user) => {
    const v = attrOf(user);
    if (v === undefined) return false;
    // Status values compare case-insensitively; attribute values exactly.
    const cmp = attr === 'status' || attr === 'cognito:user_status' ? [v.toLowerCase(), value.toLowerCase()] : [v, value];
    return exact ? cmp[0] === cmp[1] : cmp[0].startsWith(cmp[1]);
  };
}

export function filterUsers(pool: UserPool, filter: string | undefined, token: string | undefined, limit: number): { users: PoolUser[]; next?: string } {
  const matches = parseFilter(filter);
  const after = decodeToken(token);
  const users: PoolUser[] = [];
  for (const user of pool.usersFrom(after)) {
    if (!matches(user)) continue;
    if (users.length === limit) return { users, next: encodeToken(pool.orderKey(users[users.length - 1])) };
    users.push(user);
  }
  return { users };
}
