/** Policy document grammar and the reasons IAM gives for a malformed one. */
import { ipInCidr, parsePolicy, PolicyDocumentError, policySize } from '../../../src/core/policy';

function reason(doc: unknown, kind: 'identity' | 'resource' | 'trust' = 'identity'): string {
  try {
    parsePolicy(typeof doc === 'string' ? doc : JSON.stringify(doc), kind);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyDocumentError);
    return (e as PolicyDocumentError).reason;
  }
  throw new Error('the document was accepted');
}

const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

describe('policy documents', () => {
  it('accepts Statement as one object or a list', () => {
    expect(parsePolicy({ Version: '2012-10-17', Statement: ok }).statements).toHaveLength(1);
    expect(parsePolicy({ Version: '2012-10-17', Statement: [ok, { ...ok, Effect: 'Deny' }] }).statements[1].effect).toBe('Deny');
  });

  it.each([
    ['invalid JSON', '{"Version": ', 'Syntax errors in policy.'],
    ['no Statement', { Version: '2012-10-17' }, 'Syntax errors in policy.'],
    ['an unknown top-level element', { Version: '2012-10-17', Statement: ok, Extra: 1 }, 'Syntax errors in policy.'],
    ['an unknown Version', { Version: '2019-01-01', Statement: ok }, 'The policy failed legacy parsing'],
    ['a bad Effect', { Version: '2012-10-17', Statement: { ...ok, Effect: 'Maybe' } }, 'Syntax errors in policy.'],
    ['no Action', { Version: '2012-10-17', Statement: { Effect: 'Allow', Resource: '*' } }, 'Policy statement must contain actions.'],
    ['no Resource', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*' } }, 'Policy statement must contain resources.'],
    ['a Principal in an identity policy', { Version: '2012-10-17', Statement: { ...ok, Principal: '*' } }, 'Policy document should not specify a principal.'],
    ['an action without a vendor', { Version: '2012-10-17', Statement: { ...ok, Action: 'GetObject' } }, 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
    ['an action with two colons', { Version: '2012-10-17', Statement: { ...ok, Action: 's3:a:b' } }, 'Actions/Condition can contain only one colon.'],
    ['a resource that is not an ARN', { Version: '2012-10-17', Statement: { ...ok, Resource: 'vpc-123' } }, 'Resource vpc-123 must be in ARN format or "*".'],
    ['duplicate Sids', { Version: '2012-10-17', Statement: [{ ...ok, Sid: 'A' }, { ...ok, Sid: 'A' }] }, 'Statement IDs (SID) in a single policy must be unique.'],
    ['Action and NotAction together', { Version: '2012-10-17', Statement: { ...ok, NotAction: 'iam:*' } }, 'Syntax errors in policy.'],
  ])('identity policy with %s', (_name, doc, expected) => {
    expect(reason(doc)).toBe(expected);
  });

  it('requires a Principal and forbids a Resource in a trust policy', () => {
    expect(reason({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sts:AssumeRole' } }, 'trust')).toBe(
      'Missing required field Principal',
    );
    expect(
      reason({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' } }, 'trust'),
    ).toBe('Has prohibited field Resource');
    const trust = parsePolicy(
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' } },
      'trust',
    );
    expect(trust.statements[0].principal).toEqual({ Service: ['lambda.amazonaws.com'] });
  });

  it('counts policy size without whitespace, as IAM quotas do', () => {
    expect(policySize('{ "a" :\n "b c" }')).toBe('{"a":"bc"}'.length);
  });

  it('matches IPv4 and IPv6 CIDR ranges', () => {
    expect(ipInCidr('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(ipInCidr('11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(ipInCidr('10.1.2.3', '10.1.2.3')).toBe(true);
    expect(ipInCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipInCidr('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(ipInCidr('::ffff:10.0.0.1', '::ffff:10.0.0.0/120')).toBe(true);
    expect(ipInCidr('10.0.0.1', '2001:db8::/32')).toBe(false);
    expect(ipInCidr('not-an-ip', '10.0.0.0/8')).toBe(false);
  });
});
