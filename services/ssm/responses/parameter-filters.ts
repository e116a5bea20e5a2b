/** ParameterStringFilter matching for DescribeParameters and GetParametersByPath (API reference). */
import { ssmError } from '../exceptions';
import type { Parameter } from '../models/parameters';

export interface StringFilter {
  Key: string;
  Option?: string;
  Values?: string[];
}

const OPTIONS: Record<string, string[]> = {
  Name: ['Equals', 'BeginsWith', 'Contains'],
  Type: ['Equals', 'BeginsWith'],
  KeyId: ['Equals', 'BeginsWith'],
  Tier: ['Equals', 'BeginsWith'],
  DataType: ['Equals', 'BeginsWith'],
  Label: ['Equals', 'BeginsWith'],
  Path: ['OneLevel', 'Recursive'],
};

function checkFilter(f: StringFilter): void {
  const options = f.Key.startsWith('tag:') ? ['Equals'] : OPTIONS[f.Key];
  if (!options) throw ssmError('InvalidFilterKey', '');
  if (f.Option !== undefined && !options.includes(f.Option)) {
    throw ssmError(
      'InvalidFilterOption',
      `The specified filter option is not valid. Valid options are: ${options.join(', ')}.`,
    );
  }
  if (f.Key === 'Path' && (f.Values ?? []).some((v) => !v.startsWith('/'))) {
    throw ssmError('InvalidFilterValue', 'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".');
  }
}

function textMatches(candidates: string[], option: string, values: string[]): boolean {
  return values.some((v) =>
    candidates.some((c) => (option === 'BeginsWith' ? c.startsWith(v) : option === 'Contains' ? c.includes(v) : c === v)),
  );
}

function matches(p: Parameter, f: StringFilter): boolean {
  const v = p.latest;
  const values = f.Values ?? [];
  if (f.Key.startsWith('tag:')) {
    const tag = p.tags.get(f.Key.slice(4));
    return tag !== undefined && (values.length === 0 || values.includes(tag));
  }
  const option = f.Option ?? (f.Key === 'Path' ? 'OneLevel' : 'Equals');
  switch (f.Key) {
    case 'Name': {
      // Names compare with and without the leading slash, as Parameter Store does.
      const name = p.name.startsWith('/') ? p.name : `/${p.name}`;
      const normalized = option === 'Contains' ? values : values.map((x) => (x.startsWith('/') ? x : `/${x}`));
      return textMatches([name], option, normalized);
    }
    case 'Type':
      return textMatches([v.type], option, values);
    case 'KeyId':
      return textMatches(v.keyId ? [v.keyId] : [], option, values);
    case 'Tier':
      return textMatches([v.tier], option, values);
    case 'DataType':
      return textMatches([v.dataType], option, values);
    case 'Label':
      return textMatches(p.versions.flatMap((x) => [...x.labels]), option, values);
    case 'Path':
      return values.some((path) => {
        const prefix = path.endsWith('/') ? path : `${path}/`;
        if (path === '/' && !p.name.startsWith('/')) return option === 'Recursive' || !p.name.includes('/');
        if (!p.name.startsWith(prefix)) return false;
        return option === 'Recursive' || !p.name.slice(prefix.length).includes('/');
      });
    default:
      return false;
  }
}

export function filterParameters(parameters: Parameter[], filters: StringFilter[] | undefined): Parameter[] {
  for (const f of filters ?? []) checkFilter(f);
  return parameters.filter((p) => (filters ?? []).every((f) => matches(p, f)));
}
