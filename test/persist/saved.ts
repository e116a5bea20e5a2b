/** What a state directory holds, read as text: the index (state.json) and every segment it names. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SavedIndex {
  format: number;
  order: string[];
  segments: Array<{ h: string; units: string[] }>;
}

export function savedIndex(dir: string): SavedIndex {
  return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as SavedIndex;
}

/** Each unit's segment text, by unit (units sharing a segment share its text). */
export function savedSegments(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const segment of savedIndex(dir).segments) {
    const text = readFileSync(join(dir, 'segments', `${segment.h}.json`), 'utf8');
    for (const unit of segment.units) out.set(unit, text);
  }
  return out;
}

/** The index and every segment, as one text (to search for what was saved). */
export function savedText(dir: string): string {
  return [readFileSync(join(dir, 'state.json'), 'utf8'), ...new Set(savedSegments(dir).values())].join('\n');
}
