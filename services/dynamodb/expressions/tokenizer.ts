/**
 * Tokenizer for DynamoDB expressions: names, #aliases, :values, list
 * indexes and the operators of the grammar. Positions are kept so syntax
 * errors can quote the text "near" the bad token as DynamoDB does.
 */

export type TokenType = 'name' | 'alias' | 'value' | 'number' | 'op' | 'eof' | 'bad';

export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
}

const OPS = ['<=', '>=', '<>', '=', '<', '>', '(', ')', '[', ']', ',', '.', '+', '-'];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const word = /[A-Za-z0-9_]/;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (ch === '#' || ch === ':') {
      i += 1;
      while (i < source.length && word.test(source[i])) i += 1;
      tokens.push({ type: i - start > 1 ? (ch === '#' ? 'alias' : 'value') : 'bad', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      while (i < source.length && word.test(source[i])) i += 1;
      tokens.push({ type: 'name', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (/\d/.test(ch)) {
      while (i < source.length && word.test(source[i])) i += 1;
      const text = source.slice(start, i);
      tokens.push({ type: /^\d+$/.test(text) ? 'number' : 'bad', text, start, end: i });
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ type: 'op', text: op, start, end: i });
      continue;
    }
    i += 1;
    tokens.push({ type: 'bad', text: ch, start, end: i });
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}
