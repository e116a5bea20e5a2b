/**
 * The decorator form: `@mockAws()` / `@mockS3()` on a test-class method runs
 * each call of the method inside a fresh mock, as Moto's decorators do; on a
 * class it does so for every method of the class. Both decorator dialects
 * are understood: TC39 decorators `(value, context)` and TypeScript's legacy
 * `experimentalDecorators` `(target, key, descriptor)` / `(constructor)`.
 */

/** Starts a mock and gives back its stop(). */
export type StartMock = () => { stop(): unknown };

interface DecoratorContext {
  kind: string;
  name?: string | symbol;
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

function isDecoratorContext(value: unknown): value is DecoratorContext {
  return typeof value === 'object' && value !== null && typeof (value as DecoratorContext).kind === 'string';
}

/** Run `fn` inside a mock that stops when fn returns (or its promise settles). */
export function runInMock<T>(start: StartMock, fn: () => T): T {
  const mock = start();
  let result: T;
  try {
    result = fn();
  } catch (error) {
    mock.stop();
    throw error;
  }
  if (result && typeof (result as { then?: unknown }).then === 'function') {
    return Promise.resolve(result).finally(() => mock.stop()) as T;
  }
  mock.stop();
  return result;
}

function wrapMethod(method: AnyFunction, start: StartMock): AnyFunction {
  const wrapped = function (this: unknown, ...args: unknown[]) {
    return runInMock(start, () => method.apply(this, args));
  };
  Object.defineProperty(wrapped, 'name', { value: method.name });
  return wrapped;
}

function wrapPrototype(proto: object, start: StartMock): void {
  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor') continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (typeof descriptor?.value !== 'function') continue;
    descriptor.value = wrapMethod(descriptor.value, start);
    Object.defineProperty(proto, key, descriptor);
  }
}

/** Apply a mock as whichever kind of decorator these arguments describe. */
export function applyDecorator(args: unknown[], start: StartMock): unknown {
  const [target, second, third] = args;
  if (args.length === 2 && isDecoratorContext(second)) {
    if (second.kind === 'method' && typeof target === 'function') return wrapMethod(target as AnyFunction, start);
    if (second.kind === 'class' && typeof target === 'function') {
      wrapPrototype(target.prototype, start);
      return undefined;
    }
    throw new TypeError(`mockaws: cannot decorate a ${second.kind}; use it on a method or a class`);
  }
  if (args.length === 3 && typeof (third as PropertyDescriptor | undefined)?.value === 'function') {
    const descriptor = third as PropertyDescriptor;
    descriptor.value = wrapMethod(descriptor.value, start);
    return descriptor;
  }
  if (args.length === 1 && typeof target === 'function') {
    wrapPrototype(target.prototype, start);
    return target;
  }
  throw new TypeError('mockaws: a mock handle is only callable as a decorator, e.g. @mockAws() on a method');
}
