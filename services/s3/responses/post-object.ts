/**
 * Browser-based uploads: `POST /{Bucket}` with a multipart/form-data body
 * (the synthetic PostObject operation codegen adds). The form carries what
 * PutObject takes in headers (`key`, `Content-Type`, `x-amz-meta-*`, `acl`,
 * `tagging`, SSE and checksum fields), a policy with its signature fields,
 * and the file last; fields after the file are ignored. The object is stored
 * exactly as PutObject stores it. The answer: a 303 to
 * `success_action_redirect` (with bucket, key and etag in its query), else
 * `success_action_status` 200, 201 (a `<PostResponse>` document) or 204.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */
import { AwsError } from '../../../src/core/errors';
import { knownSecret } from '../../../src/core/credentials';
import { clock } from '../../../src/core/clock';
import type { RequestContext } from '../../../src/core/service';
import { bindingPlan, readBoundMembers } from '../../../src/protocols/http-bindings';
import { bucketFromHost } from '../../../src/protocols/s3/addressing';
import { type FormPart, MalformedFormError, formBoundary, parseMultipartForm } from '../../../src/protocols/s3/multipart-form';
import { parseXmlDocument, XmlShapeReader } from '../../../src/protocols/xml-reader';
import { malformedPostRequest, preconditionFailed } from '../exceptions';
import type { S3Backend } from '../models';
import { spec } from '../spec';
import type { PostObjectRequest, PutObjectRequest, Tagging } from '../types';
import { storeObject } from './objects';
import { checkPolicy, checkPolicySignature, checkSignatureFields, missingField } from './post-policy';
import { authorize } from './access';
import { withStatus } from './status';

type Ctx = RequestContext<S3Backend>;

/** S3 refuses forms whose fields before the file exceed 20 KB. */
const MAX_PRE_DATA = 20 * 1024;

/** Replaced in the key by the uploaded file's name (a literal S3 variable, not a JS template). */
const FILENAME_VARIABLE = ['$', '{filename}'].join('');

/** Form fields that are PutObject headers under the same name. */
const HEADER_FIELDS =
  /^(?:cache-control|content-(?:type|disposition|encoding|language|md5)|expires|x-amz-meta-.+|x-amz-storage-class|x-amz-website-redirect-location|x-amz-server-side-encryption.*|x-amz-checksum-(?!algorithm$).+|x-amz-object-lock-(?:mode|retain-until-date|legal-hold))$/;

/** Form fields whose PutObject header has another name. */
const RENAMED_FIELDS: Record<string, string> = {
  acl: 'x-amz-acl',
  'x-amz-checksum-algorithm': 'x-amz-sdk-checksum-algorithm',
};

interface ParsedForm {
  fields: Map<string, string>;
  file: FormPart;
}

export async function postObject(input: PostObjectRequest, caller: Ctx) {
  const { fields, file } = readForm(input);
  const rawKey = fields.get('key');
  if (!rawKey) throw missingField('key');
  const key = rawKey.split(FILENAME_VARIABLE).join(file.filename ?? '');
  const policy = fields.get('policy');
  if (policy !== undefined) {
    checkSignatureFields(fields);
    checkPolicySignature(fields, policy, (accessKeyId) => knownSecret(caller.credentials, accessKeyId, clock.now()));
  }
  // Authorized as the PutObject it performs, once the form names the key.
  const ctx = await authorize({ Bucket: input.Bucket, Key: key }, caller, 'PutObject');
  const bucket = ctx.backend.bucket(input.Bucket);
  if (policy !== undefined) checkPolicy(policy, { fields, bucket: bucket.name, key, size: file.value.length }, clock.now());
  const stored = await storeObject(bucket, putObjectInput(fields, bucket.name, key, file.value), ctx.account);
  const { ETag: etag, ...headers } = stored;
  const location = objectUrl(ctx, bucket.name, key);
  const redirect = redirectUrl(fields.get('success_action_redirect') ?? fields.get('redirect'), bucket.name, key, etag);
  if (redirect) return withStatus({ ...headers, ETag: etag, Location: redirect }, 303);
  const output = { ...headers, ETag: etag, Location: location };
  switch (fields.get('success_action_status')) {
    case '200':
      return withStatus(output, 200);
    case '201':
      return withStatus({ ...output, PostResponse: { Location: location, Bucket: bucket.name, Key: key, ETag: etag } }, 201);
    default:
      return output;
  }
}

/** The fields before the file (lower-cased names, first one wins) and the file. */
function readForm(input: PostObjectRequest): ParsedForm {
  const boundary = formBoundary(input.ContentType);
  if (!boundary) throw preconditionFailed('Bucket POST must be of the enclosure-type multipart/form-data');
  let parts: FormPart[];
  try {
    parts = parseMultipartForm(asBuffer(input.Body), boundary);
  } catch (err) {
    if (err instanceof MalformedFormError) throw malformedPostRequest();
    throw err;
  }
  const fields = new Map<string, string>();
  for (const part of parts) {
    const name = part.name.toLowerCase();
    if (name === 'file') {
      if (part.offset > MAX_PRE_DATA) {
        throw new AwsError('MaxPostPreDataLengthExceededError', 'Your POST request fields preceding the upload file were too large.', { status: 400 });
      }
      return { fields, file: part };
    }
    if (!fields.has(name)) fields.set(name, part.value.toString('utf8'));
  }
  if (!fields.has('key')) throw missingField('key');
  throw new AwsError('IncorrectNumberOfFilesInPostRequest', 'POST requires exactly one file upload per request.', {
    status: 400,
  });
}

/** The body as a Buffer view (no copy: the file part stays a slice of it). */
function asBuffer(body: Uint8Array | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** The PutObject input the form stands for: its fields read as PutObject's headers. */
function putObjectInput(fields: Map<string, string>, bucket: string, key: string, body: Buffer): PutObjectRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of fields) {
    const header = RENAMED_FIELDS[name] ?? (HEADER_FIELDS.test(name) ? name : undefined);
    if (header) headers[header] = value;
  }
  const tagging = fields.get('tagging');
  if (tagging !== undefined) headers['x-amz-tagging'] = taggingQuery(tagging);
  const bound = readBoundMembers(spec, bindingPlan(spec, 'PutObjectRequest'), {
    headers,
    query: new URLSearchParams(),
    labels: {},
    literalQueryKeys: new Set(),
  });
  return { ...bound, Bucket: bucket, Key: key, Body: body };
}

let taggingReader: XmlShapeReader | undefined;

/** The `tagging` field is a `<Tagging>` document; PutObject's header is `k1=v1&k2=v2`. */
function taggingQuery(xml: string): string {
  taggingReader ??= new XmlShapeReader(spec);
  const tagging = taggingReader.structure('Tagging', parseXmlDocument(xml)) as unknown as Tagging;
  return new URLSearchParams((tagging.TagSet ?? []).map((t): [string, string] => [t.Key, t.Value])).toString();
}

/** Where the object now lives, in the addressing style the form was posted with. */
function objectUrl(ctx: Ctx, bucket: string, key: string): string {
  const path = encodeURIComponent(key);
  return bucketFromHost(ctx.request.url.hostname) ? `${ctx.endpoint}/${path}` : `${ctx.endpoint}/${bucket}/${path}`;
}

/** success_action_redirect with bucket, key and etag added; S3 ignores a URL it cannot parse. */
function redirectUrl(target: string | undefined, bucket: string, key: string, etag: string): string | undefined {
  if (!target) return undefined;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  url.searchParams.append('bucket', bucket);
  url.searchParams.append('key', key);
  url.searchParams.append('etag', etag);
  return url.toString();
}
