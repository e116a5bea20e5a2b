/** Identity pool administration: update, list in pages, tags, identity deletion, pool deletion. */
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentitiesCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
  DescribeIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { useMockAws } from '../lifecycle';

const identity = () => new CognitoIdentityClient({ region: 'us-east-1' });

describe('cognito-identity pool administration', () => {
  useMockAws();

  it('updates, lists in pages, tags and deletes pools', async () => {
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      const pool = await identity().send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: false, IdentityPoolTags: { app: name } }));
      ids.push(pool.IdentityPoolId as string);
    }
    const updated = await identity().send(new UpdateIdentityPoolCommand({ IdentityPoolId: ids[0], IdentityPoolName: 'uno', AllowUnauthenticatedIdentities: true }));
    expect(updated).toMatchObject({ IdentityPoolName: 'uno', AllowUnauthenticatedIdentities: true, IdentityPoolTags: { app: 'one' } });
    const p1 = await identity().send(new ListIdentityPoolsCommand({ MaxResults: 2 }));
    const p2 = await identity().send(new ListIdentityPoolsCommand({ MaxResults: 2, NextToken: p1.NextToken }));
    expect([...(p1.IdentityPools ?? []), ...(p2.IdentityPools ?? [])].map((p) => p.IdentityPoolName).sort()).toEqual(['three', 'two', 'uno']);
    expect(p2.NextToken).toBeUndefined();

    const arn = `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${ids[1]}`;
    await identity().send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'dev' } }));
    await identity().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['app'] }));
    expect((await identity().send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ env: 'dev' });

    await identity().send(new DeleteIdentityPoolCommand({ IdentityPoolId: ids[2] }));
    await expect(identity().send(new DescribeIdentityPoolCommand({ IdentityPoolId: ids[2] }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('deletes identities and reports unknown ones as unprocessed', async () => {
    const pool = await identity().send(new CreateIdentityPoolCommand({ IdentityPoolName: 'guests', AllowUnauthenticatedIdentities: true }));
    const { IdentityId } = await identity().send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    const missing = 'us-east-1:00000000-0000-0000-0000-000000000000';
    const out = await identity().send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [IdentityId as string, missing] }));
    expect(out.UnprocessedIdentityIds).toEqual([{ IdentityId: missing, ErrorCode: 'InternalServerError' }]);
    await expect(identity().send(new DescribeIdentityCommand({ IdentityId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
