import { formatViolations, validateInput } from '../../src/core/validate';
import { spec } from '../../services/dynamodb/spec';

describe('validateInput', () => {
  it('reports missing required members and bad enum values with AWS paths', () => {
    const violations = validateInput(spec, 'CreateTableInput', {
      TableName: 't',
      BillingMode: 'CHEAP',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { KeyType: 'RANGE' }],
    });
    // Reported in the model's member order, as AWS does; enum values in model order (botocore).
    expect(violations.map((v) => v.path)).toEqual(['keySchema.2.member.attributeName', 'billingMode']);
    expect(formatViolations(violations)).toBe(
      "2 validation errors detected: Value null at 'keySchema.2.member.attributeName' failed to satisfy constraint: " +
        "Member must not be null; Value 'CHEAP' at 'billingMode' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]',
    );
  });

  it('accepts a valid input', () => {
    expect(
      validateInput(spec, 'CreateTableInput', {
        TableName: 't',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      }),
    ).toEqual([]);
  });
});

describe('validateInput on recursive shapes', () => {
  it('finds a check reachable only through a cycle', () => {
    const recursive = {
      ...spec,
      shapes: {
        A: { type: 'structure' as const, members: { b: { target: 'B' }, kind: { target: 'string', enum: 'Kind' } } },
        B: { type: 'structure' as const, members: { a: { target: 'A' } } },
        Root: { type: 'structure' as const, members: { b: { target: 'B' } } },
      },
      enums: { Kind: ['x', 'y'] },
    };
    const violations = validateInput(recursive, 'Root', { b: { a: { kind: 'z' } } });
    expect(violations.map((v) => v.path)).toEqual(['b.a.kind']);
  });
});

describe('validateInput options', () => {
  const input = { TableName: 't', KeySchema: [], BillingMode: 'CHEAP' };

  it('skips the generic checks a service turns off', () => {
    expect(validateInput(spec, 'CreateTableInput', input).map((v) => v.constraint)).toEqual([
      "Member must have length greater than or equal to 1",
      'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]',
    ]);
    expect(validateInput(spec, 'CreateTableInput', input, { skip: new Set(['enum', 'length']) })).toEqual([]);
  });

  it('leaves members named Shape.Member to the handler', () => {
    expect(
      validateInput(spec, 'CreateTableInput', input, { skipMembers: new Set(['CreateTableInput.KeySchema', 'CreateTableInput.BillingMode']) }),
    ).toEqual([]);
  });

  it('reports a null element of a list that is not sparse, whatever is skipped', () => {
    const violations = validateInput(
      spec,
      'BatchExecuteStatementInput',
      { Statements: [null] } as never,
      { skip: new Set(['required', 'enum', 'length', 'range', 'pattern']) },
    );
    expect(formatViolations(violations)).toBe(
      "1 validation error detected: Value null at 'statements.1.member' failed to satisfy constraint: Member must not be null",
    );
  });

  it('lists at most 10 violations and counts those it lists', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ path: `p${i}`, value: null, constraint: 'Member must not be null' }));
    const message = formatViolations(many);
    expect(message.startsWith('10 validation errors detected: ')).toBe(true);
    expect(message.split('; ')).toHaveLength(10);
  });
});
