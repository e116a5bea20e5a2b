/**
 * Reads the expression parameters of a request (or their legacy
 * equivalents) into trees, enforcing DynamoDB's rules about mixing the two
 * styles, empty maps, undefined placeholders and unused ones.
 */
import type { Item } from '../values/attribute-value';
import { validateExpressionValues } from '../values/attribute-value';
import { notAString, stringMember, validation } from '../exceptions';
import type { Condition, Path, UpdateAction } from '../expressions/ast';
import { type LegacyCondition, legacyConditions, legacyProjection, legacyUpdates } from '../expressions/legacy';
import { ExpressionScope, Parser } from '../expressions/parser';

export interface ExpressionInput {
  ConditionExpression?: string;
  UpdateExpression?: string;
  ProjectionExpression?: string;
  FilterExpression?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
  Expected?: Record<string, LegacyCondition>;
  ConditionalOperator?: string;
  AttributeUpdates?: Record<string, { Value?: Item[string]; Action?: string }>;
  AttributesToGet?: string[];
  KeyConditions?: Record<string, LegacyCondition>;
  QueryFilter?: Record<string, LegacyCondition>;
  ScanFilter?: Record<string, LegacyCondition>;
}

export interface Expressions {
  condition?: Condition;
  update?: UpdateAction[];
  projection?: Path[];
  filter?: Condition;
  keyCondition?: Condition;
}

const PAIRS: Array<[keyof ExpressionInput, keyof ExpressionInput]> = [
  ['Expected', 'ConditionExpression'],
  ['AttributeUpdates', 'UpdateExpression'],
  ['AttributesToGet', 'ProjectionExpression'],
  ['QueryFilter', 'FilterExpression'],
  ['ScanFilter', 'FilterExpression'],
  ['KeyConditions', 'KeyConditionExpression'],
];

const EXPRESSIONS = ['ConditionExpression', 'UpdateExpression', 'ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'] as const;

/** Every member readExpressions reads: a request with none of them (a plain GetItem or PutItem) has no expressions. */
const MEMBERS: ReadonlyArray<keyof ExpressionInput> = [
  ...EXPRESSIONS,
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
  'ConditionalOperator',
  ...PAIRS.map(([legacy]) => legacy),
];

const MEMBER_NAMES: ReadonlySet<string> = new Set(MEMBERS);

function noExpressions(given: ExpressionInput): boolean {
  // The input's own few members looked up among the fourteen, rather than the fourteen read off the input.
  const input = given as Record<string, unknown>;
  for (const k in input) {
    if (!MEMBER_NAMES.has(k)) continue;
    const v = input[k];
    if (v !== undefined && v !== null) return false;
  }
  return true;
}

export function readExpressions(given: ExpressionInput): Expressions {
  // The common case, answered without the checks' allocations: what the full walk returns for it.
  if (noExpressions(given)) return { condition: undefined, filter: undefined, keyCondition: undefined, projection: undefined };
  let input = given;
  // A JSON null is an absent member.
  if (Object.values(given).includes(null as never)) {
    input = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null)) as ExpressionInput;
  }
  for (const k of EXPRESSIONS) stringMember(input[k]);
  const rawNames = input.ExpressionAttributeNames as unknown;
  if (rawNames !== undefined && rawNames !== null) {
    if (typeof rawNames !== 'object' || Array.isArray(rawNames)) throw notAString(rawNames);
    for (const v of Object.values(rawNames)) stringMember(v);
  }
  const legacy = PAIRS.map(([l]) => l).filter((k) => input[k] !== undefined);
  const modern = [
    ...new Set(PAIRS.map(([, m]) => m).filter((k) => input[k] !== undefined)),
  ];
  if (legacy.length && modern.length) {
    throw validation(
      `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${[...new Set(legacy)].join(', ')}} Expression parameters: {${modern.join(', ')}}`,
    );
  }
  if (input.ConditionalOperator !== undefined && modern.length) {
    throw validation(
      `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ConditionalOperator} Expression parameters: {${modern.join(', ')}}`,
    );
  }
  const names = input.ExpressionAttributeNames;
  const values = validateExpressionValues(input.ExpressionAttributeValues);
  if (names && Object.keys(names).length === 0) throw validation('ExpressionAttributeNames must not be empty');
  if (values && Object.keys(values).length === 0) throw validation('ExpressionAttributeValues must not be empty');
  if (names && !modern.length) throw validation('ExpressionAttributeNames can only be specified when using expressions');
  if (values && !modern.some((m) => m !== 'ProjectionExpression')) {
    throw validation('ExpressionAttributeValues can only be specified when using expressions');
  }
  const scope = new ExpressionScope(names, values);
  const out: Expressions = {};
  if (input.KeyConditionExpression !== undefined) {
    out.keyCondition = new Parser(input.KeyConditionExpression, 'KeyConditionExpression', scope).parseCondition();
  }
  if (input.ConditionExpression !== undefined) {
    out.condition = new Parser(input.ConditionExpression, 'ConditionExpression', scope).parseCondition();
  }
  if (input.FilterExpression !== undefined) {
    out.filter = new Parser(input.FilterExpression, 'FilterExpression', scope).parseCondition();
  }
  if (input.UpdateExpression !== undefined) {
    out.update = new Parser(input.UpdateExpression, 'UpdateExpression', scope).parseUpdate();
  }
  if (input.ProjectionExpression !== undefined) {
    out.projection = new Parser(input.ProjectionExpression, 'ProjectionExpression', scope).parseProjection();
  }
  scope.checkUnused();
  out.condition ??= legacyConditions(input.Expected, input.ConditionalOperator);
  out.filter ??= legacyConditions(input.QueryFilter ?? input.ScanFilter, input.ConditionalOperator);
  out.keyCondition ??= legacyConditions(input.KeyConditions);
  if (!out.update && input.AttributeUpdates) out.update = legacyUpdates(input.AttributeUpdates);
  out.projection ??= legacyProjection(input.AttributesToGet);
  return out;
}
