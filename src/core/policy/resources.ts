/**
 * For enforcement: the IAM action a call performs and the resource it acts on,
 * derived from the service, operation and input. Covers the services mockaws
 * emulates; anything not named here is authorized against resource `*`.
 */

/** IAM action prefixes that differ from the service id. */
const PREFIX: Record<string, string> = { dynamodbstreams: 'dynamodb' };

/** Operations whose IAM action has another name (Service Authorization Reference). */
const ACTION_NAMES: Record<string, Record<string, string>> = {
  s3: {
    ListObjects: 'ListBucket',
    ListObjectsV2: 'ListBucket',
    HeadBucket: 'ListBucket',
    HeadObject: 'GetObject',
    ListBuckets: 'ListAllMyBuckets',
    DeleteObjects: 'DeleteObject',
    CopyObject: 'PutObject',
    CreateMultipartUpload: 'PutObject',
    UploadPart: 'PutObject',
    UploadPartCopy: 'PutObject',
    CompleteMultipartUpload: 'PutObject',
    ListObjectVersions: 'ListBucketVersions',
    ListMultipartUploads: 'ListBucketMultipartUploads',
    ListParts: 'ListMultipartUploadParts',
    GetObjectAttributes: 'GetObject',
  },
  // ReEncrypt needs kms:ReEncryptFrom on the source key (and kms:ReEncryptTo on the destination, not checked).
  kms: { ReEncrypt: 'ReEncryptFrom' },
  lambda: { Invoke: 'InvokeFunction', InvokeAsync: 'InvokeFunction', InvokeWithResponseStream: 'InvokeFunction' },
};

export function actionFor(service: string, operation: string): string {
  return `${PREFIX[service] ?? service}:${ACTION_NAMES[service]?.[operation] ?? operation}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isArn = (v: string | undefined) => v?.startsWith('arn:') ?? false;

/** The resource ARN a call acts on, or `*` when it acts on none or the service is not covered. */
export function resourceFor(service: string, input: Record<string, unknown>, account: string, region: string): string {
  const arnOr = (value: string | undefined, build: (v: string) => string) => (value ? (isArn(value) ? value : build(value)) : '*');
  switch (service) {
    case 's3': {
      const bucket = str(input.Bucket);
      if (!bucket) return '*';
      const key = str(input.Key);
      return key ? `arn:aws:s3:::${bucket}/${key}` : `arn:aws:s3:::${bucket}`;
    }
    case 'sqs': {
      const url = str(input.QueueUrl);
      const name = url?.split('/').pop() ?? str(input.QueueName);
      const owner = url?.split('/').slice(-2, -1)[0] ?? account;
      return name ? `arn:aws:sqs:${region}:${/^\d{12}$/.test(owner) ? owner : account}:${name}` : '*';
    }
    case 'sns':
      return str(input.TopicArn) ?? str(input.TargetArn) ?? str(input.ResourceArn) ?? '*';
    case 'dynamodb':
      return arnOr(str(input.TableName), (t) => `arn:aws:dynamodb:${region}:${account}:table/${t}`);
    case 'lambda':
      return arnOr(str(input.FunctionName), (f) => `arn:aws:lambda:${region}:${account}:function:${f}`);
    case 'kms':
      return arnOr(str(input.KeyId), (k) =>
        k.startsWith('alias/') ? `arn:aws:kms:${region}:${account}:${k}` : `arn:aws:kms:${region}:${account}:key/${k}`,
      );
    case 'secretsmanager':
      return arnOr(str(input.SecretId), (s) => `arn:aws:secretsmanager:${region}:${account}:secret:${s}`);
    case 'logs':
      return arnOr(str(input.logGroupName), (g) => `arn:aws:logs:${region}:${account}:log-group:${g}`);
    case 'kinesis':
      return str(input.StreamARN) ?? arnOr(str(input.StreamName), (s) => `arn:aws:kinesis:${region}:${account}:stream/${s}`);
    case 'ssm':
      return arnOr(str(input.Name), (n) => `arn:aws:ssm:${region}:${account}:parameter${n.startsWith('/') ? n : `/${n}`}`);
    case 'iam': {
      const policyArn = str(input.PolicyArn);
      if (policyArn) return policyArn;
      for (const [member, kind] of [
        ['UserName', 'user'],
        ['RoleName', 'role'],
        ['GroupName', 'group'],
        ['InstanceProfileName', 'instance-profile'],
      ] as const) {
        const name = str(input[member]);
        if (name) return `arn:aws:iam::${account}:${kind}/${name}`;
      }
      return '*';
    }
    case 'sts':
      return str(input.RoleArn) ?? '*';
    default:
      return '*';
  }
}
