/**
 * S3 Control over the server mode, driven by boto3: both S3 and S3 Control
 * sign as `s3` and the server's address names neither, so the request path
 * (`/v20180820/configuration/...`) tells them apart. botocore's endpoint rules put the
 * account id in front of any host (`123456789012.127.0.0.1`, which does not
 * resolve), so the script takes it off before signing.
 * (Skipped with a message when python3/boto3 is absent.)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { useServer } from '../../server/support/server-fixture';
import { hasBoto3 } from '../s3/support/boto3';

const run = promisify(execFile);

const boto3 = hasBoto3();
if (!boto3) console.warn('s3control/server.test.ts: python3 with boto3 not found, skipped');

async function py(url: string, body: string): Promise<any> {
  const script = `
import json, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
kw = dict(endpoint_url=${JSON.stringify(url)}, region_name='us-east-1', aws_access_key_id='AKIAIOSFODNN7EXAMPLE',
  aws_secret_access_key='secret', config=Config(inject_host_prefix=False, retries={'max_attempts': 1}, s3={'addressing_style': 'path'}))
control = boto3.client('s3control', **kw)
def local_host(request, **_):
  request.url = request.url.replace('//123456789012.', '//', 1)
control.meta.events.register('before-sign.s3-control', local_host)
s3 = boto3.client('s3', **kw)
out = {}
try:
${body.replace(/^/gm, '  ')}
except ClientError as e:
  out['error'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]; out['msg'] = str(e)
print(json.dumps(out, default=str))
`;
  const { stdout } = await run('python3', ['-c', script], { timeout: 30_000 });
  return JSON.parse(stdout);
}

(boto3 ? describe : describe.skip)('S3 Control over the server (boto3)', () => {
  const server = useServer();

  it('routes s3control and s3 calls apart and applies the account settings to S3', async () => {
    const out = await py(
      server().url,
      `
control.put_public_access_block(AccountId='123456789012', PublicAccessBlockConfiguration={'BlockPublicAcls': True})
out['get'] = control.get_public_access_block(AccountId='123456789012')['PublicAccessBlockConfiguration']
s3.create_bucket(Bucket='guarded')
s3.create_bucket(Bucket='v20180820')
s3.put_object(Bucket='v20180820', Key='k', Body=b'y')
out['shadow'] = s3.get_object(Bucket='v20180820', Key='k')['Body'].read().decode()
out['buckets'] = [b['Name'] for b in s3.list_buckets()['Buckets']]
s3.delete_public_access_block(Bucket='guarded')
s3.put_bucket_ownership_controls(Bucket='guarded', OwnershipControls={'Rules': [{'ObjectOwnership': 'ObjectWriter'}]})
s3.put_object(Bucket='guarded', Key='k', Body=b'x')
out['keys'] = [o['Key'] for o in s3.list_objects_v2(Bucket='guarded')['Contents']]
control.delete_public_access_block(AccountId='123456789012')
try:
  control.get_public_access_block(AccountId='123456789012')
except ClientError as e:
  out['missing'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
control.put_public_access_block(AccountId='123456789012', PublicAccessBlockConfiguration={'BlockPublicAcls': True})
s3.put_object(Bucket='guarded', Key='p', Body=b'x', ACL='public-read')
`,
    );
    expect(out.get).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    expect(out.buckets).toEqual(['guarded', 'v20180820']);
    expect(out.keys).toEqual(['k']);
    expect(out.shadow).toBe('y');
    expect(out.missing).toEqual(['NoSuchPublicAccessBlockConfiguration', 404]);
    expect(out.error).toEqual(['AccessDenied', 403]);
  });
});
