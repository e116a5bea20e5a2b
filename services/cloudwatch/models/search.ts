/**
 * SEARCH() expressions of metric math: an optional schema
 * `{Namespace,DimensionName,...}` (the metric is in that namespace and has
 * exactly those dimensions), then terms: `Name="value"` / `Name=value`
 * (MetricName, Namespace or a dimension name, exact), bare words and
 * "quoted phrases" (found, case-insensitively, in the namespace, the metric
 * name or a dimension name or value). Terms must all match (AND, implicit or
 * written), `NOT` negates the next term, `OR` separates alternatives.
 */
import type { MetricSeries } from './metrics';

type Term = { negate: boolean; test: (s: MetricSeries) => boolean };

/** At most this many metrics answer one SEARCH. */
export const SEARCH_LIMIT = 500;

function schemaTest(text: string): ((s: MetricSeries) => boolean) | undefined {
  const m = /^\s*\{([^}]*)\}/.exec(text);
  if (!m) return undefined;
  const [namespace, ...dims] = m[1].split(',').map((p) => p.trim().replace(/^"(.*)"$/, '$1'));
  return (s) =>
    s.namespace === namespace && s.dimensions.length === dims.length && dims.every((d) => s.dimensions.some((x) => x.Name === d));
}

function termTest(word: string): (s: MetricSeries) => boolean {
  const kv = /^([^=\s]+)=(?:"(.*)"|(\S+))$/.exec(word);
  if (kv) {
    const [, key, quoted, bare] = kv;
    const value = quoted ?? bare;
    if (key === 'MetricName') return (s) => s.name === value;
    if (key === 'Namespace') return (s) => s.namespace === value;
    return (s) => s.dimensions.some((d) => d.Name === key && d.Value === value);
  }
  const needle = word.replace(/^"(.*)"$/, '$1').toLowerCase();
  return (s) =>
    [s.namespace, s.name, ...s.dimensions.flatMap((d) => [d.Name, d.Value])].some((field) => field.toLowerCase().includes(needle));
}

/** A predicate over metric series for a search expression. */
export function searchPredicate(expression: string): (s: MetricSeries) => boolean {
  const schema = schemaTest(expression);
  const rest = expression.replace(/^\s*\{[^}]*\}/, '');
  const words = rest.match(/[^\s=]+=(?:"[^"]*"|\S+)|"[^"]*"|\S+/g) ?? [];
  const alternatives: Term[][] = [[]];
  let negate = false;
  for (const word of words) {
    if (word === 'OR') alternatives.push([]);
    else if (word === 'AND') continue;
    else if (word === 'NOT') negate = true;
    else {
      alternatives[alternatives.length - 1].push({ negate, test: termTest(word) });
      negate = false;
    }
  }
  const any = alternatives.filter((a) => a.length > 0);
  return (s) =>
    (schema === undefined || schema(s)) && (any.length === 0 || any.some((terms) => terms.every((t) => t.test(s) !== t.negate)));
}
