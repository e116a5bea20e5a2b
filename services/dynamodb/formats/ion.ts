/**
 * Amazon Ion text as DynamoDB exports and imports it: one
 * `$ion_1_0 {Item:{...}}` value per line. Strings are Ion strings, numbers
 * Ion decimals, binary Ion blobs, maps structs, lists lists, and sets lists
 * annotated `$dynamodb_SS` / `$dynamodb_NS` / `$dynamodb_BS`. The reader
 * takes the text subset those files use (plus comments, long strings,
 * quoted symbols, ints, floats, typed nulls); not s-expressions or clobs.
 */
import type { AttributeValue, Item } from '../values/attribute-value';
import { validateItem } from '../values/attribute-value';

const SET_ANNOTATION: Record<string, 'SS' | 'NS' | 'BS'> = { $dynamodb_SS: 'SS', $dynamodb_NS: 'NS', $dynamodb_BS: 'BS' };
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const KEYWORDS = new Set(['true', 'false', 'null', 'nan']);

// ---- writer --------------------------------------------------------------------

function symbol(name: string): string {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) && !name.startsWith('null.')
    ? name
    : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** DynamoDB's number text → an Ion decimal (`1` → `1.`, `1E+5` → `1d5`). */
function decimal(n: string): string {
  const m = /^(-?[0-9.]+)[eE]\+?(-?\d+)$/.exec(n);
  if (m) return `${m[1]}d${m[2]}`;
  return n.includes('.') ? n : `${n}.`;
}

function writeValue(v: AttributeValue): string {
  if (v.S !== undefined) return JSON.stringify(v.S);
  if (v.N !== undefined) return decimal(v.N);
  if (v.B !== undefined) return `{{${Buffer.from(v.B).toString('base64')}}}`;
  if (v.BOOL !== undefined) return String(v.BOOL);
  if (v.SS !== undefined) return `$dynamodb_SS::[${v.SS.map((s) => JSON.stringify(s)).join(',')}]`;
  if (v.NS !== undefined) return `$dynamodb_NS::[${v.NS.map(decimal).join(',')}]`;
  if (v.BS !== undefined) return `$dynamodb_BS::[${v.BS.map((b) => `{{${Buffer.from(b).toString('base64')}}}`).join(',')}]`;
  if (v.M !== undefined) return writeStruct(v.M);
  if (v.L !== undefined) return `[${v.L.map(writeValue).join(',')}]`;
  return 'null';
}

function writeStruct(item: Item): string {
  return `{${Object.entries(item).map(([k, v]) => `${symbol(k)}:${writeValue(v)}`).join(',')}}`;
}

export function encodeIonLine(item: Item): string {
  return `$ion_1_0 {Item:${writeStruct(item)}}`;
}

// ---- reader --------------------------------------------------------------------

class IonReader {
  private i = 0;

  constructor(private readonly text: string) {}

  private fail(what: string): never {
    throw new Error(`Ion: ${what} at offset ${this.i}`);
  }

  private skip(): void {
    const t = this.text;
    for (;;) {
      while (this.i < t.length && /\s/.test(t[this.i])) this.i += 1;
      if (t.startsWith('//', this.i)) {
        const nl = t.indexOf('\n', this.i);
        this.i = nl < 0 ? t.length : nl + 1;
      } else if (t.startsWith('/*', this.i)) {
        const end = t.indexOf('*/', this.i + 2);
        if (end < 0) this.fail('unterminated comment');
        this.i = end + 2;
      } else return;
    }
  }

  atEnd(): boolean {
    this.skip();
    return this.i >= this.text.length;
  }

  private quoted(q: string): string {
    const t = this.text;
    let out = '';
    this.i += q.length;
    while (!t.startsWith(q, this.i)) {
      if (this.i >= t.length) this.fail('unterminated string');
      const c = t[this.i];
      if (c !== '\\') {
        out += c;
        this.i += 1;
        continue;
      }
      const e = t[this.i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v', a: '\x07' };
      if (e === 'u' || e === 'U' || e === 'x') {
        const len = e === 'u' ? 4 : e === 'U' ? 8 : 2;
        out += String.fromCodePoint(parseInt(t.slice(this.i + 2, this.i + 2 + len), 16));
        this.i += 2 + len;
      } else if (e === '\n') this.i += 2;
      else {
        out += simple[e] ?? e;
        this.i += 2;
      }
    }
    this.i += q.length;
    return out;
  }

  private string(): string {
    if (!this.text.startsWith("'''", this.i)) return this.quoted('"');
    // Adjacent long strings concatenate.
    let out = '';
    while (this.text.startsWith("'''", this.i)) {
      out += this.quoted("'''");
      this.skip();
    }
    return out;
  }

  /** A bare or quoted symbol (field names, annotations, keywords), or undefined. */
  private symbolToken(): string | undefined {
    const t = this.text;
    if (t[this.i] === "'" && !t.startsWith("'''", this.i)) return this.quoted("'");
    const m = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(t.slice(this.i, this.i + 256));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  value(): AttributeValue {
    this.skip();
    const annotations: string[] = [];
    for (;;) {
      const start = this.i;
      const sym = this.symbolToken();
      if (sym === undefined) break;
      this.skip();
      if (this.text.startsWith('::', this.i)) {
        this.i += 2;
        annotations.push(sym);
        this.skip();
        continue;
      }
      this.i = start;
      break;
    }
    const v = this.bare();
    const setType = annotations.map((a) => SET_ANNOTATION[a]).find(Boolean);
    if (!setType) return v;
    if (!v.L) this.fail('set annotation on a non-list');
    if (setType === 'SS') return { SS: v.L.map((x) => x.S ?? this.fail('non-string in string set')) };
    if (setType === 'NS') return { NS: v.L.map((x) => x.N ?? this.fail('non-number in number set')) };
    return { BS: v.L.map((x) => x.B ?? this.fail('non-blob in binary set')) };
  }

  private bare(): AttributeValue {
    const t = this.text;
    const c = t[this.i];
    if (t.startsWith('{{', this.i)) {
      const end = t.indexOf('}}', this.i);
      if (end < 0) this.fail('unterminated blob');
      const body = t.slice(this.i + 2, end).replace(/\s/g, '');
      this.i = end + 2;
      if (body.startsWith('"') || body.startsWith("'")) this.fail('clobs are not supported');
      return { B: Buffer.from(body, 'base64') };
    }
    if (c === '{') return { M: this.struct() };
    if (c === '[') return { L: this.sequence() };
    if (c === '"' || t.startsWith("'''", this.i)) return { S: this.string() };
    if (c === '(') this.fail('s-expressions are not supported');
    const num = /^[-+]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9_]*\.?[0-9_]*([eEdD][-+]?\d+)?)/.exec(t.slice(this.i, this.i + 512));
    if (num && /[0-9]/.test(num[0]) && !/^\d{4}-/.test(t.slice(this.i, this.i + 5))) {
      this.i += num[0].length;
      return { N: numberText(num[0]) };
    }
    const sym = this.symbolToken();
    if (sym === undefined) this.fail(`unexpected ${JSON.stringify(c ?? 'end of input')}`);
    if (sym === 'true' || sym === 'false') return { BOOL: sym === 'true' };
    if (sym === 'null' || sym.startsWith('null.')) return { NULL: true };
    // A bare symbol in value position reads as its text.
    return { S: sym };
  }

  private struct(): Item {
    const out: Item = Object.create(null);
    this.delimited('}', () => {
      const name = this.text[this.i] === '"' ? this.string() : this.symbolToken();
      if (name === undefined) this.fail('expected a field name');
      this.skip();
      if (this.text[this.i] !== ':') this.fail('expected ":"');
      this.i += 1;
      out[name] = this.value();
    });
    return out;
  }

  private sequence(): AttributeValue[] {
    const out: AttributeValue[] = [];
    this.delimited(']', () => out.push(this.value()));
    return out;
  }

  /** From the opening bracket through `close`: comma-separated elements, each read by `element`. */
  private delimited(close: string, element: () => void): void {
    this.i += 1;
    for (;;) {
      this.skip();
      if (this.text[this.i] === close) {
        this.i += 1;
        return;
      }
      element();
      this.skip();
      if (this.text[this.i] === ',') this.i += 1;
      else if (this.text[this.i] !== close) this.fail(`expected "," or "${close}"`);
    }
  }
}

/** Ion number text → DynamoDB number text. */
function numberText(raw: string): string {
  const s = raw.replace(/_/g, '');
  const hex = /^([-+]?)0[xX]([0-9a-fA-F]+)$/.exec(s);
  if (hex) return `${hex[1] === '-' ? '-' : ''}${BigInt(`0x${hex[2]}`).toString()}`;
  const bin = /^([-+]?)0[bB]([01]+)$/.exec(s);
  if (bin) return `${bin[1] === '-' ? '-' : ''}${BigInt(`0b${bin[2]}`).toString()}`;
  return s.replace(/[dD]/, 'E').replace(/\.(?=$|[eE])/, '').replace(/^\+/, '');
}

/** Every `{Item:...}` value of an Ion text stream, validated; bad values count as errors. */
export function ionItems(text: string): { items: Item[]; errors: number } {
  const reader = new IonReader(text);
  const items: Item[] = [];
  let errors = 0;
  while (!reader.atEnd()) {
    let v: AttributeValue;
    try {
      v = reader.value();
    } catch {
      // The stream cannot be resynchronised after a syntax error: the rest is one failure.
      return { items, errors: errors + 1 };
    }
    if (v.S === '$ion_1_0') continue;
    try {
      if (!v.M?.Item?.M) throw new Error('value has no Item struct');
      items.push(validateItem(v.M.Item.M));
    } catch {
      errors += 1;
    }
  }
  return { items, errors };
}
