/** A deep copy of plain data that keeps Dates as Dates (structuredClone's come from another realm under Jest). */
export function deepCopy<T>(x: T): T {
  if (Array.isArray(x)) return x.map(deepCopy) as T;
  if (x instanceof Date) return new Date(x.getTime()) as T;
  if (x && typeof x === 'object') {
    const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(x) === null ? null : Object.prototype);
    for (const [k, v] of Object.entries(x)) copy[k] = deepCopy(v);
    return copy as T;
  }
  return x;
}
