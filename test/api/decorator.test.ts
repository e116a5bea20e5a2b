/**
 * The decorator form, compiled by TypeScript itself in both dialects: TC39
 * decorators (the default) and legacy `experimentalDecorators`.
 */
import * as sqsSdk from '@aws-sdk/client-sqs';
import * as stsSdk from '@aws-sdk/client-sts';
import * as smithyClient from '@smithy/core/client';
import ts from 'typescript';
import * as mockaws from '../../src/index';

const SOURCE = `
import { mockAws, mockSTS } from 'mockaws';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Client } from '@smithy/core/client';

const originalSend = Client.prototype.send;
export const hookedAtDefinition = () => Client.prototype.send !== originalSend;

export class AccountTests {
  @mockAws()
  async whoAmI(suffix: string) {
    const out = await new STSClient({}).send(new GetCallerIdentityCommand({}));
    return out.Account + suffix;
  }

  @mockSTS({ account: '111122223333' })
  insideSync() {
    return Client.prototype.send !== originalSend;
  }

  @mockAws()
  async createAndList(name: string) {
    const sqs = new SQSClient({});
    await sqs.send(new CreateQueueCommand({ QueueName: name }));
    return (await sqs.send(new ListQueuesCommand({}))).QueueUrls;
  }

  @mockAws()
  fails() {
    throw new Error('inside');
  }
}

@mockAws()
export class WholeClass {
  async a() {
    return (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;
  }
  b() {
    return Client.prototype.send !== originalSend;
  }
}
`;

function compile(experimentalDecorators: boolean): Record<string, any> {
  const { outputText } = ts.transpileModule(SOURCE, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators,
    },
  });
  const modules: Record<string, unknown> = {
    mockaws,
    '@aws-sdk/client-sts': stsSdk,
    '@aws-sdk/client-sqs': sqsSdk,
    '@smithy/core/client': smithyClient,
  };
  const module = { exports: {} as Record<string, any> };
  new Function('require', 'module', 'exports', outputText)((id: string) => modules[id], module, module.exports);
  return module.exports;
}

describe.each([
  ['TC39 decorators', false],
  ['legacy experimentalDecorators', true],
])('@mockAws() with %s', (_dialect, legacy) => {
  const compiled = compile(legacy);
  const originalSend = smithyClient.Client.prototype.send;

  it('leaves no mock active after the class is defined', () => {
    expect(compiled.hookedAtDefinition()).toBe(false);
    expect(smithyClient.Client.prototype.send).toBe(originalSend);
  });

  it('runs an async method inside a mock and stops after it', async () => {
    const suite = new compiled.AccountTests();
    expect(await suite.whoAmI('!')).toBe('123456789012!');
    expect(smithyClient.Client.prototype.send).toBe(originalSend);
  });

  it('runs a sync method inside a mock, with the decorator options', () => {
    expect(new compiled.AccountTests().insideSync()).toBe(true);
    expect(smithyClient.Client.prototype.send).toBe(originalSend);
  });

  it('gives each call a fresh state', async () => {
    const suite = new compiled.AccountTests();
    expect(await suite.createAndList('one')).toEqual(['https://sqs.us-east-1.amazonaws.com/123456789012/one']);
    expect(await suite.createAndList('two')).toEqual(['https://sqs.us-east-1.amazonaws.com/123456789012/two']);
  });

  it('stops the mock when the method throws', () => {
    expect(() => new compiled.AccountTests().fails()).toThrow('inside');
    expect(smithyClient.Client.prototype.send).toBe(originalSend);
  });

  it('on a class, runs every method inside a mock', async () => {
    const whole = new compiled.WholeClass();
    expect(await whole.a()).toBe('123456789012');
    expect(whole.b()).toBe(true);
    expect(smithyClient.Client.prototype.send).toBe(originalSend);
  });
});

describe('a mock handle called as something other than a decorator', () => {
  it('throws a TypeError that says how to use it', () => {
    const m = mockaws.mockAws();
    expect(() => (m as unknown as (x: number) => void)(1)).toThrow(
      'mockaws: a mock handle is only callable as a decorator, e.g. @mockAws() on a method',
    );
    m.stop();
  });
});
