/** Layers: named, each with numbered immutable versions holding a zip and their own resource policy. */
import { clock } from '../../../src/core/clock';
import type { CodeBundle } from './code';
import type { PolicyStatement } from './function';

export interface LayerVersion {
  version: number;
  description: string;
  code: CodeBundle;
  createdAt: number;
  compatibleRuntimes?: string[];
  compatibleArchitectures?: string[];
  license?: string;
  policy: Map<string, PolicyStatement>;
  policyRevision: string;
}

export class Layer {
  readonly versions = new Map<number, LayerVersion>();
  private next = 1;

  constructor(readonly name: string) {}

  publish(fields: Omit<LayerVersion, 'version' | 'createdAt' | 'policy' | 'policyRevision'>): LayerVersion {
    const v: LayerVersion = { ...fields, version: this.next++, createdAt: clock.now(), policy: new Map(), policyRevision: '' };
    this.versions.set(v.version, v);
    return v;
  }

  latest(): LayerVersion | undefined {
    let best: LayerVersion | undefined;
    for (const v of this.versions.values()) if (!best || v.version > best.version) best = v;
    return best;
  }

  /** Versions newest first, as ListLayerVersions returns them. */
  newestFirst(): LayerVersion[] {
    return [...this.versions.values()].sort((a, b) => b.version - a.version);
  }
}
