/** A user of a pool: attributes, status, password, groups, codes and MFA settings. */
import { randomInt } from 'node:crypto';
import { clock } from '../../../src/core/clock';
import type { AttributeType, MFAOptionType } from '../types';
import type { Device } from './device';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER';
export type CodePurpose = 'SIGN_UP' | 'FORGOT_PASSWORD' | `VERIFY:${string}` | 'MFA';

export interface PendingCode {
  code: string;
  expires: number;
}

export class PoolUser {
  readonly attributes = new Map<string, string>();
  readonly groups = new Set<string>();
  readonly codes = new Map<CodePurpose, PendingCode>();
  status: UserStatus;
  enabled = true;
  created = clock.now();
  modified = clock.now();
  /** When an admin-set temporary password stops working (FORCE_CHANGE_PASSWORD). */
  temporaryPasswordExpires?: number;
  /** Tokens issued before this instant are refused (GlobalSignOut, AdminUserGlobalSignOut). */
  signedOutAt = 0;
  totpSecret?: string;
  totpVerified = false;
  mfa = { sms: false, totp: false, email: false, preferred: undefined as string | undefined };
  /** Devices by key: issued at sign-in (NewDeviceMetadata), tracked once ConfirmDevice registered them. */
  readonly devices = new Map<string, Device>();
  /** Legacy MFAOptions (AdminSetUserSettings / SetUserSettings). */
  mfaOptions: MFAOptionType[] = [];

  constructor(
    readonly username: string,
    readonly sub: string,
    public password: string | undefined,
    status: UserStatus,
  ) {
    this.status = status;
    this.attributes.set('sub', sub);
  }

  attributeList(readable?: (name: string) => boolean): AttributeType[] {
    const out: AttributeType[] = [];
    for (const [Name, Value] of this.attributes) if (!readable || readable(Name)) out.push({ Name, Value });
    return out;
  }

  /** A fresh six-digit code for `purpose`, replacing any earlier one. */
  newCode(purpose: CodePurpose, ttlMs: number): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.codes.set(purpose, { code, expires: clock.now() + ttlMs });
    return code;
  }

  touch(): void {
    this.modified = clock.now();
  }

  mfaEnabled(): boolean {
    return this.mfa.sms || this.mfa.totp || this.mfa.email;
  }

  preferredMfa(): string | undefined {
    if (this.mfa.preferred) return this.mfa.preferred;
    if (this.mfa.totp) return 'SOFTWARE_TOKEN_MFA';
    if (this.mfa.sms) return 'SMS_MFA';
    if (this.mfa.email) return 'EMAIL_OTP';
    return undefined;
  }

  mfaSettingList(): string[] {
    const list: string[] = [];
    if (this.mfa.sms) list.push('SMS_MFA');
    if (this.mfa.totp) list.push('SOFTWARE_TOKEN_MFA');
    if (this.mfa.email) list.push('EMAIL_OTP');
    return list;
  }
}
