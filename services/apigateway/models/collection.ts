/**
 * Resources of one kind keyed by id, with the two pagination styles of the
 * API Gateway pair: REST APIs' `limit` + `position` (the last id of the
 * previous page) and v2's string `MaxResults` + opaque `NextToken`
 * (services/apigatewayv2 uses this class too). Ids are kept sorted, so a
 * page costs its own size.
 */
import { SortedKeySet } from '../../../src/core/sorted-keys';
import { badRequest } from '../exceptions';

export class Collection<T> {
  private readonly items = new Map<string, T>();
  private readonly ids = new SortedKeySet();

  get size(): number {
    return this.items.size;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  /** The item, or the error `missing` makes (each resource words its own NotFoundException). */
  require(id: string, missing: () => Error): T {
    const item = this.items.get(id);
    if (item === undefined) throw missing();
    return item;
  }

  set(id: string, item: T): void {
    this.items.set(id, item);
    this.ids.add(id);
  }

  delete(id: string): boolean {
    this.ids.delete(id);
    return this.items.delete(id);
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  /** REST APIs: `limit` 1–500 (default 25), `position` the last id of the previous page. */
  page(limit: number | undefined, position: string | undefined): { items: T[]; position?: string } {
    const size = limit ?? 25;
    if (!Number.isInteger(size) || size < 1 || size > 500) throw badRequest('Limit must be between 1 and 500');
    if (position !== undefined && !this.ids.has(position)) throw badRequest('Invalid position parameter');
    const { keys, next } = this.ids.page(position, size);
    return { items: keys.map((k) => this.items.get(k) as T), position: next };
  }

  /** v2: `MaxResults` arrives as a string (the model's type); the token is the last id seen, base64. */
  pageByToken(maxResults: string | undefined, nextToken: string | undefined): { items: T[]; nextToken?: string } {
    const limit = maxResults === undefined ? 100 : Number(maxResults);
    if (!Number.isInteger(limit) || limit < 1) throw badRequest('MaxResults must be a positive integer');
    let after: string | undefined;
    if (nextToken !== undefined) {
      after = Buffer.from(nextToken, 'base64').toString('utf8');
      if (!after || Buffer.from(after).toString('base64') !== nextToken) throw badRequest('Invalid NextToken');
    }
    const { keys, next } = this.ids.page(after, limit);
    return {
      items: keys.map((k) => this.items.get(k) as T),
      nextToken: next === undefined ? undefined : Buffer.from(next).toString('base64'),
    };
  }
}
