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

/** The chunk files (format 3) a segment text names: a large Map's entries, saved apart. */
export function chunksOf(dir: string, segment: string): string[] {
  const out: string[] = [];
  for (const match of segment.matchAll(/\{"\$":"R","c":\[([^\]]*)\]\}/g)) {
    for (const sha of JSON.parse(`[${match[1]}]`) as string[]) out.push(readFileSync(join(dir, 'segments', `${sha}.json`), 'utf8'));
  }
  return out;
}

/** The index, every segment and every chunk, as one text (to search for what was saved). */
export function savedText(dir: string): string {
  const segments = [...new Set(savedSegments(dir).values())];
  return [readFileSync(join(dir, 'state.json'), 'utf8'), ...segments, ...segments.flatMap((s) => chunksOf(dir, s))].join('\n');
}
