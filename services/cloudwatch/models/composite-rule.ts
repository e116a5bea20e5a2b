/**
 * The AlarmRule language of composite alarms: ALARM(x), OK(x),
 * INSUFFICIENT_DATA(x) (x an alarm name or ARN, quoted or not), TRUE, FALSE,
 * combined with AND, OR, NOT and parentheses (NOT binds tightest, then AND, then OR).
 */
import { invalidParameterValue } from '../exceptions';

export type Rule =
  | { kind: 'state'; state: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA'; alarm: string }
  | { kind: 'const'; value: boolean }
  | { kind: 'not'; rule: Rule }
  | { kind: 'and' | 'or'; left: Rule; right: Rule };

export function parseRule(text: string): Rule {
  const re = /\s*(?:(ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]+)"|'([^']+)'|([^()"'\s]+))\s*\)|(TRUE|FALSE|AND|OR|NOT)\b|([()]))/y;
  const tokens: string[][] = [];
  let at = 0;
  const bad = () => invalidParameterValue(`The AlarmRule is not valid: ${text}`);
  while (at < text.length && !/^\s*$/.test(text.slice(at))) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw bad();
    at = re.lastIndex;
    if (m[1]) tokens.push(['state', m[1], m[2] ?? m[3] ?? m[4]]);
    else tokens.push([m[5] ?? m[6]]);
  }
  let i = 0;
  const or = (): Rule => {
    let left = and();
    while (tokens[i]?.[0] === 'OR') {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): Rule => {
    let left = not();
    while (tokens[i]?.[0] === 'AND') {
      i++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const not = (): Rule => {
    if (tokens[i]?.[0] === 'NOT') {
      i++;
      return { kind: 'not', rule: not() };
    }
    const t = tokens[i++];
    if (!t) throw bad();
    if (t[0] === 'state') return { kind: 'state', state: t[1] as 'ALARM', alarm: t[2] };
    if (t[0] === 'TRUE' || t[0] === 'FALSE') return { kind: 'const', value: t[0] === 'TRUE' };
    if (t[0] === '(') {
      const r = or();
      if (tokens[i++]?.[0] !== ')') throw bad();
      return r;
    }
    throw bad();
  };
  const rule = or();
  if (i !== tokens.length) throw bad();
  return rule;
}

/** The alarm names or ARNs a rule reads. */
export function ruleAlarms(rule: Rule): string[] {
  switch (rule.kind) {
    case 'state':
      return [rule.alarm];
    case 'const':
      return [];
    case 'not':
      return ruleAlarms(rule.rule);
    default:
      return [...ruleAlarms(rule.left), ...ruleAlarms(rule.right)];
  }
}

export function evaluateRule(rule: Rule, stateOf: (alarm: string) => string | undefined): boolean {
  switch (rule.kind) {
    case 'state':
      return stateOf(rule.alarm) === rule.state;
    case 'const':
      return rule.value;
    case 'not':
      return !evaluateRule(rule.rule, stateOf);
    case 'and':
      return evaluateRule(rule.left, stateOf) && evaluateRule(rule.right, stateOf);
    default:
      return evaluateRule(rule.left, stateOf) || evaluateRule(rule.right, stateOf);
  }
}
