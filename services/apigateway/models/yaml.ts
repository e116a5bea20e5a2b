/**
 * The YAML that OpenAPI definitions use, both ways, without a dependency:
 * `toYaml` writes block mappings and sequences with JSON-quoted strings where a
 * plain scalar would read back differently; `parseYaml` reads block mappings and
 * sequences, flow `[...]` / `{...}`, plain, single- and double-quoted scalars,
 * `|` / `>` block scalars and comments (anchors, tags and multi-document streams
 * are refused as errors). JSON is YAML, so a JSON body parses too.
 */

export class YamlError extends Error {}

const PLAIN = /^[A-Za-z_/$.][A-Za-z0-9_ ./${}()+@=,;*-]*$/;
const RESERVED = /^(true|false|null|~|yes|no|on|off|y|n)$/i;

function scalar(s: string): string {
  const plain = PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') && !s.includes(' #') && !/^[0-9.+-]/.test(s);
  return plain ? s : JSON.stringify(s);
}

function key(k: string): string {
  return scalar(k);
}

function emit(v: unknown, indent: string, out: string[], prefix: string): void {
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push(`${prefix}[]`);
    if (prefix) out.push(prefix.trimEnd());
    for (const item of v) {
      if (item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
        const lines: string[] = [];
        emit(item, `${indent}  `, lines, '');
        out.push(`${indent}- ${lines[0].trimStart()}`, ...lines.slice(1));
      } else {
        emit(item, `${indent}  `, out, `${indent}- `);
      }
    }
    return;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return void out.push(`${prefix}{}`);
    if (prefix) out.push(prefix.trimEnd());
    for (const [k, x] of entries) emit(x, `${indent}  `, out, `${indent}${key(k)}: `);
    return;
  }
  const text = typeof v === 'string' ? scalar(v) : v === null ? 'null' : String(v);
  out.push(`${prefix}${text}`);
}

/** A document as YAML (block style, two-space indentation). */
export function toYaml(doc: unknown): string {
  const out: string[] = [];
  emit(doc, '', out, '');
  return `${out.join('\n')}\n`;
}

// ---- Reading ----

interface Line {
  indent: number;
  text: string;
  no: number;
}

function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(s[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) {
      return s.slice(0, i).trimEnd();
    }
  }
  return s.trimEnd();
}

function plainValue(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(s)) return true;
  if (/^(false|False|FALSE)$/.test(s)) return false;
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(s)) return Number(s);
  if (/^[-+]?([0-9]*\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[&*!]/.test(s)) throw new YamlError(`YAML anchors, aliases and tags are not supported: ${s}`);
  return s;
}

/** A flow value or quoted scalar starting at `s[i]`: the value and where it ends. */
function flow(s: string, i: number, inFlow: boolean): [unknown, number] {
  while (s[i] === ' ') i++;
  const c = s[i];
  if (c === '"') {
    let j = i + 1;
    while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    if (j >= s.length) throw new YamlError('Unterminated double-quoted string');
    return [JSON.parse(s.slice(i, j + 1).replace(/\\\//g, '/')), j + 1];
  }
  if (c === "'") {
    let j = i + 1;
    let text = '';
    for (;;) {
      if (j >= s.length) throw new YamlError('Unterminated single-quoted string');
      if (s[j] === "'") {
        if (s[j + 1] === "'") {
          text += "'";
          j += 2;
          continue;
        }
        return [text, j + 1];
      }
      text += s[j++];
    }
  }
  if (c === '[' || c === '{') {
    const list = c === '[';
    const result: unknown[] | Record<string, unknown> = list ? [] : {};
    i++;
    for (;;) {
      while (s[i] === ' ' || s[i] === ',') i++;
      if (s[i] === (list ? ']' : '}')) return [result, i + 1];
      if (i >= s.length) throw new YamlError('Unterminated flow collection');
      if (list) {
        const [v, j] = flow(s, i, true);
        (result as unknown[]).push(v);
        i = j;
      } else {
        const [k, j] = flow(s, i, true);
        i = j;
        while (s[i] === ' ') i++;
        if (s[i] !== ':') throw new YamlError('Expected : in a flow mapping');
        const [v, l] = flow(s, i + 1, true);
        (result as Record<string, unknown>)[String(k)] = v;
        i = l;
      }
    }
  }
  let j = i;
  while (j < s.length && !(inFlow && /[,\]}]/.test(s[j])) && !(inFlow && s[j] === ':' && s[j + 1] === ' ')) j++;
  return [plainValue(s.slice(i, j).trim()), j];
}

function inlineValue(s: string, no: number): unknown {
  const [v, end] = flow(s, 0, false);
  if (s.slice(end).trim() !== '') throw new YamlError(`Unexpected content on line ${no}`);
  return v;
}

/** `key: rest` split at the first `: ` (or a trailing `:`) outside quotes. */
function splitKey(text: string): [string, string] | undefined {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && i === 0) quote = c;
    else if (c === ':' && (i === text.length - 1 || text[i + 1] === ' ')) {
      const raw = text.slice(0, i).trim();
      const k = raw.startsWith('"') || raw.startsWith("'") ? String(flow(raw, 0, false)[0]) : raw;
      return [k, text.slice(i + 1).trim()];
    }
    if ((c === '[' || c === '{') && i === 0) return undefined;
  }
  return undefined;
}

class Reader {
  i = 0;
  constructor(
    readonly lines: Line[],
    readonly raw: string[],
  ) {}

  block(indent: number): unknown {
    const line = this.lines[this.i];
    if (!line || line.indent < indent) return null;
    if (line.text === '-' || line.text.startsWith('- ')) return this.sequence(line.indent);
    if (splitKey(line.text)) return this.mapping(line.indent);
    this.i++;
    return inlineValue(line.text, line.no);
  }

  sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent || !(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.i++;
        items.push(this.block(indent + 1));
      } else {
        // `- key: value` opens a mapping whose members sit at the column after `- `.
        const column = indent + (line.text.length - rest.length);
        this.lines[this.i] = { indent: column, text: rest, no: line.no };
        items.push(this.block(column));
      }
    }
    return items;
  }

  mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent) {
        if (line.indent > indent) throw new YamlError(`Bad indentation on line ${line.no}`);
        break;
      }
      const kv = splitKey(line.text);
      if (!kv) throw new YamlError(`Expected a mapping entry on line ${line.no}`);
      const [k, rest] = kv;
      this.i++;
      if (rest === '') {
        const next = this.lines[this.i];
        // A sequence may sit at the key's own column.
        if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) map[k] = this.sequence(indent);
        else map[k] = next && next.indent > indent ? this.block(next.indent) : null;
      } else if (rest === '|' || rest === '>' || /^[|>][-+]?$/.test(rest)) {
        map[k] = this.blockScalar(rest, indent, line.no);
      } else {
        map[k] = inlineValue(rest, line.no);
      }
    }
    return map;
  }

  /** `|` keeps line breaks, `>` folds them; the text is the raw lines indented past the key. */
  blockScalar(style: string, indent: number, from: number): string {
    const body: string[] = [];
    let column: number | undefined;
    let n = from;
    while (n < this.raw.length) {
      const raw = this.raw[n];
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim() !== '' && lead <= indent) break;
      if (raw.trim() !== '') column ??= lead;
      body.push(raw.trim() === '' ? '' : raw.slice(column));
      n++;
    }
    while (this.i < this.lines.length && this.lines[this.i].no <= n) this.i++;
    while (body.length && body[body.length - 1] === '') body.pop();
    const text = style.startsWith('|') ? body.join('\n') : body.join(' ').replace(/ ?\n ?/g, '\n');
    return style.endsWith('-') ? text : `${text}\n`;
  }
}

/** A YAML (or JSON) document as a value; YamlError when it is not readable. */
export function parseYaml(text: string): unknown {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: Line[] = [];
  for (const [n, l] of raw.entries()) {
    if (/^\s*\t/.test(l)) throw new YamlError(`Tabs are not allowed in indentation (line ${n + 1})`);
    const text = stripComment(l);
    if (text.trim() === '' || text.trim() === '---' || text.startsWith('%')) continue;
    if (text.trim() === '...') break;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), no: n + 1 });
  }
  if (lines.length === 0) return null;
  const first = lines[0].text;
  if (first.startsWith('{') || first.startsWith('[')) return inlineValue(lines.map((l) => l.text).join(' '), 1);
  const reader = new Reader(lines, raw);
  const doc = reader.block(lines[0].indent);
  if (reader.i < lines.length) throw new YamlError(`Unexpected content on line ${lines[reader.i].no}`);
  return doc;
}
