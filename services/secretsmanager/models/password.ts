/** GetRandomPassword: the character classes and options of the API reference, from a CSPRNG. */
import { randomInt } from 'node:crypto';
import { invalidParameter } from '../exceptions';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** The punctuation set the API reference lists for ExcludePunctuation. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export interface PasswordOptions {
  PasswordLength?: number;
  ExcludeCharacters?: string;
  ExcludeNumbers?: boolean;
  ExcludePunctuation?: boolean;
  ExcludeUppercase?: boolean;
  ExcludeLowercase?: boolean;
  IncludeSpace?: boolean;
  RequireEachIncludedType?: boolean;
}

export function randomPassword(options: PasswordOptions): string {
  const length = options.PasswordLength ?? 32;
  const excluded = new Set(options.ExcludeCharacters ?? '');
  const keep = (set: string) => [...set].filter((c) => !excluded.has(c)).join('');
  const classes: string[] = [];
  if (!options.ExcludeLowercase) classes.push(keep(LOWER));
  if (!options.ExcludeUppercase) classes.push(keep(UPPER));
  if (!options.ExcludeNumbers) classes.push(keep(DIGITS));
  if (!options.ExcludePunctuation) classes.push(keep(PUNCTUATION));
  if (options.IncludeSpace) classes.push(keep(' '));
  const usable = classes.filter((c) => c.length > 0);
  const all = usable.join('');
  if (all.length === 0) {
    throw invalidParameter('The password cannot be generated: every character type is excluded.');
  }
  const requireEach = options.RequireEachIncludedType ?? true;
  if (requireEach && usable.length > length) {
    throw invalidParameter(`The password length ${length} is too short to include a character of each of the ${usable.length} included types.`);
  }
  const chars: string[] = [];
  if (requireEach) for (const c of usable) chars.push(c[randomInt(c.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  // Shuffle, so the required characters are not always in front (Fisher-Yates).
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
