/**
 * Parallel and Map: branches and iterations run as fibers of their own
 * (runtime.all), each with a copy of the workflow's variables (what they
 * assign stays inside). Map reads its items from the input (ItemsPath /
 * Items) or, distributed, from S3 (ItemReader: a JSON, JSONL or CSV object,
 * or a listing), shapes each with ItemSelector, batches with ItemBatcher,
 * bounds concurrency with MaxConcurrency and tolerates failed iterations
 * up to ToleratedFailureCount / ToleratedFailurePercentage.
 */
import type { MachineDef } from './definition';
import { Aborted, json, runtimeError, StatesError } from './errors';
import { evaluatePath } from './jsonpath';
import { argumentsOf, effectiveInput, processResult, roots, runMachine, type StateRun, statesBinding } from './machine';
import type { Thread } from './runtime';
import { evaluateJsonata, isJsonataExpression, jsonataTemplate, payloadTemplate } from './templates';

function branchThread(run: StateRun, extra: Partial<Thread> = {}): Thread {
  return { last: run.thread.last, signal: run.thread.signal.child(), variables: new Map(run.thread.variables), ...extra };
}

/** A Fail state inside a branch fails the branch's Parallel or Map with its error, which that state may catch. */
function asBranchError(err: unknown): unknown {
  if (err instanceof StatesError && err.constructor !== StatesError) return new StatesError(err.error, err.cause);
  return err;
}

export async function runParallel(run: StateRun): Promise<unknown> {
  const { host, state } = run;
  const input = await argumentsOf(run);
  host.rt.event(run.thread, 'ParallelStateStarted');
  const group = run.thread.signal.child();
  const started = run.thread.last;
  const branches = state.Branches as MachineDef[];
  let results: unknown[];
  try {
    results = await host.rt.all(branches.length, branches.length, group, (i) =>
      runMachine(host, branches[i], input, { last: started, signal: group.child(), variables: new Map(run.thread.variables) }, run.ql).catch((e) => {
        throw asBranchError(e);
      }),
    );
  } catch (err) {
    if (err instanceof Aborted) throw err;
    run.thread.last = host.rt.history.length;
    host.rt.event(run.thread, 'ParallelStateFailed', {});
    throw err;
  }
  // the branches' last events come before the state's end
  run.thread.last = host.rt.history.length;
  host.rt.event(run.thread, 'ParallelStateSucceeded');
  return processResult(run, results);
}

export async function runMap(run: StateRun): Promise<unknown> {
  const { host, state } = run;
  const distributed = (state.ItemProcessor?.ProcessorConfig?.Mode ?? 'INLINE') === 'DISTRIBUTED';
  const processor = (state.ItemProcessor ?? state.Iterator) as MachineDef;
  let items = await readItems(run);
  if (state.ItemBatcher) items = await batch(run, items);
  const limit = await numberField(run, 'MaxConcurrency', 0);
  const toleratedCount = await numberField(run, 'ToleratedFailureCount', 0);
  const toleratedPercent = await numberField(run, 'ToleratedFailurePercentage', 0);
  const mapRun = distributed ? host.startMapRun?.(state.Label ?? run.name, { total: items.length, maxConcurrency: limit, toleratedFailureCount: toleratedCount, toleratedFailurePercentage: toleratedPercent }) : undefined;
  // a distributed Map logs its map run; an inline one its start and each iteration
  if (distributed) host.rt.event(run.thread, 'MapRunStarted', { mapRunStartedEventDetails: { mapRunArn: mapRun?.arn } });
  else host.rt.event(run.thread, 'MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
  const group = run.thread.signal.child();
  let failures = 0;
  const tolerate = () => {
    if (!distributed) return false;
    failures++;
    return failures <= toleratedCount || (toleratedPercent > 0 && (failures / items.length) * 100 <= toleratedPercent);
  };
  let results: unknown[];
  try {
    results = await host.rt.all(
      items.length,
      limit > 0 ? limit : items.length,
      group,
      async (index) => {
        const value = items[index];
        const thread = branchThread(run, { signal: group.child(), item: { Index: index, Value: value } });
        const iteration = { name: run.name, index };
        if (!distributed) host.rt.event(thread, 'MapIterationStarted', { mapIterationStartedEventDetails: iteration });
        const itemRun = { ...run, thread };
        const selected = await selectItem(itemRun, value);
        mapRun?.item('running');
        try {
          const out = await runMachine(host, processor, selected, thread, run.ql);
          if (!distributed) host.rt.event(thread, 'MapIterationSucceeded', { mapIterationSucceededEventDetails: iteration });
          mapRun?.item('succeeded');
          return out;
        } catch (err) {
          if (!(err instanceof Aborted) && !distributed) host.rt.event(thread, 'MapIterationFailed', { mapIterationFailedEventDetails: iteration });
          if (!(err instanceof Aborted)) mapRun?.item('failed');
          throw asBranchError(err);
        }
      },
      tolerate,
    );
  } catch (err) {
    if (err instanceof Aborted) throw err;
    run.thread.last = host.rt.history.length;
    mapRun?.end('FAILED');
    if (distributed) host.rt.event(run.thread, 'MapRunFailed', { mapRunFailedEventDetails: { error: 'States.ExceedToleratedFailureThreshold' } });
    else host.rt.event(run.thread, 'MapStateFailed');
    if (distributed) throw new StatesError('States.ExceedToleratedFailureThreshold', `The specified tolerated failure threshold was exceeded: ${failures} of ${items.length} items failed`);
    throw err;
  }
  run.thread.last = host.rt.history.length;
  mapRun?.end('SUCCEEDED');
  host.rt.event(run.thread, distributed ? 'MapRunSucceeded' : 'MapStateSucceeded');
  return processResult(run, distributed ? results.map((r) => r ?? null) : results);
}

async function numberField(run: StateRun, field: string, fallback: number): Promise<number> {
  const { state } = run;
  let v: unknown = state[field];
  if (run.ql === 'JSONata' && isJsonataExpression(v)) v = await evaluateJsonata(v, statesBinding(run), field);
  else if (state[`${field}Path`] !== undefined) v = evaluatePath(state[`${field}Path`], roots(run, run.input), `${field}Path`);
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || v < 0) throw runtimeError(`The value of ${field} must be a non-negative number, got ${json(v)}`);
  return v;
}

async function readItems(run: StateRun): Promise<unknown[]> {
  const { state } = run;
  if (state.ItemReader) return readFromS3(run);
  let items: unknown;
  if (run.ql === 'JSONata') {
    items = state.Items === undefined ? run.input : isJsonataExpression(state.Items) ? await evaluateJsonata(state.Items, statesBinding(run), 'Items') : state.Items;
    if (!Array.isArray(items)) throw new StatesError('States.QueryEvaluationError', `The Items field must evaluate to a JSON array, got '${json(items)}'`);
    return items;
  }
  const input = effectiveInput(run);
  items = state.ItemsPath === undefined ? input : evaluatePath(state.ItemsPath, roots(run, input), 'ItemsPath');
  if (!Array.isArray(items)) throw runtimeError(`Map state input must be an array but was: ${json(items)}`);
  return items;
}

/** ItemSelector (or the older Parameters) shapes each item; without it the item is the iteration's input. */
async function selectItem(run: StateRun, value: unknown): Promise<unknown> {
  const { state } = run;
  if (run.ql === 'JSONata') return state.ItemSelector === undefined ? value : jsonataTemplate(state.ItemSelector, statesBinding(run), 'ItemSelector');
  const tpl = state.ItemSelector ?? state.Parameters;
  if (tpl === undefined) return value;
  return payloadTemplate(tpl, roots(run, effectiveInput(run)), 'ItemSelector');
}

async function batch(run: StateRun, items: unknown[]): Promise<unknown[]> {
  const b = run.state.ItemBatcher as Record<string, any>;
  const size = b.MaxItemsPerBatch ?? items.length;
  const batchInput = b.BatchInput === undefined ? undefined : run.ql === 'JSONata' ? await jsonataTemplate(b.BatchInput, statesBinding(run), 'BatchInput') : payloadTemplate(b.BatchInput, roots(run, effectiveInput(run)), 'BatchInput');
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i += size) out.push(batchInput === undefined ? { Items: items.slice(i, i + size) } : { BatchInput: batchInput, Items: items.slice(i, i + size) });
  return out;
}

interface S3Api {
  getObject(bucket: string, key: string): { body: Buffer; etag: string } | undefined;
  listKeys(bucket: string, prefix: string): Iterable<string>;
}

/**
 * ItemReader: the S3 backend's own reads (the execution role's access; a
 * model-level call would reach S3 as an anonymous caller). A missing bucket
 * or key fails the state as the S3 error would, named the SDK way.
 */
async function readFromS3(run: StateRun): Promise<unknown[]> {
  const reader = run.state.ItemReader as Record<string, any>;
  const params = (run.ql === 'JSONata' ? await jsonataTemplate(reader.Arguments ?? {}, statesBinding(run), 'Arguments') : payloadTemplate(reader.Parameters ?? {}, roots(run, effectiveInput(run)), 'Parameters')) as Record<string, string>;
  const s3 = await run.host.backends.get<S3Api>('s3', run.host.account, run.host.region);
  const read = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new StatesError(`S3.${e.code?.endsWith('Exception') ? e.code : `${e.code}Exception`}`, e.message ?? String(err));
    }
  };
  if (String(reader.Resource).endsWith(':listObjectsV2')) {
    return read(() =>
      [...s3.listKeys(params.Bucket, params.Prefix ?? '')].map((Key) => {
        const o = s3.getObject(params.Bucket, Key);
        return { Etag: o?.etag, Key, Size: o?.body.length ?? 0 };
      }),
    );
  }
  const object = read(() => s3.getObject(params.Bucket, params.Key));
  if (!object) throw new StatesError('S3.NoSuchKeyException', 'The specified key does not exist.');
  const text = object.body.toString('utf8');
  const config = (reader.ReaderConfig ?? {}) as Record<string, any>;
  const type = config.InputType ?? 'JSON';
  if (type === 'JSON') {
    const parsed = JSON.parse(text);
    if (!Array.isArray(parsed)) throw runtimeError('The object ItemReader read is not a JSON array');
    return parsed;
  }
  if (type === 'JSONL') return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const rows = text.split(/\r?\n/).filter((l) => l.length).map(csvRow);
  const headers = config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders as string[]) : (rows.shift() ?? []);
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
}

function csvRow(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
