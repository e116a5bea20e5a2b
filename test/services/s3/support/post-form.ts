/**
 * Builds S3 browser-upload forms as a page would: a base64 POST policy, the
 * SigV4 form fields, the caller's fields, and the file last. The signature
 * is a real HMAC chain over the policy with the given secret (by default the
 * default test key's, which the fake verifies).
 */
import { createHmac } from 'node:crypto';

export interface PostFormOptions {
  bucket: string;
  /** Policy conditions; conditions on the signature fields are added to them. */
  conditions?: unknown[];
  /** Policy expiration; default an hour from now. */
  expiration?: Date | string;
  /** Fields besides the policy and signature ones, in order (`key` first as a page would). */
  fields?: Record<string, string>;
  file?: { content: string | Buffer; filename?: string; type?: string };
  /** Leave out the policy and signature fields (an anonymous form). */
  anonymous?: boolean;
  /** Drop these fields after building (to test missing ones). */
  omit?: string[];
  /** Fields appended after the file (S3 ignores them). */
  after?: Record<string, string>;
  /** A raw policy field value instead of the built one. */
  rawPolicy?: string;
  accessKeyId?: string;
  /** The secret the policy is signed with (default: the default test key's). */
  secretAccessKey?: string;
  region?: string;
}

// The default test key's secret (src/core/credentials.ts): the fake verifies form signatures made with it.
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** S3's filename key variable (dollar, brace, filename, brace), spelled so no linter takes it for a template. */
export const FILENAME = ['$', '{filename}'].join('');

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function amzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The policy, signature fields and caller fields, in form order, file excluded. */
export function postFields(opts: PostFormOptions): Array<[string, string]> {
  const now = new Date();
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const region = opts.region ?? 'us-east-1';
  const credential = `${opts.accessKeyId ?? 'AKIAIOSFODNN7EXAMPLE'}/${day}/${region}/s3/aws4_request`;
  const signing: Record<string, string> = {
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': date,
  };
  const expiration = opts.expiration ?? new Date(now.getTime() + 3600_000);
  const policy = {
    expiration: expiration instanceof Date ? expiration.toISOString() : expiration,
    conditions: [...(opts.conditions ?? []), ...Object.entries(signing).map(([k, v]) => ({ [k]: v }))],
  };
  const policyText = opts.rawPolicy ?? Buffer.from(JSON.stringify(policy)).toString('base64');
  let key = hmac(`AWS4${opts.secretAccessKey ?? SECRET}`, day);
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = hmac(key, policyText).toString('hex');
  const entries: Array<[string, string]> = Object.entries(opts.fields ?? {});
  if (!opts.anonymous) {
    entries.push(['policy', policyText], ...Object.entries(signing), ['x-amz-signature', signature]);
  }
  return entries.filter(([name]) => !opts.omit?.includes(name));
}

export function postForm(opts: PostFormOptions): FormData {
  const form = new FormData();
  for (const [name, value] of postFields(opts)) form.append(name, value);
  if (opts.file) {
    const { content, filename = 'upload.bin', type = 'application/octet-stream' } = opts.file;
    form.append('file', new Blob([content], { type }), filename);
  }
  for (const [name, value] of Object.entries(opts.after ?? {})) form.append(name, value);
  return form;
}

/** Code and Message of an S3 `<Error>` document. */
export function errorOf(xml: string): { code?: string; message?: string } {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(xml)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(xml)?.[1]?.replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
  };
}
