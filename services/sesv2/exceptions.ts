/**
 * SES errors. SES v2 (rest-json) answers in its own shape names; SES v1
 * (query) uses its model's shape names, sent as their query codes
 * (MessageRejected, ConfigurationSetDoesNotExist, ...). The shared model
 * throws `MailError`s and each API turns them into its own error.
 */
import { AwsError } from '../../src/core/errors';

/** What went wrong, in words both APIs share; `kind` picks each API's code. */
export type MailErrorKind = 'rejected' | 'invalid' | 'notFound' | 'exists' | 'mailFrom' | 'limit' | 'missingAttribute';

export class MailError extends Error {
  constructor(
    readonly kind: MailErrorKind,
    message: string,
    /** The v1 code when it is more precise than the kind's (TemplateDoesNotExist, RuleDoesNotExist, ...). */
    readonly v1Code?: string,
  ) {
    super(message);
  }
}

const V2: Record<MailErrorKind, string> = {
  rejected: 'MessageRejected',
  invalid: 'BadRequestException',
  notFound: 'NotFoundException',
  exists: 'AlreadyExistsException',
  mailFrom: 'MailFromDomainNotVerifiedException',
  limit: 'LimitExceededException',
  missingAttribute: 'BadRequestException',
};

const V1: Record<MailErrorKind, string> = {
  rejected: 'MessageRejected',
  invalid: 'InvalidParameterValue',
  notFound: 'InvalidParameterValue',
  exists: 'AlreadyExistsException',
  mailFrom: 'MailFromDomainNotVerifiedException',
  limit: 'LimitExceededException',
  missingAttribute: 'MissingRenderingAttributeException',
};

export function asV2(err: unknown): unknown {
  return err instanceof MailError ? new AwsError(V2[err.kind], err.message) : err;
}

export function asV1(err: unknown): unknown {
  return err instanceof MailError ? new AwsError(err.v1Code ?? V1[err.kind], err.message, { status: 400 }) : err;
}

export const rejected = (message: string) => new MailError('rejected', message);
export const invalid = (message: string) => new MailError('invalid', message);
export const notFound = (message: string, v1Code?: string) => new MailError('notFound', message, v1Code);
export const exists = (message: string, v1Code?: string) => new MailError('exists', message, v1Code);
