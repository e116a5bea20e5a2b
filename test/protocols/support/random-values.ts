/**
 * Random, model-valid values for any shape of a generated spec, from a seeded
 * generator so a failing case can be replayed.
 */
import type { MemberSpec, ServiceSpec } from '../../../src/core/spec';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  /** Members to leave out (SDK-computed, or transformed by middleware). */
  skip?: (name: string, member: MemberSpec) => boolean;
  maxDepth?: number;
  /** Probability that an optional member is present. */
  presence?: number;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class ValueGenerator {
  constructor(
    private readonly spec: ServiceSpec,
    private readonly rand: () => number,
    private readonly options: GenerateOptions = {},
  ) {}

  private int(max: number): number {
    return Math.floor(this.rand() * max);
  }

  private word(min = 3, max = 10): string {
    const len = min + this.int(max - min + 1);
    let s = '';
    for (let i = 0; i < len; i++) s += ALNUM[this.int(ALNUM.length)];
    return s;
  }

  structure(shapeName: string, depth = 0): Record<string, unknown> {
    const shape = this.spec.shapes[shapeName];
    if (!shape || !('members' in shape)) return {};
    const out: Record<string, unknown> = {};
    const names = Object.keys(shape.members);
    if (shape.type === 'union') {
      const candidates = names.filter((n) => !this.options.skip?.(n, shape.members[n]));
      if (candidates.length === 0) return out;
      const pick = candidates[this.int(candidates.length)];
      const v = this.value(shape.members[pick], depth + 1, pick);
      if (v !== undefined) out[pick] = v;
      return out;
    }
    for (const name of names) {
      const member = shape.members[name];
      if (this.options.skip?.(name, member)) continue;
      if (!member.required && this.rand() > (this.options.presence ?? 0.6)) continue;
      const v = this.value(member, depth + 1, name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  value(member: MemberSpec, depth: number, name = ''): unknown {
    const shape = this.spec.shapes[member.target];
    const maxDepth = this.options.maxDepth ?? 4;
    if (!shape) return this.scalar(member, name);
    if (depth > maxDepth && !member.required) return undefined;
    if (shape.type === 'list') {
      const n = 1 + this.int(3);
      const items: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const v = this.value(shape.member, depth + 1);
        if (v !== undefined) items.push(v);
      }
      return items.length ? items : undefined;
    }
    if (shape.type === 'map') {
      const n = 1 + this.int(2);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const v = this.value(shape.value, depth + 1);
        const key = shape.key.enum ? (this.scalar(shape.key, '') as string) : `k${this.word(2, 6)}`;
        if (v !== undefined) out[key] = v;
      }
      return Object.keys(out).length ? out : undefined;
    }
    // An empty structure has no form on the query wire (nor in headers): leave it out.
    const struct = this.structure(member.target, depth);
    return Object.keys(struct).length ? struct : undefined;
  }

  private scalar(member: MemberSpec, name: string): unknown {
    switch (member.target) {
      case 'string': {
        const values = member.enum ? this.spec.enums[member.enum] : undefined;
        if (values?.length) return values[this.int(values.length)];
        if (member.mediaType) return JSON.stringify({ [this.word()]: this.word() });
        if (name.startsWith('Bucket')) return `b-${this.word(5, 12)}`;
        // The SQS client sends to the QueueUrl's host, so it must be a URL.
        if (name.endsWith('Url')) return `https://sqs.us-east-1.amazonaws.com/123456789012/${this.word()}`;
        // Endpoint rules parse ARNs (Kinesis StreamARN): give them a well-formed one.
        if (/(ARN|Arn)$/.test(name)) {
          const type = name.startsWith('Channel') ? 'channel' : 'stream';
          return `arn:aws:${this.spec.endpointPrefix}:us-east-1:123456789012:${type}/${this.word()}`;
        }
        return this.word();
      }
      case 'number':
        return this.int(1000);
      case 'boolean':
        return this.rand() < 0.5;
      case 'timestamp':
        // Whole seconds: the http-date format has no fractions.
        return new Date((1_600_000_000 + this.int(200_000_000)) * 1000);
      case 'blob': {
        const bytes = Buffer.alloc(1 + this.int(24));
        for (let i = 0; i < bytes.length; i++) bytes[i] = this.int(256);
        return bytes;
      }
      case 'bigint':
        return String(this.int(1_000_000));
      default:
        return undefined;
    }
  }
}
