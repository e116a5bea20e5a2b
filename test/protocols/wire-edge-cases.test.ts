/** Wire inputs the SDKs never send but hand-written requests (server mode, curl) may. */
import { createRequest } from '../../src/core/request';
import { jsonProtocol } from '../../src/protocols/json';
import { queryProtocol } from '../../src/protocols/query';
import { parseTimestamp } from '../../src/protocols/values';
import { spec as sns } from '../../services/sns/spec';
import { spec as sqs } from '../../services/sqs/spec';

const sendMessage = sqs.operations.SendMessage;

it('keeps a map entry named __proto__ as an entry', () => {
  const req = createRequest({
    method: 'POST',
    url: 'https://sqs.us-east-1.amazonaws.com/',
    headers: { 'x-amz-target': 'AmazonSQS.SendMessage' },
    body: '{"QueueUrl":"u","MessageBody":"b","MessageAttributes":{"__proto__":{"DataType":"String","StringValue":"x"}}}',
  });
  const input = jsonProtocol.parse(req, sendMessage, sqs) as { MessageAttributes: Record<string, unknown> };
  expect(Object.keys(input.MessageAttributes)).toEqual(['__proto__']);
  expect(Object.getPrototypeOf(input.MessageAttributes)).toBe(Object.prototype);

  const form = createRequest({
    method: 'POST',
    url: 'https://sns.us-east-1.amazonaws.com/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=CreateTopic&Name=t&Attributes.entry.1.key=__proto__&Attributes.entry.1.value=v',
  });
  const created = queryProtocol.parse(form, sns.operations.CreateTopic, sns) as { Attributes: Record<string, unknown> };
  expect(Object.keys(created.Attributes)).toEqual(['__proto__']);
});

it('answers a JSON body that is not an object with SerializationException', () => {
  const req = createRequest({ method: 'POST', url: 'https://sqs.us-east-1.amazonaws.com/', body: '[]' });
  expect(() => jsonProtocol.parse(req, sendMessage, sqs)).toThrow(
    expect.objectContaining({ code: 'SerializationException', status: 400 }),
  );
});

it('reads an ISO date-time without a zone as UTC', () => {
  expect(parseTimestamp('2026-01-01T00:00:00').toISOString()).toBe('2026-01-01T00:00:00.000Z');
  expect(parseTimestamp('2026-01-01T00:00:00.5').toISOString()).toBe('2026-01-01T00:00:00.500Z');
});
