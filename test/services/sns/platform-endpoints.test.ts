/**
 * SNS platform endpoints: CreatePlatformEndpoint is idempotent on the device
 * token only while the other settings match; a token already registered with
 * other CustomUserData or Enabled is refused. Enabled is kept as true/false,
 * and a disabled endpoint refuses Publish with EndpointDisabled.
 * @see https://docs.aws.amazon.com/sns/latest/api/API_CreatePlatformEndpoint.html
 * @see https://docs.aws.amazon.com/sns/latest/api/API_SetEndpointAttributes.html
 */
import {
  CreatePlatformApplicationCommand,
  CreatePlatformEndpointCommand,
  GetEndpointAttributesCommand,
  PublishCommand,
  SetEndpointAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { useMockAws } from '../lifecycle';

describe('SNS platform endpoints', () => {
  useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });
  const app = async () =>
    (await sns.send(new CreatePlatformApplicationCommand({ Name: 'app', Platform: 'GCM', Attributes: { PlatformCredential: 'key' } })))
      .PlatformApplicationArn as string;

  it('returns the same endpoint for the same token and settings, and refuses the token with other settings', async () => {
    const PlatformApplicationArn = await app();
    const first = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'tok', CustomUserData: 'u1' }));
    const again = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'tok', CustomUserData: 'u1' }));
    expect(again.EndpointArn).toBe(first.EndpointArn);
    for (const other of [{ CustomUserData: 'u2' }, { CustomUserData: 'u1', Attributes: { Enabled: 'false' } }]) {
      await expect(sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'tok', ...other }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: `Invalid parameter: Token Reason: Endpoint ${first.EndpointArn} already exists with the same Token, but different attributes.`,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });

  it('keeps Enabled lower-case and refuses publishes to a disabled endpoint', async () => {
    const PlatformApplicationArn = await app();
    const { EndpointArn } = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 't2' }));
    await sns.send(new SetEndpointAttributesCommand({ EndpointArn, Attributes: { Enabled: 'False' } }));
    const { Attributes } = await sns.send(new GetEndpointAttributesCommand({ EndpointArn }));
    expect(Attributes).toEqual({ Enabled: 'false', Token: 't2' });
    await expect(sns.send(new PublishCommand({ TargetArn: EndpointArn, Message: 'hi' }))).rejects.toMatchObject({
      name: 'EndpointDisabledException',
      message: 'Endpoint is disabled',
    });
    await sns.send(new SetEndpointAttributesCommand({ EndpointArn, Attributes: { Enabled: 'TRUE' } }));
    expect((await sns.send(new PublishCommand({ TargetArn: EndpointArn, Message: 'hi' }))).MessageId).toBeDefined();
  });
});
