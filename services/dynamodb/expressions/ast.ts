/**
 * The syntax tree shared by every DynamoDB expression kind (condition,
 * filter, key condition, update, projection) and by the legacy parameters
 * (Expected, AttributeUpdates, KeyConditions, ...), which are translated to
 * the same nodes so that one evaluator serves both.
 */
import type { AttributeValue } from '../values/attribute-value';

export type PathElement = { name: string } | { index: number };
export type Path = PathElement[];

export type Operand =
  | { kind: 'path'; path: Path }
  | { kind: 'value'; value: AttributeValue; ref: string }
  | { kind: 'size'; path: Path }
  | { kind: 'arith'; op: '+' | '-'; left: Operand; right: Operand }
  | { kind: 'if_not_exists'; path: Path; fallback: Operand }
  | { kind: 'list_append'; left: Operand; right: Operand };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; list: Operand[] }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'exists' | 'not_exists'; path: Path }
  | { kind: 'attribute_type'; path: Path; type: Operand }
  | { kind: 'begins_with' | 'contains'; path: Operand; operand: Operand };

export type UpdateAction =
  | { kind: 'SET'; path: Path; value: Operand }
  | { kind: 'REMOVE'; path: Path }
  | { kind: 'ADD' | 'DELETE'; path: Path; value: Operand };

/** How a path is written in DynamoDB's messages: [a, b, [0]] */
export function pathText(path: Path): string {
  return `[${path.map((e) => ('name' in e ? e.name : `[${e.index}]`)).join(', ')}]`;
}
