/**
 * Capturing what a handler writes with console.*. The console is global, so
 * while at least one invocation runs its methods are replaced by ones that ask
 * an AsyncLocalStorage which invocation the call belongs to: output made in an
 * invocation's async context goes to that invocation's log, anything else
 * (test code running meanwhile) to the original console. The methods are put
 * back when the last invocation ends.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import { mainConsole } from './loader';

export type LogSink = (level: string, text: string) => void;

const METHODS: Array<[keyof Console, string]> = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
];

const store = new AsyncLocalStorage<LogSink>();
let active = 0;
let restore: Array<() => void> = [];

function patch(target: Console): void {
  for (const [method, level] of METHODS) {
    const original = target[method] as (...args: unknown[]) => void;
    const replacement = (...args: unknown[]) => {
      const sink = store.getStore();
      if (sink) sink(level, format(...args));
      else original.apply(target, args);
    };
    (target as unknown as Record<string, unknown>)[method] = replacement;
    restore.push(() => {
      if ((target as unknown as Record<string, unknown>)[method] === replacement) {
        (target as unknown as Record<string, unknown>)[method] = original;
      }
    });
  }
}

/** Runs `fn` with console output routed to `sink`. */
export async function withConsole<T>(sink: LogSink, fn: () => Promise<T>): Promise<T> {
  if (active++ === 0) {
    patch(console);
    const main = mainConsole();
    if (main !== console) patch(main);
  }
  try {
    return await store.run(sink, fn);
  } finally {
    if (--active === 0) {
      for (const undo of restore.reverse()) undo();
      restore = [];
    }
  }
}
