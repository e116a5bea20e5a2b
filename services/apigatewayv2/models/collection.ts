/**
 * A keyed set of resources (APIs of an account, routes of an API) with
 * NextToken pagination over its ids in sorted order: a page costs its own
 * size, not the collection's.
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

  /** One page: MaxResults arrives as a string (the model's type); the token is the last id seen, base64. */
  page(maxResults: string | undefined, nextToken: string | undefined): { items: T[]; nextToken?: string } {
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
