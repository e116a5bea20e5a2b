/** The DynamoDB item the per-call benches read and write: a few scalars, a set, a map, a list (the i-th key `k<i>`). */
export const typicalItem = (i: number) => ({
  pk: { S: `k${i}` },
  name: { S: 'Ada Lovelace' },
  age: { N: '36' },
  tags: { SS: ['a', 'b'] },
  address: { M: { city: { S: 'London' }, zip: { S: 'N1' } } },
  scores: { L: [{ N: '1' }, { N: '2' }] },
});
