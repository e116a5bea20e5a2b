/** Counters for compare()'s preconditions, kept by the party that answers, never by the caller. */
import type { Dispatcher } from '../../src/core/dispatch';

/** Calls of `operation` (of `service`) the dispatcher answered without an error, of those whose input passes `which`. */
export function answered(
  dispatcher: Dispatcher,
  service: string,
  operation: string,
  which: (input: Record<string, any>) => boolean = () => true,
): () => number {
  let n = 0;
  dispatcher.onCall((event) => {
    if (event.call?.service === service && event.call.operation === operation && !event.error && which(event.call.input)) n++;
  });
  return () => n;
}
