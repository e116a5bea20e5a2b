/**
 * Loading a Node.js handler the way Lambda's runtime does: `handler` is
 * `path/module.export[.nested]`, the module is tried as .js, .mjs then .cjs
 * under the task root, and ES modules are imported while CommonJS files are
 * required.
 *
 * CommonJS goes through the `require` of the module graph mockaws runs in
 * (under jest, the test file's registry), so the SDK a handler requires is the
 * very copy the mock captured. ES modules are imported by Node's own loader
 * (jest's registry cannot import them); their SDK calls reach the mock through
 * the HTTP fallback, signed with the credentials the environment is given.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { installAwsLambdaGlobal } from './streaming';

/** The context object Lambda's Node.js runtime passes to a handler. */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  clientContext?: unknown;
  identity?: unknown;
  getRemainingTimeInMillis(): number;
}

/** A handler: async (event, context) or callback style (event, context, callback). */
// The event is whatever the caller sends (`any`): a test's handler declares its own type for it.
export type HandlerFn = (event: any, context: LambdaContext, callback?: (err?: unknown, result?: unknown) => void) => unknown;

/** A failure Lambda reports as the function's error (Runtime.ImportModuleError, …). */
export class RuntimeError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

const EXTENSIONS = ['.js', '.mjs', '.cjs'];

export async function loadHandler(taskRoot: string, handler: string): Promise<HandlerFn> {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const modulePath = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1).split('.');
  const file = EXTENSIONS.map((ext) => join(taskRoot, modulePath + ext)).find((f) => existsSync(f));
  if (!file) {
    const name = modulePath.slice(modulePath.lastIndexOf('/') + 1);
    throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${name}'\nRequire stack:\n- /var/runtime/index.mjs`);
  }
  installAwsLambdaGlobal();
  let mod: unknown;
  try {
    mod = isEsm(file, taskRoot) ? await importNative(file) : createRequire(file)(file);
  } catch (err) {
    if (err instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`);
    throw err;
  }
  let fn: unknown = mod;
  for (const key of exportPath) fn = fn == null ? undefined : (fn as Record<string, unknown>)[key];
  if (typeof fn !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${modulePath.slice(modulePath.lastIndexOf('/') + 1)}.${exportPath.join('.')} is undefined or not exported`);
  }
  return fn as HandlerFn;
}

/** .mjs, or .js under a package.json with "type": "module" (the nearest one up to the task root). */
function isEsm(file: string, taskRoot: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = dirname(file); dir.startsWith(taskRoot); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (!existsSync(pkg)) continue;
    try {
      return JSON.parse(readFileSync(pkg, 'utf8')).type === 'module';
    } catch {
      return false;
    }
  }
  return false;
}

type Importer = (specifier: string) => Promise<unknown>;
let importer: Importer | undefined;

/**
 * Node's own `import()`: compiled in the main context so it works even where
 * the calling code runs in a vm context without a module loader (jest).
 */
function importNative(file: string): Promise<unknown> {
  if (!importer) {
    const loader = (vm.constants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
    importer = loader
      ? (vm.runInThisContext('(s) => import(s)', { importModuleDynamically: loader as never }) as Importer)
      : (new Function('s', 'return import(s)') as Importer);
  }
  return importer(pathToFileURL(file).href);
}

/** The `process` of the main context: under jest, the real one behind the test's sandboxed copy. */
let realProcess: NodeJS.Process | undefined;
export function mainProcess(): NodeJS.Process {
  if (!realProcess) {
    try {
      realProcess = vm.runInThisContext('process') as NodeJS.Process;
    } catch {
      realProcess = process;
    }
  }
  return realProcess;
}

/** The main context's console (what native ES modules write to). */
let realConsole: Console | undefined;
export function mainConsole(): Console {
  if (!realConsole) {
    try {
      realConsole = vm.runInThisContext('console') as Console;
    } catch {
      realConsole = console;
    }
  }
  return realConsole;
}
