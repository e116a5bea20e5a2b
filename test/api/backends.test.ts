import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockAws } from '../../src/mock';

describe('typed backend access', () => {
  it('reaches the state of a service for an account and region', async () => {
    await mockAws(async (m) => {
      await new SQSClient({ region: 'eu-west-1' }).send(new CreateQueueCommand({ QueueName: 'jobs' }));
      const here = await m.backends.sqs('123456789012', 'eu-west-1');
      expect(here.findQueue('jobs')).toBeDefined();
      const elsewhere = await m.backends.sqs();
      expect(elsewhere.region).toBe('us-east-1');
      expect(elsewhere.findQueue('jobs')).toBeUndefined();
      const generic = await m.backends.get<typeof here>('sqs', '123456789012', 'eu-west-1');
      expect(generic).toBe(here);
    });
  });

  it('has an accessor for every registered service', async () => {
    await mockAws(async (m) => {
      expect(typeof m.backends.s3).toBe('function');
      expect(typeof m.backends.ec2).toBe('function');
      await expect(m.backends.get('nope')).rejects.toMatchObject({ code: 'UnknownService' });
    });
  });
});
