/**
 * Where each statement of a policy document sits in its text (1-based line and
 * column of its opening and closing brace), for the simulator's
 * MatchedStatements StartPosition / EndPosition.
 */
export interface Span {
  start: { Line: number; Column: number };
  end: { Line: number; Column: number };
}

export function statementSpans(text: string): Span[] {
  const spans: Span[] = [];
  let line = 1;
  let col = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let lastKey = '';
  let keyBuf = '';
  let statementDepth = -1; // depth of the Statement value (array: its elements one deeper)
  let arrayStatement = false;
  let open: { Line: number; Column: number } | undefined;
  for (const ch of text) {
    col++;
    if (ch === '\n') {
      line++;
      col = 0;
      continue;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      else keyBuf += ch;
      continue;
    }
    if (ch === '"') {
      inString = true;
      keyBuf = '';
      continue;
    }
    if (ch === ':') {
      lastKey = keyBuf;
      if (depth === 1 && lastKey === 'Statement') statementDepth = depth;
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (statementDepth === 1 && depth === 1 && ch === '[') arrayStatement = true;
      depth++;
      const elementDepth = arrayStatement ? 3 : 2;
      if (ch === '{' && statementDepth === 1 && depth === elementDepth) open = { Line: line, Column: col };
      continue;
    }
    if (ch === '}' || ch === ']') {
      const elementDepth = arrayStatement ? 3 : 2;
      if (ch === '}' && open && depth === elementDepth) {
        spans.push({ start: open, end: { Line: line, Column: col + 1 } });
        open = undefined;
        if (!arrayStatement) statementDepth = -1;
      }
      depth--;
      if (arrayStatement && depth === 1 && ch === ']') {
        arrayStatement = false;
        statementDepth = -1;
      }
    }
  }
  return spans;
}
