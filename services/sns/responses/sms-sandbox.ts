/**
 * The SMS sandbox: a new account may text only verified destination numbers.
 * Adding a number "sends" it a one-time password (recorded in the backend's
 * deliveries, protocol 'sms'), which VerifySMSSandboxPhoneNumber checks.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { AwsError } from '../../../src/core/errors';
import { clock } from '../../../src/core/clock';
import { invalidParameter, resourceNotFound } from '../exceptions';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken, requireMembers } from './common';

const E164 = /^\+?[1-9]\d{1,14}$/;
const LANGUAGES = new Set(['en-US', 'en-GB', 'es-419', 'es-ES', 'de-DE', 'fr-CA', 'fr-FR', 'it-IT', 'ja-JP', 'pt-BR', 'kr-KR', 'zh-CN', 'zh-TW']);

function checkNumber(phoneNumber: string): void {
  if (!E164.test(phoneNumber)) throw invalidParameter('PhoneNumber', 'Invalid phone number');
}

function checkMaxResults(value: number | undefined, max: number): void {
  if (value !== undefined && (value < 1 || value > max)) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
      { status: 400 },
    );
  }
}

export function getSMSSandboxAccountStatus(_input: T.GetSMSSandboxAccountStatusInput, ctx: Ctx) {
  return { IsInSandbox: ctx.backend.smsSandbox.inSandbox };
}

export function createSMSSandboxPhoneNumber(input: T.CreateSMSSandboxPhoneNumberInput, ctx: Ctx) {
  requireMembers(input, 'PhoneNumber');
  checkNumber(input.PhoneNumber);
  if (input.LanguageCode !== undefined && !LANGUAGES.has(input.LanguageCode)) {
    throw invalidParameter('LanguageCode');
  }
  const otp = String(randomInt(100000, 1000000));
  ctx.backend.smsSandbox.numbers.set(input.PhoneNumber, { status: 'Pending', otp });
  ctx.backend.deliveries.push({
    protocol: 'sms',
    endpoint: input.PhoneNumber,
    type: 'Notification',
    body: `Your verification code is ${otp}`,
    messageId: randomUUID(),
    at: clock.date(),
  });
  return {};
}

export function verifySMSSandboxPhoneNumber(input: T.VerifySMSSandboxPhoneNumberInput, ctx: Ctx) {
  requireMembers(input, 'PhoneNumber', 'OneTimePassword');
  const entry = ctx.backend.smsSandbox.numbers.get(input.PhoneNumber);
  if (!entry) throw resourceNotFound();
  if (entry.status !== 'Verified' && entry.otp !== input.OneTimePassword) {
    throw new AwsError('VerificationException', 'Invalid one-time password', {
      fields: { Status: 'FAILED' },
    });
  }
  entry.status = 'Verified';
  return {};
}

export function deleteSMSSandboxPhoneNumber(input: T.DeleteSMSSandboxPhoneNumberInput, ctx: Ctx) {
  requireMembers(input, 'PhoneNumber');
  if (!ctx.backend.smsSandbox.numbers.delete(input.PhoneNumber)) throw resourceNotFound();
  return {};
}

export function listSMSSandboxPhoneNumbers(input: T.ListSMSSandboxPhoneNumbersInput, ctx: Ctx) {
  checkMaxResults(input.MaxResults, 100);
  const sorted = [...ctx.backend.smsSandbox.numbers.keys()].sort();
  const after = decodeToken(input.NextToken);
  const start = after === undefined ? 0 : sorted.findIndex((n) => n > after);
  const from = start < 0 ? sorted.length : start;
  const page = sorted.slice(from, from + (input.MaxResults ?? 100));
  const more = from + page.length < sorted.length;
  return {
    PhoneNumbers: page.map((n) => ({
      PhoneNumber: n,
      Status: ctx.backend.smsSandbox.numbers.get(n)?.status,
    })),
    NextToken: more ? encodeToken(page[page.length - 1]) : undefined,
  };
}

/** A new account owns no origination numbers (they are bought in the Pinpoint/SMS console). */
export function listOriginationNumbers(input: T.ListOriginationNumbersRequest) {
  checkMaxResults(input.MaxResults, 30);
  if (input.NextToken !== undefined) decodeToken(input.NextToken);
  return { PhoneNumbers: [] };
}
