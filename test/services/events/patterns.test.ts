/**
 * The event pattern language, case by case, through TestEventPattern. Each
 * case names the AWS documentation page its pattern (or the rule it pins)
 * comes from:
 *   [patterns]  https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 *   [content]   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 *   [operators] https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 *   [arrays]    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 */
import { EventBridgeClient, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { useMockAws } from '../lifecycle';

const base = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

type Case = [source: string, description: string, pattern: object, detail: object, expected: boolean, top?: object];

const cases: Case[] = [
  ['patterns', 'the EC2 termination example matches', { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } }, {}, true],
  ['patterns', 'a value not in the list does not match', { detail: { state: ['running', 'stopped'] } }, {}, false],
  ['patterns', 'any value in the list matches', { detail: { state: ['running', 'terminated'] } }, {}, true],
  ['patterns', 'fields the pattern does not name are ignored', { source: ['aws.ec2'] }, { extra: 1 }, true],
  ['patterns', 'a field the pattern names must be present', { detail: { missing: ['x'] } }, {}, false],
  ['patterns', 'matching is case-sensitive', { detail: { state: ['TERMINATED'] } }, {}, false],
  ['patterns', 'null matches a null value', { detail: { responseElements: [null] } }, { responseElements: null }, true],
  ['patterns', 'null does not match a missing field', { detail: { responseElements: [null] } }, {}, false],
  ['patterns', 'the empty string matches an empty value', { detail: { eventVersion: [''] } }, { eventVersion: '' }, true],
  ['patterns', 'numbers match numerically (300 equals 3.0e2)', { detail: { count: [300] } }, { count: 3.0e2 }, true],
  ['patterns', 'a string "5" does not match the number 5', { detail: { count: [5] } }, { count: '5' }, false],
  ['patterns', 'booleans match exactly', { detail: { enabled: [true] } }, { enabled: true }, true],
  ['patterns', 'nested objects match field by field', { detail: { a: { b: { c: ['x'] } } } }, { a: { b: { c: 'x' } } }, true],
  ['arrays', 'an event array matches when it shares a value with the pattern', { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0', 'other'] }, {}, true],
  ['arrays', 'an event array with no value in common does not match', { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0'] }, {}, false],
  ['arrays', 'an array of objects matches when any element matches', { detail: { items: { id: ['b'] } } }, { items: [{ id: 'a' }, { id: 'b' }] }, true],
  ['content', 'prefix', { time: [{ prefix: '2017-12-22' }] }, {}, true],
  ['content', 'prefix that does not match', { time: [{ prefix: '2017-10-02' }] }, {}, false],
  ['content', 'prefix with equals-ignore-case', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, { service: 'eventbridge' }, true],
  ['content', 'suffix', { detail: { FileName: [{ suffix: '.png' }] } }, { FileName: 'image.png' }, true],
  ['content', 'suffix that does not match', { detail: { FileName: [{ suffix: '.png' }] } }, { FileName: 'image.jpg' }, false],
  ['content', 'suffix with equals-ignore-case', { detail: { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] } }, { service: 'EVENTBRIDGE' }, true],
  ['content', 'anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, { state: 'running' }, true],
  ['content', 'anything-but the same string does not match', { detail: { state: [{ 'anything-but': 'initializing' }] } }, { state: 'initializing' }, false],
  ['content', 'anything-but a number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, { 'x-limit': 124 }, true],
  ['content', 'anything-but a list of strings', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, { state: 'stopped' }, false],
  ['content', 'anything-but a list of numbers', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, { 'x-limit': 250 }, true],
  ['content', 'anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, { state: 'initializing' }, false],
  ['content', 'anything-but a suffix', { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } }, { FileName: 'a.txt' }, true],
  ['content', 'anything-but equals-ignore-case', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } }, { state: 'STOPPED' }, false],
  ['content', 'anything-but wildcard', { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, { FilePath: '/usr/lib/x' }, false],
  ['content', 'anything-but does not match a missing field', { detail: { state2: [{ 'anything-but': 'x' }] } }, {}, false],
  ['content', 'numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, { 'c-count': 5 }, true],
  ['content', 'numeric range excludes the open end', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, { 'c-count': 0 }, false],
  ['content', 'numeric equality', { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, { 'x-limit': 301.8 }, true],
  ['content', 'numeric does not match a string', { detail: { 'd-count': [{ numeric: ['<', 10] }] } }, { 'd-count': '5' }, false],
  ['content', 'IPv4 cidr', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, { sourceIPAddress: '10.0.0.255' }, true],
  ['content', 'IPv4 cidr outside the range', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, { sourceIPAddress: '10.0.1.1' }, false],
  ['content', 'IPv6 cidr', { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } }, { sourceIPAddress: '2001:db8::ff00:42:8329' }, true],
  ['content', 'exists: true', { detail: { 'c-count': [{ exists: true }] } }, { 'c-count': 1 }, true],
  ['content', 'exists: false matches a missing field', { detail: { 'c-count': [{ exists: false }] } }, {}, true],
  ['content', 'exists: false does not match a present field', { detail: { 'c-count': [{ exists: false }] } }, { 'c-count': 1 }, false],
  ['content', 'exists only works on leaf nodes', { detail: { nested: [{ exists: true }] } }, { nested: { a: 1 } }, false],
  ['content', 'equals-ignore-case', { detail: { name: [{ 'equals-ignore-case': 'alice' }] } }, { name: 'ALICE' }, true],
  ['content', 'wildcard', { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } }, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/b' }, true],
  ['content', 'wildcard needs the whole value to match', { detail: { FileName: [{ wildcard: 'dir/*.png' }] } }, { FileName: 'dir/a.png.txt' }, false],
  ['content', '$or: one branch matching is enough', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } }, { 'c-count': 50, 'd-count': 3 }, true],
  ['content', '$or: no branch matching fails', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } }, { 'c-count': 50, 'd-count': 30 }, false],
  ['content', '$or at the top level with other fields (AND)', { source: ['aws.ec2'], $or: [{ region: ['us-west-1'] }, { account: ['999999999999'] }] }, {}, true],
  ['operators', 'And: every field must match', { detail: { Location: ['New York'], Day: ['Monday'] } }, { Location: 'New York', Day: 'Tuesday' }, false],
  ['operators', 'Or within one field: PaymentType Credit or Debit', { detail: { PaymentType: ['Credit', 'Debit'] } }, { PaymentType: 'Debit' }, true],
  ['operators', 'a list can mix literals and operators', { detail: { Weather: [{ 'anything-but': ['Raining'] }, 'Raining'] } }, { Weather: 'Raining' }, true],
];

describe('EventBridge event patterns (TestEventPattern)', () => {
  useMockAws();
  const events = new EventBridgeClient({ region: 'us-east-1' });
  const test = async (pattern: object, event: object) =>
    (await events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }))).Result;

  // Rows have 5 or 6 items: take them as one rest array (a longer parameter list would read as jest's done callback).
  it.each(cases)('[%s] %s', async (...row: Case) => {
    const [, , pattern, detail, expected, top] = row;
    expect(await test(pattern, { ...base, ...top, detail: { ...base.detail, ...detail } })).toBe(expected);
  });

  it('covers at least 40 documented cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  describe('refuses patterns AWS refuses, with InvalidEventPatternException', () => {
    it.each([
      ['not JSON', 'not json'],
      ['not an object', '["a"]'],
      ['a leaf that is not an array', '{"source": "aws.ec2"}'],
      ['an empty array', '{"source": []}'],
      ['an unknown operator', '{"source": [{"fuzzy": "x"}]}'],
      ['exists that is not a boolean', '{"a": [{"exists": "yes"}]}'],
      ['a numeric operator AWS does not know', '{"a": [{"numeric": ["!=", 1]}]}'],
      ['two lower bounds', '{"a": [{"numeric": [">", 1, ">=", 2]}]}'],
      ['a bad CIDR', '{"a": [{"cidr": "10.0.0.300/24"}]}'],
      ['$or with one branch', '{"$or": [{"a": ["x"]}]}'],
      ['consecutive wildcards', '{"a": [{"wildcard": "a**b"}]}'],
    ])('%s', async (_name, EventPattern) => {
      await expect(events.send(new TestEventPatternCommand({ EventPattern, Event: JSON.stringify(base) }))).rejects.toMatchObject({
        name: 'InvalidEventPatternException',
        message: expect.stringMatching(/^Event pattern is not valid\. Reason: /),
      });
    });
  });

  it('refuses an event missing the envelope fields', async () => {
    const { id: _id, ...noId } = base;
    await expect(events.send(new TestEventPatternCommand({ EventPattern: '{"source":["aws.ec2"]}', Event: JSON.stringify(noId) }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Parameter Event is not valid.'),
    });
  });
});
