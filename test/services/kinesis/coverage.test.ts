import { handlers } from '../../../services/kinesis/responses';
import { spec } from '../../../services/kinesis/spec';

/** Pins the coverage table of docs/services/kinesis.md: what is left answers NotImplemented. */
describe('Kinesis operation coverage', () => {
  it('implements every operation of the model but these', () => {
    expect(Object.keys(spec.operations).filter((op) => !(op in handlers)).sort()).toEqual([
      'CreateChannel',
      'DeleteChannel',
      'DescribeAccountSettings',
      'DescribeChannel',
      'ListChannels',
      'UpdateAccountSettings',
      'UpdateChannel',
      'UpdateStreamRecordDistributionStrategy',
      'UpdateStreamWarmThroughput',
    ]);
  });
});
