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
