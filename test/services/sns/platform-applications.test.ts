/** SNS platform applications: ListPlatformApplications pages (100, in ARN order) over the live applications. */
import {
  CreatePlatformApplicationCommand,
  DeletePlatformApplicationCommand,
  ListPlatformApplicationsCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { useMockAws } from '../lifecycle';

describe('SNS platform applications', () => {
  useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });
  const create = async (Name: string) =>
    (await sns.send(new CreatePlatformApplicationCommand({ Name, Platform: 'GCM', Attributes: { PlatformCredential: 'key' } })))
      .PlatformApplicationArn!;

  const listAll = async () => {
    const pages: string[][] = [];
    let NextToken: string | undefined;
    do {
      const out = await sns.send(new ListPlatformApplicationsCommand({ NextToken }));
      pages.push(out.PlatformApplications!.map((a) => a.PlatformApplicationArn!));
      NextToken = out.NextToken;
    } while (NextToken);
    return pages;
  };

  it('lists applications in pages of 100 in ARN order, without deleted ones', async () => {
    const arns: string[] = [];
    for (let i = 204; i >= 0; i--) arns.push(await create(`app${String(i).padStart(3, '0')}`));
    expect(await create('app007')).toBe(arns[204 - 7]); // re-creating one keeps one entry
    await sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: arns[0] }));
    const pages = await listAll();
    expect(pages.map((p) => p.length)).toEqual([100, 100, 4]);
    const expected = arns.slice(1).sort();
    expect(pages.flat()).toEqual(expected);
    expect(expected[0]).toBe('arn:aws:sns:us-east-1:123456789012:app/GCM/app000');
    const first = await sns.send(new ListPlatformApplicationsCommand({}));
    expect(first.PlatformApplications![0].Attributes).toEqual({ Enabled: 'true' });
  });
});
