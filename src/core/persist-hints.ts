/**
 * What a backend class may tell the state directory (src/persist/) about its
 * own fields, so a write into a large collection costs what it changed, not
 * the size of the collection. Every hint is optional: a class without them
 * is saved whole, as before.
 *
 * - `persistRecords` (static, field names): these fields hold Maps whose
 *   entries are records. The state directory may save such a Map in chunks
 *   of entries and, on a flush, re-encode only the chunks whose keys were
 *   touched. The class promises to call touchRecord(map, key) after every
 *   change of an entry (set, delete, or anything written inside its value).
 *   A value reached from outside its entry (shared with another entry or the
 *   rest of the state) is found by the state directory, which then saves the
 *   Map whole again: sharing costs speed, never correctness.
 * - `persistDerived` (static, field names): fields computed from the others
 *   (sort orders, key indexes). They are not saved; after a restore the
 *   instance's `rebuildDerived()` makes them again.
 * - `persistByValue` (static, true): instances are immutable and stateless
 *   (comparators): saved as a copy at each place they are reached, so
 *   sharing one does not tie the places together.
 */
export const persistRecords = Symbol.for('mockaws.persist.records');
export const persistDerived = Symbol.for('mockaws.persist.derived');
export const persistByValue = Symbol.for('mockaws.persist.byValue');
export const rebuildDerived = Symbol.for('mockaws.persist.rebuildDerived');

/** Told of each touched key of a Map the state directory saves in chunks. */
type Tracker = (key: unknown) => void;
const trackers = new WeakMap<Map<unknown, unknown>, Tracker>();

/** An entry of a `persistRecords` Map changed (set, deleted, or written inside). */
export function touchRecord(map: Map<unknown, unknown>, key: unknown): void {
  const tracker = trackers.get(map);
  if (tracker !== undefined) tracker(key);
}

/** The state directory follows this Map's changes (undefined: no longer). */
export function trackRecords(map: Map<unknown, unknown>, tracker: Tracker | undefined): void {
  if (tracker === undefined) trackers.delete(map);
  else trackers.set(map, tracker);
}
