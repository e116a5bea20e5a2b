import { CreateDeliveryStreamCommand, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { BUCKET_ARN, ROLE, createActive, createBucket, firehose, listKeys, readObject, text } from './support';

/** Upper-cases each record, drops "drop", fails "fail" and leaves "lost" out of its answer. */
const TRANSFORM = `
exports.handler = async (event) => {
  if (!event.deliveryStreamArn || !event.invocationId || !event.region) throw new Error('not a Firehose event');
  const records = [];
  for (const r of event.records) {
    const text = Buffer.from(r.data, 'base64').toString();
    if (typeof r.approximateArrivalTimestamp !== 'number') throw new Error('no arrival time');
    if (text === 'drop') records.push({ recordId: r.recordId, result: 'Dropped' });
    else if (text === 'fail') records.push({ recordId: r.recordId, result: 'ProcessingFailed', data: r.data });
    else if (text !== 'lost') records.push({ recordId: r.recordId, result: 'Ok', data: Buffer.from(text.toUpperCase() + '\\n').toString('base64') });
  }
  return { records };
};`;

const processing = (arn: string) => ({
  Enabled: true,
  Processors: [{ Type: 'Lambda' as const, Parameters: [{ ParameterName: 'LambdaArn' as const, ParameterValue: arn }] }],
});

describe('Firehose Lambda transformation', () => {
  const aws = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();

  beforeEach(() => createBucket());

  it('delivers Ok records transformed, drops Dropped ones, and writes failures as JSON lines under the error prefix', async () => {
    const fn = await createNodeFunction(lambda, 'upper', { 'index.js': TRANSFORM });
    await createActive(aws, {
      DeliveryStreamName: 'tx',
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE,
        BucketARN: BUCKET_ARN,
        Prefix: 'ok/',
        ErrorOutputPrefix: 'bad/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        ProcessingConfiguration: processing(fn.FunctionArn ?? ''),
      },
    });
    const records = ['a', 'drop', 'b', 'fail', 'lost'].map(text);
    expect((await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'tx', Records: records }))).FailedPutCount).toBe(0);
    aws.clock.advance(60_000);
    await aws.settle();
    const ok = await listKeys('ok/');
    expect(ok).toHaveLength(1);
    expect((await readObject(ok[0])).toString()).toBe('A\nB\n');
    const bad = await listKeys('bad/');
    expect(bad).toEqual([expect.stringMatching(/^bad\/processing-failed\/\d{4}\/\d\d\/\d\d\/\d\d\/tx-1-/)]);
    const lines = (await readObject(bad[0])).toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [Buffer.from(l.rawData, 'base64').toString(), l.errorCode])).toEqual([
      ['fail', 'Lambda.ProcessingFailedStatus'],
      ['lost', 'Lambda.MissingRecordId'],
    ]);
    expect(lines[0]).toMatchObject({ attemptsMade: 1, lambdaArn: fn.FunctionArn, arrivalTimestamp: expect.any(Number), attemptEndingTimestamp: expect.any(Number) });
  });

  it('a Lambda processor needs a LambdaArn and parameters in range (InvalidArgumentException)', async () => {
    const create = (Parameters: Array<{ ParameterName: 'LambdaArn' | 'NumberOfRetries'; ParameterValue: string }>) =>
      firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'p',
          ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: BUCKET_ARN, ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters }] } },
        }),
      );
    await expect(create([{ ParameterName: 'NumberOfRetries', ParameterValue: '2' }])).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    const arn = { ParameterName: 'LambdaArn' as const, ParameterValue: 'arn:aws:lambda:us-east-1:123456789012:function:f' };
    await expect(create([arn, { ParameterName: 'NumberOfRetries', ParameterValue: '301' }])).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    await expect(create([arn, { ParameterName: 'NumberOfRetries', ParameterValue: 'many' }])).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    expect((await create([arn])).DeliveryStreamARN).toBeDefined();
  });

  it('a function error fails the whole batch after the retries (Lambda.FunctionError); a missing function too', async () => {
    const fn = await createNodeFunction(lambda, 'broken', { 'index.js': 'exports.handler = async () => { throw new Error("boom"); };' });
    const conf = (name: string, arn: string) => ({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE,
        BucketARN: BUCKET_ARN,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            {
              Type: 'Lambda' as const,
              Parameters: [
                { ParameterName: 'LambdaArn' as const, ParameterValue: arn },
                { ParameterName: 'NumberOfRetries' as const, ParameterValue: '1' },
              ],
            },
          ],
        },
      },
    });
    await createActive(aws, conf('broken-tx', fn.FunctionArn ?? ''));
    await createActive(aws, conf('nofn-tx', 'arn:aws:lambda:us-east-1:123456789012:function:missing'));
    await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'broken-tx', Records: [text('x'), text('y')] }));
    await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'nofn-tx', Records: [text('z')] }));
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = await listKeys();
    // No default error prefix given: <error-output-type>/yyyy/MM/dd/HH/.
    expect(keys.every((k) => /^processing-failed\/\d{4}\/\d\d\/\d\d\/\d\d\//.test(k))).toBe(true);
    const byStream = new Map<string, Array<{ errorCode: string; attemptsMade: number }>>();
    for (const k of keys) byStream.set(k.split('/')[5].split('-1-')[0], (await readObject(k)).toString().trim().split('\n').map((l) => JSON.parse(l)));
    expect(byStream.get('broken-tx')?.map((l) => [l.errorCode, l.attemptsMade])).toEqual([
      ['Lambda.FunctionError', 2],
      ['Lambda.FunctionError', 2],
    ]);
    expect(byStream.get('nofn-tx')?.map((l) => l.errorCode)).toEqual(['Lambda.FunctionNotFound']);
  });
});
