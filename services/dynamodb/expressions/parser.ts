/**
 * Recursive-descent parser for DynamoDB's expression language. One Parser
 * reads one expression; an ExpressionScope shared by the expressions of a
 * request resolves #aliases and :values and records which were used, so that
 * unused ones can be rejected afterwards as DynamoDB does.
 *
 * Precedence, lowest first: OR, AND, NOT, then comparisons / BETWEEN / IN
 * and the functions (developer guide, "Comparison operator and function
 * reference").
 */
import type { Item } from '../values/attribute-value';
import { invalidExpression, validation } from '../exceptions';
import type { Comparator, Condition, Operand, Path, UpdateAction } from './ast';
import { isReserved } from './reserved-words';
import { type Token, tokenize } from './tokenizer';

export type ExpressionKind =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'UpdateExpression'
  | 'ProjectionExpression';

/** The #names / :values of one request and which of them the expressions used. */
export class ExpressionScope {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();
  constructor(
    readonly names: Record<string, string> | undefined,
    readonly values: Item | undefined,
  ) {}

  /** Rejects aliases and values that no expression referenced. */
  checkUnused(): void {
    const unusedNames = Object.keys(this.names ?? {}).filter((k) => !this.usedNames.has(k));
    if (unusedNames.length) {
      throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    }
    const unusedValues = Object.keys(this.values ?? {}).filter((k) => !this.usedValues.has(k));
    if (unusedValues.length) {
      throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
    }
  }
}

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'SET', 'REMOVE', 'ADD', 'DELETE']);
const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);
const ALL_FUNCTIONS = new Set([...CONDITION_FUNCTIONS, 'size', 'if_not_exists', 'list_append']);
const MAX_DEPTH = 32;
/** Parentheses deeper than this are refused before recursion could exhaust the stack. */
const MAX_NESTING = 256;

/** Carries the error for input nested deeper than MAX_NESTING (never swallowed by backtracking). */
class NestingTooDeep extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

export class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly kind: ExpressionKind,
    private readonly scope: ExpressionScope,
  ) {
    if (source.trim() === '') throw this.fail('The expression can not be empty;');
    this.tokens = tokenize(source);
  }

  // ---- token helpers -------------------------------------------------------

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.pos += 1;
    return t;
  }

  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'op' && t.text === text;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'name' && t.text.toUpperCase() === word;
  }

  private expectOp(text: string): void {
    if (!this.isOp(text)) throw this.syntaxError();
  }

  private fail(detail: string) {
    return invalidExpression(this.kind, detail);
  }

  /** "Syntax error; token: "x", near: "a x b"" — from the token before to the token after. */
  syntaxError(token = this.peek()) {
    const i = this.tokens.indexOf(token);
    const prev = i > 0 ? this.tokens[i - 1] : undefined;
    const after = this.tokens[i + 1];
    const from = prev ? prev.start : token.start;
    const to = after && after.type !== 'eof' ? after.end : token.type === 'eof' ? this.source.length : token.end;
    return this.fail(`Syntax error; token: "${token.text}", near: "${this.source.slice(from, to)}"`);
  }

  private done(): void {
    if (this.peek().type !== 'eof') throw this.syntaxError();
  }

  // ---- entry points --------------------------------------------------------

  parseCondition(): Condition {
    return this.guard(() => {
      const c = this.orExpr();
      this.done();
      return c;
    });
  }

  private guard<T>(parse: () => T): T {
    try {
      return parse();
    } catch (err) {
      throw err instanceof NestingTooDeep ? err.error : err;
    }
  }

  parseProjection(): Path[] {
    const paths = [this.path()];
    while (this.isOp(',')) {
      this.next();
      paths.push(this.path());
    }
    this.done();
    return paths;
  }

  parseUpdate(): UpdateAction[] {
    return this.guard(() => this.updateActions());
  }

  private updateActions(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    while (this.peek().type !== 'eof') {
      const t = this.next();
      const clause = t.type === 'name' ? t.text.toUpperCase() : '';
      if (!['SET', 'REMOVE', 'ADD', 'DELETE'].includes(clause)) throw this.syntaxError(t);
      if (seen.has(clause)) throw this.fail(`The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      do {
        if (actions.length && this.isOp(',')) this.next();
        actions.push(this.updateAction(clause as UpdateAction['kind']));
      } while (this.isOp(','));
    }
    return actions;
  }

  private updateAction(clause: UpdateAction['kind']): UpdateAction {
    const path = this.path();
    if (clause === 'REMOVE') return { kind: 'REMOVE', path };
    if (clause === 'SET') {
      this.expectOp('=');
      this.next();
      return { kind: 'SET', path, value: this.setValue() };
    }
    if (this.peek().type !== 'value') throw this.syntaxError();
    return { kind: clause, path, value: this.valueRef() };
  }

  private setValue(): Operand {
    const left = this.setOperand();
    if (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text as '+' | '-';
      return { kind: 'arith', op, left, right: this.setOperand() };
    }
    return left;
  }

  private setOperand(): Operand {
    // `SET b = (:one)`, `SET c = ((b) + (:one))`: parentheses group operands too.
    if (this.isOp('(')) return this.grouped(() => this.setValue());
    const t = this.peek();
    if (t.type === 'name' && this.isOp('(', 1)) {
      const fn = this.functionName();
      if (fn === 'if_not_exists') {
        const path = this.path();
        this.expectOp(',');
        this.next();
        const fallback = this.setOperand();
        this.closeParen();
        return { kind: 'if_not_exists', path, fallback };
      }
      if (fn === 'list_append') {
        const left = this.setOperand();
        this.expectOp(',');
        this.next();
        const right = this.setOperand();
        this.closeParen();
        return { kind: 'list_append', left, right };
      }
      throw this.fail(`The function is not allowed in an update expression; function: ${fn}`);
    }
    return this.simpleOperand();
  }

  // ---- conditions ----------------------------------------------------------

  private orExpr(): Condition {
    let left = this.andExpr();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Condition {
    let left = this.notExpr();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.notExpr() };
    }
    return left;
  }

  private notExpr(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', condition: this.notExpr() };
    }
    return this.primary();
  }

  private primary(): Condition {
    if (this.isOp('(')) {
      // `(size(a)) = :b`: a parenthesised operand starts a comparison; else the group is a condition.
      const comparison = this.attempt(() => this.comparison());
      if (comparison) return comparison;
      this.nest(() => this.next());
      if (this.isOp('(') && this.closesAt(this.pos)) throw this.fail('The expression has redundant parentheses;');
      const inner = this.orExpr();
      this.closeParen();
      this.depth -= 1;
      return inner;
    }
    const t = this.peek();
    if (t.type === 'name' && this.isOp('(', 1) && CONDITION_FUNCTIONS.has(t.text)) return this.conditionFunction();
    return this.comparison();
  }

  /** Runs `parse` from the current token; on a syntax error rewinds and answers undefined. */
  private attempt<T>(parse: () => T): T | undefined {
    const at = this.pos;
    const depth = this.depth;
    try {
      return parse();
    } catch (err) {
      if (err instanceof NestingTooDeep) throw err;
      this.pos = at;
      this.depth = depth;
      return undefined;
    }
  }

  /** `( inner )` at the current '(', one nesting level deeper. */
  private grouped<T>(inner: () => T): T {
    this.nest(() => this.next());
    const out = inner();
    this.closeParen();
    this.depth -= 1;
    return out;
  }

  /** Enters one level of parentheses; the depth is bounded so that no input can exhaust the stack. */
  private nest(step: () => void): void {
    this.depth += 1;
    if (this.depth > MAX_NESTING) throw new NestingTooDeep(this.fail('The expression has too many nested parentheses;'));
    step();
  }

  private comparison(): Condition {
    const left = this.conditionOperand();
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.conditionOperand();
      if (!this.isKeyword('AND')) throw this.syntaxError();
      this.next();
      return { kind: 'between', operand: left, low, high: this.conditionOperand() };
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectOp('(');
      this.next();
      const list = [this.conditionOperand()];
      while (this.isOp(',')) {
        this.next();
        list.push(this.conditionOperand());
      }
      this.closeParen();
      if (list.length > 100) {
        throw this.fail(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
      }
      return { kind: 'in', operand: left, list };
    }
    const op = this.peek();
    if (op.type !== 'op' || !COMPARATORS.has(op.text)) throw this.syntaxError();
    this.next();
    return { kind: 'compare', op: op.text as Comparator, left, right: this.conditionOperand() };
  }

  /** Is the '(' at index `open` matched by a ')' right before the current group's ')'? */
  private closesAt(open: number): boolean {
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.type === 'op' && t.text === '(') depth += 1;
      if (t.type === 'op' && t.text === ')') {
        depth -= 1;
        if (depth === 0) {
          const after = this.tokens[i + 1];
          return after?.type === 'op' && after.text === ')';
        }
      }
    }
    return false;
  }

  private conditionFunction(): Condition {
    const fn = this.functionName();
    if (fn === 'attribute_exists' || fn === 'attribute_not_exists') {
      const path = this.path();
      this.closeParen();
      return { kind: fn === 'attribute_exists' ? 'exists' : 'not_exists', path };
    }
    if (fn === 'attribute_type') {
      const path = this.path();
      this.expectOp(',');
      this.next();
      const type = this.conditionOperand();
      this.closeParen();
      return { kind: 'attribute_type', path, type };
    }
    const path = this.conditionOperand();
    this.expectOp(',');
    this.next();
    const operand = this.conditionOperand();
    this.closeParen();
    return { kind: fn as 'begins_with' | 'contains', path, operand };
  }

  private conditionOperand(): Operand {
    if (this.isOp('(')) return this.grouped(() => this.conditionOperand());
    const t = this.peek();
    if (t.type === 'name' && this.isOp('(', 1)) {
      const fn = this.functionName();
      if (fn !== 'size') throw this.fail(`The function is not allowed to be used this way in an expression; function: ${fn}`);
      const path = this.path();
      this.closeParen();
      return { kind: 'size', path };
    }
    return this.simpleOperand();
  }

  /** Reads `name(` and returns the function name, rejecting unknown ones. */
  private functionName(): string {
    const name = this.next().text;
    if (!ALL_FUNCTIONS.has(name)) throw this.fail(`Invalid function name; function: ${name}`);
    this.next();
    return name;
  }

  private closeParen(): void {
    this.expectOp(')');
    this.next();
  }

  private simpleOperand(): Operand {
    if (this.peek().type === 'value') return this.valueRef();
    return { kind: 'path', path: this.path() };
  }

  private valueRef(): Operand {
    const ref = this.next().text;
    const value = this.scope.values?.[ref];
    if (!value) throw this.fail(`An expression attribute value used in expression is not defined; attribute value: ${ref}`);
    this.scope.usedValues.add(ref);
    return { kind: 'value', value, ref };
  }

  // ---- document paths ------------------------------------------------------

  path(): Path {
    const path: Path = [{ name: this.pathName() }];
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        path.push({ name: this.pathName() });
      } else if (this.isOp('[')) {
        this.next();
        const t = this.next();
        if (t.type !== 'number') throw this.syntaxError(t);
        this.expectOp(']');
        this.next();
        path.push({ index: Number(t.text) });
      } else break;
    }
    if (path.length > MAX_DEPTH) {
      throw this.fail(`The document path has too many nesting levels; nesting levels: ${path.length}`);
    }
    return path;
  }

  private pathName(): string {
    const t = this.peek();
    if (t.type === 'alias') {
      this.next();
      const name = this.scope.names?.[t.text];
      if (name === undefined) {
        throw this.fail(`An expression attribute name used in the document path is not defined; attribute name: ${t.text}`);
      }
      this.scope.usedNames.add(t.text);
      return name;
    }
    if (t.type !== 'name' || KEYWORDS.has(t.text.toUpperCase())) throw this.syntaxError(t);
    if (isReserved(t.text)) throw this.fail(`Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
    this.next();
    return t.text;
  }
}
