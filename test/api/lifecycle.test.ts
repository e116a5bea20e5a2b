import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { Client } from '@smithy/core/client';
import { services } from '../../services';
import * as perService from '../../src/api/per-service';
import { type MockAws, mockAws } from '../../src/mock';
import { rejectionOf } from '../intercept/support';

const queueNames = async (sqs = new SQSClient({})) =>
  ((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).map((url) => url.split('/').pop());

describe('mockAws() lifecycle', () => {
  it('runs a callback inside a mock, returns its value and stops after it', async () => {
    const original = Client.prototype.send;
    let inside: MockAws | undefined;
    const value = await mockAws(async (m) => {
      inside = m;
      expect(Client.prototype.send).not.toBe(original);
      return (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;
    });
    expect(value).toBe('123456789012');
    expect(inside?.active).toBe(false);
    expect(Client.prototype.send).toBe(original);
  });

  it('stops after a callback that throws, and passes the error on', async () => {
    let inside: MockAws | undefined;
    const error = await rejectionOf(
      mockAws(async (m) => {
        inside = m;
        throw new Error('boom');
      }),
    );
    expect(error.message).toBe('boom');
    expect(inside?.active).toBe(false);
  });

  it('drops all state on stop', async () => {
    const first = mockAws();
    await new SQSClient({}).send(new CreateQueueCommand({ QueueName: 'kept-until-stop' }));
    expect(await queueNames()).toEqual(['kept-until-stop']);
    first.stop();
    first.stop();
    await mockAws(async () => {
      expect(await queueNames()).toEqual([]);
    });
  });

  it('reset() drops state and stays active', async () => {
    await mockAws(async (m) => {
      await new SQSClient({}).send(new CreateQueueCommand({ QueueName: 'q' }));
      m.reset();
      expect(m.active).toBe(true);
      expect(await queueNames()).toEqual([]);
      expect(m.calls()).toHaveLength(1);
    });
  });

  it('lets a second handle join the running mock and share its state', async () => {
    const outer = mockAws();
    try {
      await new SQSClient({}).send(new CreateQueueCommand({ QueueName: 'shared' }));
      await mockAws(async (inner) => {
        expect(await queueNames()).toEqual(['shared']);
        expect(inner.calls({ operation: 'CreateQueue' })).toHaveLength(1);
      });
      expect(outer.active).toBe(true);
      expect(await queueNames()).toEqual(['shared']);
    } finally {
      outer.stop();
    }
  });

  it('starts a separate state on top for another account, and returns to the first after', async () => {
    const outer = mockAws();
    try {
      await new SQSClient({}).send(new CreateQueueCommand({ QueueName: 'outer' }));
      await mockAws(
        async (m) => {
          expect(m.account).toBe('111122223333');
          const who = await new STSClient({}).send(new GetCallerIdentityCommand({}));
          expect(who.Account).toBe('111122223333');
          expect(await queueNames()).toEqual([]);
        },
        { account: '111122223333' },
      );
      expect(await queueNames()).toEqual(['outer']);
    } finally {
      outer.stop();
    }
  });
});

describe('per-service mocks', () => {
  it('has one function per registered service', () => {
    const ids = Object.values(perService).map((fn) => fn.service);
    expect(ids.sort()).toEqual(services.map((s) => s.route.id).sort());
  });

  it('fakes only its service and refuses any other AWS call with MockawsRefused', async () => {
    await perService.mockSTS(async (m) => {
      expect((await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
      const error = await rejectionOf(new S3Client({}).send(new ListBucketsCommand({})));
      expect(error.name).toBe('MockawsRefused');
      expect(error.message).toContain("service 's3' is not mocked (per-service mode). Nothing was sent to AWS.");
      expect(error.$metadata.httpStatusCode).toBe(501);
      expect(error.$metadata.attempts).toBe(1);
      expect(m.calls()).toHaveLength(1);
    });
  });

  it('fakes the union of the per-service mocks that are active, in one state', async () => {
    const sqs = perService.mockSQS();
    const sts = perService.mockSTS();
    try {
      await new SQSClient({}).send(new CreateQueueCommand({ QueueName: 'both' }));
      expect((await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
      expect(sts.calls().map((c) => c.operation)).toEqual(['CreateQueue', 'GetCallerIdentity']);
      sts.stop();
      const error = await rejectionOf(new STSClient({}).send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe('MockawsRefused');
      expect(await queueNames()).toEqual(['both']);
    } finally {
      sqs.stop();
      sts.stop();
    }
  });
});
