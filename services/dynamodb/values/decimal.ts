/**
 * DynamoDB numbers as exact decimals. A Number travels as a string and keeps
 * up to 38 significant digits in the range 1E-130 .. 9.99..E+125, so JS floats
 * would silently round it. Values here are kept as strings and compared or
 * added with BigInt arithmetic.
 */
import { validation } from '../exceptions';

/** A parsed number: value = sign × 0.digits × 10^exp (digits has no leading/trailing zeros). */
export interface Decimal {
  sign: 1 | -1 | 0;
  digits: string;
  exp: number;
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;

/** Parses without range checks; undefined when the text is not a number at all. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const intPart = m[2];
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  const all = intPart + fracPart;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { sign: 0, digits: '', exp: 0 };
  const trimmed = all.slice(lead).replace(/0+$/, '');
  const exp = intPart.length - lead + (m[4] ? Number(m[4]) : 0);
  return { sign: m[1] === '-' ? -1 : 1, digits: trimmed, exp };
}

/** Parses and enforces DynamoDB's precision and magnitude rules. */
export function checkedDecimal(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw validation('A value provided cannot be converted into a number');
  checkRange(d);
  return d;
}

function checkRange(d: Decimal): void {
  if (d.sign === 0) return;
  if (d.digits.length > MAX_DIGITS) throw validation('Attempting to store more than 38 significant digits in a Number');
  if (d.exp > 126) {
    throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
  }
  if (d.exp < -129) {
    throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  }
}

/** The canonical text DynamoDB hands back: plain notation, no redundant zeros. */
export function formatDecimal(d: Decimal): string {
  if (d.sign === 0) return '0';
  const sign = d.sign < 0 ? '-' : '';
  const { digits, exp } = d;
  if (exp <= 0) return `${sign}0.${'0'.repeat(-exp)}${digits}`;
  if (exp >= digits.length) return `${sign}${digits}${'0'.repeat(exp - digits.length)}`;
  return `${sign}${digits.slice(0, exp)}.${digits.slice(exp)}`;
}

/** Validates and normalises a Number attribute's text. */
export function normalizeNumber(text: string): string {
  return formatDecimal(checkedDecimal(text));
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.sign === 0) return 0;
  let c: number;
  if (a.exp !== b.exp) c = a.exp < b.exp ? -1 : 1;
  else c = a.digits === b.digits ? 0 : a.digits < b.digits ? -1 : 1;
  return a.sign < 0 ? -c : c;
}

export function compareNumberText(a: string, b: string): number {
  return compareDecimal(parseDecimal(a) as Decimal, parseDecimal(b) as Decimal);
}

function toScaled(d: Decimal): { int: bigint; scale: number } {
  if (d.sign === 0) return { int: 0n, scale: 0 };
  const scale = d.digits.length - d.exp;
  const int = BigInt(d.digits) * (d.sign < 0 ? -1n : 1n);
  return { int, scale };
}

function fromScaled(int: bigint, scale: number): Decimal {
  if (int === 0n) return { sign: 0, digits: '', exp: 0 };
  const neg = int < 0n;
  const text = (neg ? -int : int).toString();
  const digits = text.replace(/0+$/, '');
  return { sign: neg ? -1 : 1, digits, exp: text.length - scale };
}

/** a + b (or a - b), exact, then checked against DynamoDB's limits. */
export function addNumbers(a: string, b: string, subtract = false): string {
  const x = toScaled(parseDecimal(a) as Decimal);
  const y = toScaled(parseDecimal(b) as Decimal);
  const scale = Math.max(x.scale, y.scale);
  const xi = x.int * 10n ** BigInt(scale - x.scale);
  const yi = y.int * 10n ** BigInt(scale - y.scale);
  const result = fromScaled(subtract ? xi - yi : xi + yi, scale);
  checkRange(result);
  return formatDecimal(result);
}

/**
 * An order-preserving string for a number: plain string comparison of two
 * encodings orders them numerically. Used as the sort key of N range keys so
 * a binary search never re-parses decimals.
 */
export function sortableNumber(text: string): string {
  const d = parseDecimal(text) as Decimal;
  if (d.sign === 0) return '2';
  const e = String(d.exp + 500).padStart(4, '0');
  if (d.sign > 0) return `3${e}${d.digits}`;
  const inv = String(9999 - (d.exp + 500)).padStart(4, '0');
  let digits = '';
  for (const ch of d.digits) digits += String(9 - Number(ch));
  // '~' sorts after every digit, so a shorter magnitude (smaller |x|) sorts later.
  return `1${inv}${digits}~`;
}
