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
 * - `persistLog` (static, field names): these fields hold arrays used as
 *   logs: entries (objects) are only appended at the end and dropped from
 *   the front, never changed or reordered; the field may be given a new
 *   array (a new log). The state directory may save such an array in chunks
 *   of entries, sealed once full: a flush encodes only the last chunk, and a
 *   trim drops whole chunks and moves a count, rewriting none. It finds
 *   appends and trims itself (by the entries' identity): no call is needed.
 *   A log changed otherwise, or sharing an object with the rest of the
 *   state, is saved whole again.
 * - `persistFrozen` (static, field names): these fields hold a value that
 *   never changes once set (nor anything reached from it), and whose objects
 *   may come back as copies of their own: saved once as files of its own,
 *   by value (not tied to other references to the same objects, so it may
 *   share them with the rest of the state), and named by those files after.
 * - `persistDerived` (static, field names): fields computed from the others
 *   (sort orders, key indexes). They are not saved; after a restore the
 *   instance's `rebuildDerived()` makes them again.
 * - `persistByValue` (static, true): instances are immutable and stateless
 *   (comparators): saved as a copy at each place they are reached, so
 *   sharing one does not tie the places together.
 */
export const persistRecords = Symbol.for('mockaws.persist.records');
export const persistLog = Symbol.for('mockaws.persist.log');
export const persistFrozen = Symbol.for('mockaws.persist.frozen');
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
