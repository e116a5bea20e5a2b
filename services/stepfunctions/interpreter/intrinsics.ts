/**
 * The intrinsic functions of JSONPath workflows (`States.Format('{} {}', $.a, $.b)`):
 * parsing of the call syntax (string literals with \' \{ \} \\ escapes,
 * numbers, booleans, null, paths, nested calls) and every function AWS
 * lists, failing with States.IntrinsicFailure as AWS does.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { intrinsicFailure, json } from './errors';
import { evaluatePath, type Roots } from './jsonpath';

type Arg = { kind: 'lit'; value: unknown } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Arg[] };

export const isIntrinsic = (text: string) => /^States\.[A-Za-z0-9]+\(/.test(text);

export function evaluateIntrinsic(text: string, roots: Roots, field: string): unknown {
  const p = new Parser(text);
  const call = p.call();
  p.skip();
  if (p.i !== text.length) throw intrinsicFailure(`Unexpected text after the intrinsic function in '${text}'`);
  return run(call, roots, field);
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  skip(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
  call(): Arg & { kind: 'call' } {
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.i));
    if (!m) throw intrinsicFailure(`Invalid intrinsic function call at '${this.s.slice(this.i)}'`);
    this.i += m[0].length;
    if (this.s[this.i] !== '(') throw intrinsicFailure(`Expected '(' after ${m[0]}`);
    this.i++;
    const args: Arg[] = [];
    this.skip();
    if (this.s[this.i] === ')') {
      this.i++;
      return { kind: 'call', name: m[0], args };
    }
    for (;;) {
      this.skip();
      args.push(this.arg());
      this.skip();
      const c = this.s[this.i++];
      if (c === ')') return { kind: 'call', name: m[0], args };
      if (c !== ',') throw intrinsicFailure(`Expected ',' or ')' in '${this.s}'`);
    }
  }
  arg(): Arg {
    const rest = this.s.slice(this.i);
    if (rest.startsWith("'")) {
      let out = '';
      let j = this.i + 1;
      for (; j < this.s.length && this.s[j] !== "'"; j++) {
        if (this.s[j] === '\\') {
          j++;
          // \{ and \} stay escaped for States.Format to tell them from placeholders
          out += this.s[j] === '{' || this.s[j] === '}' ? `\\${this.s[j]}` : this.s[j];
        } else out += this.s[j];
      }
      if (j >= this.s.length) throw intrinsicFailure(`Unterminated string in '${this.s}'`);
      this.i = j + 1;
      return { kind: 'lit', value: out };
    }
    if (rest.startsWith('States.')) return this.call();
    if (rest.startsWith('$')) {
      let depth = 0;
      let j = this.i;
      for (; j < this.s.length; j++) {
        const c = this.s[j];
        if (c === '[' || c === '(') depth++;
        else if ((c === ']' || c === ')') && depth > 0) depth--;
        else if ((c === ',' || c === ')') && depth === 0) break;
      }
      const path = this.s.slice(this.i, j).trim();
      this.i = j;
      return { kind: 'path', path };
    }
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(rest);
    if (!m) throw intrinsicFailure(`Invalid argument at '${rest}'`);
    this.i += m[0].length;
    return { kind: 'lit', value: JSON.parse(m[0]) };
  }
}

const unescapeBraces = (s: string) => s.replace(/\\([{}])/g, '$1');

function run(call: Arg & { kind: 'call' }, roots: Roots, field: string): unknown {
  const args = call.args.map((a) => (a.kind === 'lit' ? a.value : a.kind === 'path' ? evaluatePath(a.path, roots, field) : run(a, roots, field)));
  const raw = args.map((a) => (typeof a === 'string' ? unescapeBraces(a) : a));
  const fn = FUNCTIONS[call.name];
  if (!fn) throw intrinsicFailure(`Function '${call.name}' is not supported`);
  return call.name === 'States.Format' ? fn(args, call.name) : fn(raw, call.name);
}

function need(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw intrinsicFailure(`Invalid arguments in ${name}: expected ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`);
  }
}
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const str = (v: unknown) => (typeof v === 'string' ? v : json(v));

const FUNCTIONS: Record<string, (args: unknown[], name: string) => unknown> = {
  'States.Format'(args, name) {
    if (!args.length || typeof args[0] !== 'string') throw intrinsicFailure(`The first argument of ${name} must be a string template`);
    const template = args[0];
    let k = 1;
    let out = '';
    for (let i = 0; i < template.length; i++) {
      const c = template[i];
      if (c === '\\' && (template[i + 1] === '{' || template[i + 1] === '}')) out += template[++i];
      else if (c === '{' && template[i + 1] === '}') {
        if (k >= args.length) throw intrinsicFailure(`The number of arguments in ${name} does not match the number of placeholders`);
        const v = args[k++];
        out += typeof v === 'string' ? unescapeBraces(v) : json(v);
        i++;
      } else out += c;
    }
    if (k !== args.length) throw intrinsicFailure(`The number of arguments in ${name} does not match the number of placeholders`);
    return out;
  },
  'States.StringToJson'(args, name) {
    need(name, args, 1);
    if (typeof args[0] !== 'string') throw intrinsicFailure(`The argument of ${name} must be a string`);
    try {
      return JSON.parse(args[0]);
    } catch {
      throw intrinsicFailure(`The argument of ${name} is not valid JSON: '${args[0]}'`);
    }
  },
  'States.JsonToString'(args, name) {
    need(name, args, 1);
    return json(args[0]);
  },
  'States.Array'(args) {
    return args;
  },
  'States.ArrayPartition'(args, name) {
    need(name, args, 2);
    const [arr, size] = args;
    if (!Array.isArray(arr) || !isInt(size) || size <= 0) throw intrinsicFailure(`${name} takes an array and a positive integer chunk size`);
    const out: unknown[][] = [];
    for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
    return out;
  },
  'States.ArrayContains'(args, name) {
    need(name, args, 2);
    if (!Array.isArray(args[0])) throw intrinsicFailure(`The first argument of ${name} must be an array`);
    const target = json(args[1]);
    return args[0].some((v) => json(v) === target);
  },
  'States.ArrayRange'(args, name) {
    need(name, args, 3);
    const [start, end, by] = args;
    if (!isInt(start) || !isInt(end) || !isInt(by) || by === 0) throw intrinsicFailure(`${name} takes three integers and a non-zero step`);
    const out: number[] = [];
    for (let v = start; by > 0 ? v <= end : v >= end; v += by) {
      out.push(v);
      if (out.length > 1000) throw intrinsicFailure(`${name} would produce more than 1000 items`);
    }
    return out;
  },
  'States.ArrayGetItem'(args, name) {
    need(name, args, 2);
    const [arr, i] = args;
    if (!Array.isArray(arr) || !isInt(i) || i < 0 || i >= arr.length) throw intrinsicFailure(`Invalid arguments in ${name}: index ${json(i)} is out of bounds`);
    return arr[i];
  },
  'States.ArrayLength'(args, name) {
    need(name, args, 1);
    if (!Array.isArray(args[0])) throw intrinsicFailure(`The argument of ${name} must be an array`);
    return args[0].length;
  },
  'States.ArrayUnique'(args, name) {
    need(name, args, 1);
    if (!Array.isArray(args[0])) throw intrinsicFailure(`The argument of ${name} must be an array`);
    const seen = new Set<string>();
    return args[0].filter((v) => {
      const k = json(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  'States.Base64Encode'(args, name) {
    need(name, args, 1);
    if (typeof args[0] !== 'string') throw intrinsicFailure(`The argument of ${name} must be a string`);
    if (args[0].length > 10000) throw intrinsicFailure(`The argument of ${name} must be at most 10000 characters`);
    return Buffer.from(args[0]).toString('base64');
  },
  'States.Base64Decode'(args, name) {
    need(name, args, 1);
    if (typeof args[0] !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(args[0])) throw intrinsicFailure(`The argument of ${name} must be base64 data`);
    return Buffer.from(args[0], 'base64').toString('utf8');
  },
  'States.Hash'(args, name) {
    need(name, args, 2);
    const algorithms: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    const algo = typeof args[1] === 'string' ? algorithms[args[1]] : undefined;
    if (!algo) throw intrinsicFailure(`${name} supports MD5, SHA-1, SHA-256, SHA-384 and SHA-512, not ${json(args[1])}`);
    return createHash(algo).update(str(args[0])).digest('hex');
  },
  'States.JsonMerge'(args, name) {
    need(name, args, 3);
    const [a, b, deep] = args;
    const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObj(a) || !isObj(b)) throw intrinsicFailure(`${name} merges two JSON objects`);
    if (deep !== false) throw intrinsicFailure(`${name} supports only a shallow merge: its third argument must be false`);
    return { ...(a as object), ...(b as object) };
  },
  'States.MathRandom'(args, name) {
    need(name, args, 2, 3);
    const [lo, hi] = args;
    if (!isInt(lo) || !isInt(hi) || hi <= lo) throw intrinsicFailure(`${name} takes two integers, start < end`);
    return randomInt(lo, hi);
  },
  'States.MathAdd'(args, name) {
    need(name, args, 2);
    if (!isInt(args[0]) || !isInt(args[1])) throw intrinsicFailure(`${name} adds two integers`);
    return args[0] + args[1];
  },
  'States.StringSplit'(args, name) {
    need(name, args, 2);
    const [s, sep] = args;
    if (typeof s !== 'string' || typeof sep !== 'string') throw intrinsicFailure(`${name} takes two strings`);
    // every character of the delimiter string is a delimiter; empty pieces are dropped
    const chars = [...sep];
    const out: string[] = [];
    let cur = '';
    for (const c of s) {
      if (chars.includes(c)) {
        if (cur) out.push(cur);
        cur = '';
      } else cur += c;
    }
    if (cur) out.push(cur);
    return out;
  },
  'States.UUID'(args, name) {
    need(name, args, 0);
    return randomUUID();
  },
};

export const intrinsicNames = Object.keys(FUNCTIONS);
