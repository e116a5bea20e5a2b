/**
 * Access control as S3 evaluates it: unsigned (anonymous) and cross-account
 * requests against bucket policies, ACLs and Block Public Access; the owner's
 * account stays allowed unless an explicit Deny matches.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-s3-evaluates-access-control.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
 */
import {
  DeletePublicAccessBlockCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { fail, useS3 } from './support';

const Bucket = 'guarded';
const { s3 } = useS3({ Bucket });

/** A client that sends unsigned requests: the anonymous principal. */
const anonymous = new S3Client({ region: 'us-east-1', signer: { sign: async (request) => request } });
/** A client of another account (a 12-digit access key names its account). */
const other = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 'x' } });

const OTHER_ARN = 'arn:aws:iam::210987654321:root';

async function body(out: { Body?: { transformToString(): Promise<string> } }): Promise<string> {
  return (await out.Body?.transformToString()) ?? '';
}

/** Lets ACLs take part and public grants and policies be set (new buckets block both). */
async function openBucket(): Promise<void> {
  await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
  await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
}

const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('S3 access control', () => {
  beforeEach(() => s3.send(new PutObjectCommand({ Bucket, Key: 'doc.txt', Body: 'secret' })));

  describe('ACLs (where Object Ownership allows them)', () => {
    it('lets anyone read a public-read object and refuses a private one with 403 AccessDenied', async () => {
      await openBucket();
      await s3.send(new PutObjectCommand({ Bucket, Key: 'public.txt', Body: 'hello', ACL: 'public-read' }));
      expect(await body(await anonymous.send(new GetObjectCommand({ Bucket, Key: 'public.txt' })))).toBe('hello');
      const denied = await fail(anonymous.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })));
      expect([denied.name, denied.$metadata.httpStatusCode, denied.message]).toEqual(['AccessDenied', 403, 'Access Denied']);
    });

    it('answers AccessDenied, not NoSuchKey, for a missing key to a caller who may not list the bucket', async () => {
      const denied = await fail(anonymous.send(new GetObjectCommand({ Bucket, Key: 'absent' })));
      expect(denied.name).toBe('AccessDenied');
    });

    it('ignores public grants under IgnorePublicAcls', async () => {
      await openBucket();
      await s3.send(new PutObjectCommand({ Bucket, Key: 'public.txt', Body: 'hello', ACL: 'public-read' }));
      await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }));
      expect((await fail(anonymous.send(new GetObjectCommand({ Bucket, Key: 'public.txt' })))).name).toBe('AccessDenied');
    });

    it('does not use ACLs under BucketOwnerEnforced (the default)', async () => {
      await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
      await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
      await s3.send(new PutObjectAclCommand({ Bucket, Key: 'doc.txt', ACL: 'public-read' }));
      await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
      expect((await fail(anonymous.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).name).toBe('AccessDenied');
    });

    it('refuses public ACLs under BlockPublicAcls (PutObject, PutObjectAcl, PutBucketAcl)', async () => {
      await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
      for (const call of [
        s3.send(new PutObjectCommand({ Bucket, Key: 'p', Body: 'x', ACL: 'public-read' })),
        s3.send(new PutObjectAclCommand({ Bucket, Key: 'doc.txt', ACL: 'authenticated-read' })),
        s3.send(new PutBucketAclCommand({ Bucket, GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' })),
      ]) {
        const err = await fail(call);
        expect([err.name, err.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
      }
    });

    it('refuses a canned ACL on PutObject when the bucket disallows ACLs (AccessControlListNotSupported)', async () => {
      const err = await fail(s3.send(new PutObjectCommand({ Bucket, Key: 'p', Body: 'x', ACL: 'public-read' })));
      expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual(['AccessControlListNotSupported', 400, 'The bucket does not allow ACLs']);
      await s3.send(new PutObjectCommand({ Bucket, Key: 'p', Body: 'x', ACL: 'bucket-owner-full-control' }));
    });

    it('lets another account read an authenticated-read object', async () => {
      await openBucket();
      await s3.send(new PutObjectCommand({ Bucket, Key: 'shared.txt', Body: 'for you', ACL: 'authenticated-read' }));
      expect(await body(await other.send(new GetObjectCommand({ Bucket, Key: 'shared.txt' })))).toBe('for you');
      // AuthenticatedUsers is any signed caller, never the anonymous one.
      expect((await fail(anonymous.send(new GetObjectCommand({ Bucket, Key: 'shared.txt' })))).name).toBe('AccessDenied');
    });
  });

  describe('bucket policies', () => {
    it('grant anonymous reads with Principal "*" once BlockPublicPolicy is lifted', async () => {
      const open = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }]);
      const blocked = await fail(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: open })));
      expect(blocked.name).toBe('AccessDenied');
      expect(blocked.message).toContain('because public policies are blocked by the BlockPublicPolicy block public access setting');
      await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
      const put = await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: open }));
      expect(put.$metadata.httpStatusCode).toBe(204);
      expect(await body(await anonymous.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).toBe('secret');
      // The policy allows GetObject only.
      expect((await fail(anonymous.send(new PutObjectCommand({ Bucket, Key: 'x', Body: 'x' })))).name).toBe('AccessDenied');
    });

    it('RestrictPublicBuckets takes a public policy out of the evaluation for other accounts and anonymous callers', async () => {
      await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
      await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }]) }));
      await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
      expect((await fail(anonymous.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).name).toBe('AccessDenied');
      expect((await fail(other.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).name).toBe('AccessDenied');
      // The owner's account is not affected.
      expect(await body(await s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).toBe('secret');
    });

    it('grant another account access by its ARN; without the policy it is AccessDenied', async () => {
      expect((await fail(other.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).name).toBe('AccessDenied');
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket,
          Policy: policy([{ Effect: 'Allow', Principal: { AWS: OTHER_ARN }, Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${Bucket}/*` }]),
        }),
      );
      expect(await body(await other.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).toBe('secret');
      await other.send(new PutObjectCommand({ Bucket, Key: 'from-other', Body: 'hi' }));
      expect(await body(await s3.send(new GetObjectCommand({ Bucket, Key: 'from-other' })))).toBe('hi');
    });

    it('evaluate s3:prefix on ListBucket', async () => {
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket,
          Policy: policy([
            {
              Effect: 'Allow',
              Principal: { AWS: '210987654321' },
              Action: 's3:ListBucket',
              Resource: `arn:aws:s3:::${Bucket}`,
              Condition: { StringLike: { 's3:prefix': 'home/*' } },
            },
          ]),
        }),
      );
      await other.send(new ListObjectsV2Command({ Bucket, Prefix: 'home/alice' }));
      expect((await fail(other.send(new ListObjectsV2Command({ Bucket })))).name).toBe('AccessDenied');
    });

    it('apply an explicit Deny to the owner account too (aws:SecureTransport false over http)', async () => {
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket,
          Policy: policy([
            { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${Bucket}`, `arn:aws:s3:::${Bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
            { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${Bucket}/*` },
          ]),
        }),
      );
      // The SDK calls over https: the transport Deny does not match, the DeleteObject one does.
      expect(await body(await s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).toBe('secret');
      const plain = new S3Client({ region: 'us-east-1', endpoint: 'http://s3.amazonaws.com', forcePathStyle: true });
      expect((await fail(plain.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).name).toBe('AccessDenied');
    });

    it('reject malformed policies and invalid principals with MalformedPolicy', async () => {
      const cases: Array<[string, string]> = [
        ['not json', "Policies must be valid JSON and the first byte must be '{'"],
        [policy([{ Effect: 'Allow', Principal: { AWS: 'not-an-arn' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }]), 'Invalid principal in policy'],
        [policy([{ Effect: 'Allow', Principal: { Nobody: 'x' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }]), 'Invalid principal in policy'],
        [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }]), 'Missing required field Principal'],
      ];
      for (const [text, message] of cases) {
        const err = await fail(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: text })));
        expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual(['MalformedPolicy', 400, message]);
      }
    });
  });
});
