/** ListSecrets and BatchGetSecretValue filters, and sorting (API reference, "Filter" and ListSecrets). */
import { invalidParameter } from '../exceptions';
import type { Secret } from './secret';

export interface Filter {
  Key?: string;
  Values?: string[];
}

/**
 * A value matches by prefix; a leading `!` negates it. Values of one filter
 * are ORed, filters are ANDed. Name and description matches are
 * case-sensitive, tag keys and values too.
 */
function matchesValue(candidates: string[], value: string): boolean {
  const negate = value.startsWith('!');
  const prefix = negate ? value.slice(1) : value;
  const hit = candidates.some((c) => c.startsWith(prefix));
  return negate ? !hit : hit;
}

function candidatesFor(secret: Secret, key: string, owningService: string | undefined, region: string): string[] {
  const tagKeys = [...secret.tags.keys()];
  const tagValues = [...secret.tags.values()];
  switch (key) {
    case 'name':
      return [secret.name];
    case 'description':
      return secret.description ? [secret.description] : [];
    case 'tag-key':
      return tagKeys;
    case 'tag-value':
      return tagValues;
    case 'primary-region':
      return [secret.primaryRegion ?? region];
    case 'owning-service':
      return owningService ? [owningService] : [];
    default:
      return [secret.name, ...(secret.description ? [secret.description] : []), ...tagKeys, ...tagValues];
  }
}

export function checkFilters(filters: Filter[] | undefined): void {
  for (const f of filters ?? []) {
    if (!f.Key) throw invalidParameter('Invalid filter key');
    if (!f.Values || f.Values.length === 0) throw invalidParameter('Invalid filter values');
  }
}

export function matches(secret: Secret, filters: Filter[] | undefined, region: string): boolean {
  return (filters ?? []).every((f) => {
    const candidates = candidatesFor(secret, f.Key as string, undefined, region);
    const positives = (f.Values ?? []).filter((v) => !v.startsWith('!'));
    const negatives = (f.Values ?? []).filter((v) => v.startsWith('!'));
    const positiveOk = positives.length === 0 || positives.some((v) => matchesValue(candidates, v));
    const negativeOk = negatives.every((v) => matchesValue(candidates, v));
    return positiveOk && negativeOk;
  });
}

const SORT_FIELD: Record<string, (s: Secret) => number | string> = {
  'created-date': (s) => s.createdAt,
  'last-accessed-date': (s) => s.lastAccessedAt ?? 0,
  'last-changed-date': (s) => s.lastChangedAt,
  name: (s) => s.name,
};

export function sortSecrets(secrets: Secret[], sortBy: string | undefined, sortOrder: string | undefined): Secret[] {
  const field = SORT_FIELD[sortBy ?? 'created-date'];
  const direction = sortOrder === 'asc' ? 1 : -1;
  return secrets.sort((a, b) => {
    const x = field(a);
    const y = field(b);
    if (x === y) return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    return (x < y ? -1 : 1) * direction;
  });
}
