/** The pool's password policy, enforced as Cognito words its refusals. */
import type { PasswordPolicyType } from '../types';
import { invalidPassword } from '../exceptions';

/** Cognito's defaults when a pool names no policy (and for members it leaves out). */
export const DEFAULT_PASSWORD_POLICY: Required<Omit<PasswordPolicyType, 'PasswordHistorySize'>> = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** The special characters Cognito counts as symbols (its developer guide lists them). */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ');

export function checkPassword(policy: PasswordPolicyType, password: string): void {
  const p = { ...DEFAULT_PASSWORD_POLICY, ...policy };
  const fail = (why: string) => invalidPassword(`Password did not conform with policy: ${why}`);
  if (password.length < p.MinimumLength) throw fail('Password not long enough');
  if (p.RequireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (p.RequireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (p.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (p.RequireSymbols && ![...password].some((c) => SYMBOLS.has(c))) throw fail('Password must have symbol characters');
}
