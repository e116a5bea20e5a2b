import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  GetGroupCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { useMockAws } from '../lifecycle';
import { ACCOUNT, failure as error, iam } from './support';

describe('IAM users and groups', () => {
  useMockAws();

  it('creates a user with a path, id, ARN and tags, and gets it back', async () => {
    const out = await iam.send(
      new CreateUserCommand({ UserName: 'bob', Path: '/division/', Tags: [{ Key: 'team', Value: 'blue' }] }),
    );
    expect(out.User?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/division/bob`);
    expect(out.User?.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(out.User?.Path).toBe('/division/');
    expect(out.User?.CreateDate).toBeInstanceOf(Date);
    expect(out.User?.Tags).toEqual([{ Key: 'team', Value: 'blue' }]);
    const got = await iam.send(new GetUserCommand({ UserName: 'bob' }));
    expect(got.User?.UserId).toBe(out.User?.UserId);
    expect(got.User?.Tags).toEqual([{ Key: 'team', Value: 'blue' }]);
  });

  it('refuses a second user of the same name, whatever its case', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'Alice' }));
    const e = await error(iam.send(new CreateUserCommand({ UserName: 'alice' })));
    expect(e.name).toBe('EntityAlreadyExistsException');
    expect(e.message).toBe('User with name alice already exists.');
    expect(e.$metadata.httpStatusCode).toBe(409);
  });

  it('answers NoSuchEntity (404) for a user that does not exist', async () => {
    const e = await error(iam.send(new GetUserCommand({ UserName: 'nobody' })));
    expect(e.name).toBe('NoSuchEntityException');
    expect(e.message).toBe('The user with name nobody cannot be found.');
    expect(e.$metadata.httpStatusCode).toBe(404);
  });

  it('answers the root caller of GetUser with the account root', async () => {
    const out = await iam.send(new GetUserCommand({}));
    expect(out.User?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(out.User?.UserId).toBe(ACCOUNT);
    expect(out.User?.UserName).toBeUndefined();
  });

  it('renames and moves a user, keeping its id', async () => {
    const created = await iam.send(new CreateUserCommand({ UserName: 'old' }));
    await iam.send(new UpdateUserCommand({ UserName: 'old', NewUserName: 'new', NewPath: '/moved/' }));
    const got = await iam.send(new GetUserCommand({ UserName: 'new' }));
    expect(got.User?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/moved/new`);
    expect(got.User?.UserId).toBe(created.User?.UserId);
    expect((await error(iam.send(new GetUserCommand({ UserName: 'old' })))).name).toBe('NoSuchEntityException');
  });

  it('pages ListUsers with Marker and MaxItems, filtered by path prefix', async () => {
    for (const n of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      await iam.send(new CreateUserCommand({ UserName: n, Path: n === 'u5' ? '/other/' : '/team/' }));
    }
    const first = await iam.send(new ListUsersCommand({ MaxItems: 2 }));
    expect(first.Users?.map((u) => u.UserName)).toEqual(['u1', 'u2']);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListUsersCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(second.Users?.map((u) => u.UserName)).toEqual(['u3', 'u4']);
    const all: string[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 2 }, {})) {
      all.push(...(page.Users ?? []).map((u) => u.UserName as string));
    }
    expect(all).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    const team = await iam.send(new ListUsersCommand({ PathPrefix: '/team/' }));
    expect(team.Users).toHaveLength(4);
    expect(team.IsTruncated).toBe(false);
    // ListUsers leaves tags out; GetUser has them.
    expect(team.Users?.[0].Tags).toBeUndefined();
  });

  it('tags and untags a user; tag keys are unique case-insensitively', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'tagged' }));
    await iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'A', Value: '3' }] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags).toEqual([
      { Key: 'b', Value: '2' },
      { Key: 'A', Value: '3' },
    ]);
    const dup = await error(
      iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'x', Value: '1' }, { Key: 'X', Value: '2' }] })),
    );
    expect(dup.name).toBe('InvalidInputException');
    expect(dup.message).toBe('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    await iam.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['b'] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags).toEqual([{ Key: 'A', Value: '3' }]);
  });

  it('keeps group membership both ways and pages GetGroup', async () => {
    const g = await iam.send(new CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }));
    expect(g.Group?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:group/eng/devs`);
    expect(g.Group?.GroupId).toMatch(/^AGPA[A-Z0-9]{17}$/);
    for (const n of ['carol', 'dave', 'erin']) {
      await iam.send(new CreateUserCommand({ UserName: n }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: n }));
    }
    const page = await iam.send(new GetGroupCommand({ GroupName: 'devs', MaxItems: 2 }));
    expect(page.Users?.map((u) => u.UserName)).toEqual(['carol', 'dave']);
    expect(page.IsTruncated).toBe(true);
    const rest = await iam.send(new GetGroupCommand({ GroupName: 'devs', Marker: page.Marker }));
    expect(rest.Users?.map((u) => u.UserName)).toEqual(['erin']);
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'dave' }))).Groups?.map((x) => x.GroupName)).toEqual(['devs']);
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'dave' }));
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'dave' }))).Groups).toEqual([]);
  });

  it('refuses to delete a group with members, then deletes it', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
    await iam.send(new CreateUserCommand({ UserName: 'frank' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: 'frank' }));
    const e = await error(iam.send(new DeleteGroupCommand({ GroupName: 'ops' })));
    expect(e.name).toBe('DeleteConflictException');
    expect(e.message).toBe('Cannot delete entity, must remove users from group first.');
    expect(e.$metadata.httpStatusCode).toBe(409);
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'ops', UserName: 'frank' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'ops' }));
    expect((await iam.send(new ListGroupsCommand({}))).Groups).toEqual([]);
  });

  it('renames a group and keeps its members', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'a' }));
    await iam.send(new CreateUserCommand({ UserName: 'gina' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'a', UserName: 'gina' }));
    await iam.send(new UpdateGroupCommand({ GroupName: 'a', NewGroupName: 'b' }));
    expect((await iam.send(new GetGroupCommand({ GroupName: 'b' }))).Users?.map((u) => u.UserName)).toEqual(['gina']);
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'gina' }))).Groups?.[0].GroupName).toBe('b');
  });

  it('refuses to delete a user with inline policies or group membership', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'henry' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'henry',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }),
      }),
    );
    const e = await error(iam.send(new DeleteUserCommand({ UserName: 'henry' })));
    expect(e.name).toBe('DeleteConflictException');
    expect(e.message).toBe('Cannot delete entity, must delete policies first.');
  });

  it('refuses a Marker it did not issue', async () => {
    const e = await error(iam.send(new ListUsersCommand({ Marker: 'not-a-marker!' })));
    expect(e.name).toBe('InvalidInputException');
  });

  it('limits a user to 10 groups', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'ivy' }));
    for (let i = 0; i < 10; i++) {
      await iam.send(new CreateGroupCommand({ GroupName: `g${i}` }));
      await iam.send(new AddUserToGroupCommand({ GroupName: `g${i}`, UserName: 'ivy' }));
    }
    await iam.send(new CreateGroupCommand({ GroupName: 'g10' }));
    const e = await error(iam.send(new AddUserToGroupCommand({ GroupName: 'g10', UserName: 'ivy' })));
    expect(e.name).toBe('LimitExceededException');
    expect(e.message).toBe('Cannot exceed quota for GroupsPerUser: 10');
  });
});
