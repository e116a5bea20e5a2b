/**
 * Fixes and additions to what the models say. Everything codegen does not
 * read straight from a model lives here, with the reason.
 */
import type { MemberSpec, OperationSpec, ProtocolName, ShapeSpec } from '../src/core/spec';

export interface ServiceOverride {
  /** Protocols accepted besides the v3 client's own (older SDKs, the CLI, boto3). */
  alternateProtocols?: ProtocolName[];
  /** XML namespace of query responses, when the v3 client (JSON) does not name it. */
  xmlNamespace?: string;
  /** State is per account, not per region. */
  global?: true;
  /** Rewrites an operation's HTTP binding; gets the input's httpLabel member names. */
  rewriteHttp?: (op: OperationSpec, labels: string[]) => OperationSpec['http'];
  /** Operations the service answers that its model leaves out, with the shapes they name. */
  extraOperations?: { operations: OperationSpec[]; shapes: Record<string, ShapeSpec> };
  /** JSON `__type` prefix of modelled errors when AWS's is not `<model namespace>#` ('' for bare names). */
  errorTypePrefix?: string;
  /** `__type` of errors AWS's request layer answers before the service runs, by code. */
  frameworkErrorTypes?: Record<string, string>;
}

/**
 * DynamoDB's errors name its versioned Coral namespace, and errors of the
 * request layer (validation, deserialization, routing) the Coral framework's:
 * `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`,
 * `com.amazon.coral.validate#ValidationException`,
 * `com.amazon.coral.service#SerializationException`.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
const dynamodbErrors: Pick<ServiceOverride, 'errorTypePrefix' | 'frameworkErrorTypes'> = {
  errorTypePrefix: 'com.amazonaws.dynamodb.v20120810#',
  frameworkErrorTypes: {
    ValidationException: 'com.amazon.coral.validate#ValidationException',
    SerializationException: 'com.amazon.coral.service#SerializationException',
    UnknownOperationException: 'com.amazon.coral.service#UnknownOperationException',
    InternalFailure: 'com.amazon.coral.service#InternalFailure',
  },
};

/**
 * JSON services whose error documents carry the bare shape name
 * (`{"__type":"ResourceNotFoundException","message":...}`), as their API
 * references' error examples show; SQS (JSON since 2023) and CloudWatch keep
 * `<namespace>#<Shape>`.
 */
const bareErrorTypes: Pick<ServiceOverride, 'errorTypePrefix'> = { errorTypePrefix: '' };

/**
 * S3: v3 URIs leave out the bucket, which its endpoint rules put in the host
 * (`/{Key+}?x-id=GetObject`). AWS also takes the path style, as the v2 model
 * and every other SDK write it (`/{Bucket}/{Key+}`): put `{Bucket}` back in
 * front when the input binds a `Bucket` label the template lacks.
 *
 * @note `x-id=<Operation>` is kept: the v3 SDK sends it, and it is the only
 * thing that tells apart operations no path, method or required member
 * separates (ListBuckets and ListDirectoryBuckets are both `GET /`). Other
 * clients do not send it, so the rest protocols match with it when present
 * and ignore it otherwise.
 */
function s3Http(op: OperationSpec, labels: string[]): OperationSpec['http'] {
  const http = op.http;
  if (!http || !labels.includes('Bucket') || http.uri.includes('{Bucket}')) return http;
  const [path, query] = splitOnce(http.uri, '?');
  const withBucket = path === '/' ? '/{Bucket}' : `/{Bucket}${path}`;
  return { ...http, uri: query === undefined ? withBucket : `${withBucket}?${query}` };
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

const header = (locationName: string, target = 'string'): MemberSpec => ({ target, location: 'header', locationName });

/**
 * S3 browser uploads: `POST /{Bucket}` with a multipart/form-data body (key,
 * policy, signature fields, then the file). No SDK sends it, so the model has
 * no operation for it; the handler reads the form from the raw body. The
 * answer is 204 by default, 200/201 (`<PostResponse>`) or a 303 redirect.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */
const s3PostObject: ServiceOverride['extraOperations'] = {
  operations: [
    {
      name: 'PostObject',
      input: 'PostObjectRequest',
      output: 'PostObjectOutput',
      http: { method: 'POST', uri: '/{Bucket}', code: 204 },
    },
  ],
  shapes: {
    PostObjectRequest: {
      type: 'structure',
      members: {
        Bucket: { target: 'string', location: 'uri', locationName: 'Bucket', required: true },
        ContentType: header('Content-Type'),
        Body: { target: 'blob', streaming: true, location: 'payload' },
      },
    },
    PostObjectOutput: {
      type: 'structure',
      members: {
        ETag: header('ETag'),
        Location: header('Location'),
        VersionId: header('x-amz-version-id'),
        Expiration: header('x-amz-expiration'),
        ServerSideEncryption: { ...header('x-amz-server-side-encryption'), enum: 'ServerSideEncryption' },
        SSEKMSKeyId: header('x-amz-server-side-encryption-aws-kms-key-id'),
        BucketKeyEnabled: header('x-amz-server-side-encryption-bucket-key-enabled', 'boolean'),
        PostResponse: { target: 'PostResponse', location: 'payload' },
      },
    },
    PostResponse: {
      type: 'structure',
      xmlName: 'PostResponse',
      members: {
        Location: { target: 'string' },
        Bucket: { target: 'string' },
        Key: { target: 'string' },
        ETag: { target: 'string' },
      },
    },
  },
};

export const OVERRIDES: Record<string, ServiceOverride> = {
  // S3's bucket namespace spans regions: buckets carry their own region.
  s3: { global: true, rewriteHttp: s3Http, extraOperations: s3PostObject },
  dynamodb: dynamodbErrors,
  kinesis: bareErrorTypes,
  kms: bareErrorTypes,
  secretsmanager: bareErrorTypes,
  ssm: bareErrorTypes,
  logs: bareErrorTypes,
  events: bareErrorTypes,
  iam: { global: true },
  // SQS moved to JSON in 2023; older SDKs and tools still speak query.
  // @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html
  sqs: { alternateProtocols: ['query'], xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/' },
  // CloudWatch moved to JSON 1.0 (query-compatible); query and CBOR clients remain.
  cloudwatch: { alternateProtocols: ['query', 'rpc-v2-cbor'] },
};
