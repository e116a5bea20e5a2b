/**
 * mockAws(): the public entry point. Creates a dispatcher with its own state,
 * captures every SDK v3 client in the process, and undoes all of it on stop().
 */
import { createRequire } from 'node:module';
import { Dispatcher } from './core/dispatch';
import type { ServiceEntry } from './core/service';
import { createSdkHandler } from './intercept/sdk-handler';
import { services as allServices } from '../services';

export interface MockAwsOptions {
  /** Default account for unsigned or unknown-key calls. Default 123456789012. */
  account?: string;
  /** Default region when neither client nor environment names one. Default us-east-1. */
  region?: string;
  /** Only these service ids are faked; other AWS calls are refused. */
  services?: string[];
}

export interface MockAws {
  readonly dispatcher: Dispatcher;
  stop(): void;
  restore(): void;
  reset(): void;
}

type AnyClient = { config: { requestHandler: unknown }; send: (...args: unknown[]) => unknown };

const FAKE_ENV: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

let active: MockAwsImpl | undefined;

class MockAwsImpl implements MockAws {
  readonly dispatcher: Dispatcher;
  private readonly undo: Array<() => void> = [];

  constructor(options: MockAwsOptions, entries: ServiceEntry[]) {
    this.dispatcher = new Dispatcher({
      services: entries,
      account: options.account,
      region: options.region,
      only: options.services ? new Set(options.services) : undefined,
    });
    this.setEnvironment(options.region);
    this.patchClients();
  }

  private setEnvironment(region: string | undefined): void {
    const wanted: Record<string, string> = { ...FAKE_ENV };
    if (!process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION) wanted.AWS_REGION = region ?? 'us-east-1';
    if (process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY) {
      delete wanted.AWS_ACCESS_KEY_ID;
      delete wanted.AWS_SECRET_ACCESS_KEY;
    }
    for (const [key, value] of Object.entries(wanted)) {
      const had = Object.hasOwn(process.env, key);
      const before = process.env[key];
      process.env[key] = value;
      this.undo.push(() => {
        if (had) process.env[key] = before;
        else delete process.env[key];
      });
    }
  }

  private patchClients(): void {
    const req = createRequire(__filename);
    let ClientClass: { prototype: AnyClient } | undefined;
    try {
      ClientClass = req(req.resolve('@smithy/core/client', { paths: [process.cwd(), __dirname] })).Client;
    } catch {
      return;
    }
    if (!ClientClass) return;
    const proto = ClientClass.prototype;
    const originalSend = proto.send;
    const handler = createSdkHandler(() => this.dispatcher);
    const swapped = new WeakMap<object, unknown>();
    proto.send = function patchedSend(this: AnyClient, ...args: unknown[]) {
      if (this.config.requestHandler !== handler) {
        swapped.set(this, this.config.requestHandler);
        this.config.requestHandler = handler;
        delete (this as { handlers?: unknown }).handlers;
      }
      return originalSend.apply(this, args);
    };
    this.undo.push(() => {
      proto.send = originalSend;
    });
  }

  reset(): void {
    this.dispatcher.reset();
  }

  stop(): void {
    while (this.undo.length) this.undo.pop()?.();
    this.dispatcher.reset();
    if (active === this) active = undefined;
  }

  restore(): void {
    this.stop();
  }
}

export function mockAws(options?: MockAwsOptions): MockAws;
export function mockAws<T>(fn: (mock: MockAws) => Promise<T> | T, options?: MockAwsOptions): Promise<T>;
export function mockAws<T>(
  arg?: MockAwsOptions | ((mock: MockAws) => Promise<T> | T),
  maybeOptions?: MockAwsOptions,
): MockAws | Promise<T> {
  if (typeof arg === 'function') {
    const mock = start(maybeOptions ?? {});
    return (async () => {
      try {
        return await arg(mock);
      } finally {
        mock.stop();
      }
    })();
  }
  return start(arg ?? {});
}

function start(options: MockAwsOptions): MockAws {
  active?.stop();
  active = new MockAwsImpl(options, allServices);
  return active;
}
