import {
  CreateSMSSandboxPhoneNumberCommand,
  DeleteSMSSandboxPhoneNumberCommand,
  GetSMSSandboxAccountStatusCommand,
  ListOriginationNumbersCommand,
  ListSMSSandboxPhoneNumbersCommand,
  SNSClient,
  VerifySMSSandboxPhoneNumberCommand,
} from '@aws-sdk/client-sns';
import { useMockAws } from '../lifecycle';
import type { SnsBackend } from '../../../services/sns/models/backend';

describe('SNS SMS sandbox', () => {
  const m = useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });

  it('starts in the sandbox and owns no origination numbers', async () => {
    expect((await sns.send(new GetSMSSandboxAccountStatusCommand({}))).IsInSandbox).toBe(true);
    expect((await sns.send(new ListOriginationNumbersCommand({}))).PhoneNumbers).toEqual([]);
  });

  it('verifies a number with the one-time password it was sent', async () => {
    await sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: '+12065550100' }));
    let listed = await sns.send(new ListSMSSandboxPhoneNumbersCommand({}));
    expect(listed.PhoneNumbers).toEqual([{ PhoneNumber: '+12065550100', Status: 'Pending' }]);

    const wrong = await sns
      .send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: '+12065550100', OneTimePassword: '000000' }))
      .catch((e) => e);
    expect(wrong.name).toBe('VerificationException');
    expect(wrong.Status).toBe('FAILED');

    const backend = (await m.dispatcher.backends.get('sns')) as SnsBackend;
    const sms = backend.deliveries.find((d) => d.protocol === 'sms' && d.endpoint === '+12065550100');
    const otp = /(\d{6})/.exec(sms?.body ?? '')?.[1] as string;
    await sns.send(new VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: '+12065550100', OneTimePassword: otp }));
    listed = await sns.send(new ListSMSSandboxPhoneNumbersCommand({}));
    expect(listed.PhoneNumbers?.[0].Status).toBe('Verified');

    await sns.send(new DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: '+12065550100' }));
    const gone = await sns
      .send(new DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: '+12065550100' }))
      .catch((e) => e);
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
  });

  it('rejects a number that is not E.164', async () => {
    const err = await sns.send(new CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: 'call me' })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterException');
  });
});
