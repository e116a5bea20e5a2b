/** Shared by the Lambda handlers: Marker/MaxItems pagination and the context type. */
import type { RequestContext } from '../../../src/core/service';
import { invalidParameter, validation } from '../exceptions';
import type { LambdaBackend } from '../models/backend';

export type Ctx = RequestContext<LambdaBackend>;

/**
 * One page of `items` (already in listing order) after the Marker; the Marker
 * is an opaque token naming the last key returned.
 */
export function page<T>(items: T[], keyOf: (item: T) => string, marker: string | undefined, maxItems: number | undefined, max = 10000): { items: T[]; next?: string } {
  if (maxItems !== undefined && (maxItems < 1 || maxItems > max)) {
    throw validation(`1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value ${maxItems < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`);
  }
  const limit = maxItems ?? 50;
  let start = 0;
  if (marker) {
    const after = decodeMarker(marker);
    const i = items.findIndex((it) => keyOf(it) === after);
    start = i >= 0 ? i + 1 : items.findIndex((it) => keyOf(it) > after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: slice, next: more ? Buffer.from(keyOf(slice[slice.length - 1])).toString('base64url') : undefined };
}

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text || Buffer.from(text).toString('base64url') !== marker) throw invalidParameter('Invalid marker.');
  return text;
}
