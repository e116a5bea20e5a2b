/**
 * Validation of a table definition (CreateTable, and the index parts of
 * UpdateTable): key schemas, attribute definitions, secondary indexes and
 * their projections, billing mode versus throughput, worded as DynamoDB
 * words these failures.
 */
import type {
  AttributeDefinition,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
} from '../types';
import { constraintFailure, invalidParameter, listMember, stringMember, validation } from '../exceptions';
import type { KeyDef } from '../storage/index-store';

export interface KeySpec {
  hash: KeyDef;
  range?: KeyDef;
}

export interface IndexSpec {
  name: string;
  kind: 'GSI' | 'LSI';
  key: KeySpec;
  projection: Projection;
  throughput?: ProvisionedThroughput;
}

const TABLE_NAME = /^[a-zA-Z0-9_.-]+$/;

export function checkTableName(name: string | undefined, member = 'tableName', min = 3): void {
  stringMember(name);
  if (name === undefined || name === null) throw constraintFailure(null, member, 'Member must not be null');
  if (name.length < min) throw constraintFailure(name, member, `Member must have length greater than or equal to ${min}`);
  if (name.length > 255) throw constraintFailure(name, member, 'Member must have length less than or equal to 255');
  if (!TABLE_NAME.test(name)) {
    throw constraintFailure(name, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  }
}

/** A TableName member that may also be a table's ARN (up to 1,024 characters, as the model's TableArn). */
export function checkTableRef(ref: string | undefined, member = 'tableName'): void {
  stringMember(ref);
  if (typeof ref === 'string' && ref.startsWith('arn:')) {
    if (ref.length > 1024) throw constraintFailure(ref, member, 'Member must have length less than or equal to 1024');
    return;
  }
  checkTableName(ref, member, 1);
}

/** KeySchema of a table or index → resolved key definitions. */
export function resolveKeySchema(
  schema: KeySchemaElement[] | undefined,
  types: Map<string, string>,
  member: string,
): KeySpec {
  listMember(schema);
  if (!schema || schema.length === 0) throw constraintFailure(null, member, 'Member must not be null');
  if (schema.length > 2) throw constraintFailure('[...]', member, 'Member must have length less than or equal to 2');
  if (schema[0].KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (schema[1] && schema[1].KeyType !== 'RANGE') {
    throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  }
  if (schema[1] && schema[1].AttributeName === schema[0].AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  const missing = schema.map((e) => e.AttributeName).filter((n) => !types.has(n));
  if (missing.length) {
    throw invalidParameter(
      `Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.join(', ')}], AttributeDefinitions: [${[...types.keys()].join(', ')}]`,
    );
  }
  const def = (e: KeySchemaElement): KeyDef => ({ name: e.AttributeName, type: types.get(e.AttributeName) as KeyDef['type'] });
  return { hash: def(schema[0]), range: schema[1] ? def(schema[1]) : undefined };
}

export function attributeTypes(defs: AttributeDefinition[] | undefined): Map<string, string> {
  listMember(defs);
  const types = new Map<string, string>();
  (defs ?? []).forEach((d, i) => {
    if (!['S', 'N', 'B'].includes(d.AttributeType)) {
      throw constraintFailure(
        d.AttributeType,
        `attributeDefinitions.${i + 1}.member.attributeType`,
        'Member must satisfy enum value set: [B, N, S]',
      );
    }
    if (types.has(d.AttributeName)) throw validation(`Attribute Name is duplicated: ${d.AttributeName}`);
    types.set(d.AttributeName, d.AttributeType);
  });
  return types;
}

export function checkProjection(p: Projection | undefined, indexName: string): Projection {
  if (!p?.ProjectionType) {
    throw invalidParameter(`Unknown ProjectionType: null`);
  }
  if (p.ProjectionType === 'INCLUDE') {
    if (!p.NonKeyAttributes?.length) {
      throw invalidParameter('ProjectionType is INCLUDE, but NonKeyAttributes is not specified');
    }
  } else if (p.NonKeyAttributes?.length) {
    throw invalidParameter(`ProjectionType is ${p.ProjectionType}, but NonKeyAttributes is specified`);
  }
  void indexName;
  return { ProjectionType: p.ProjectionType, NonKeyAttributes: p.NonKeyAttributes };
}

export function checkBilling(
  mode: string | undefined,
  throughput: ProvisionedThroughput | undefined,
  where = '',
): void {
  if ((mode ?? 'PROVISIONED') === 'PROVISIONED') {
    if (!throughput || throughput.ReadCapacityUnits === undefined || throughput.WriteCapacityUnits === undefined) {
      throw invalidParameter(
        `ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED${where}`,
      );
    }
    for (const [k, v] of [['readCapacityUnits', throughput.ReadCapacityUnits], ['writeCapacityUnits', throughput.WriteCapacityUnits]] as const) {
      if (v < 1) throw constraintFailure(v, `provisionedThroughput.${k}`, 'Member must have value greater than or equal to 1');
    }
  } else if (throughput) {
    throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
  }
}

export interface TableSchema {
  key: KeySpec;
  attributeDefinitions: AttributeDefinition[];
  indexes: IndexSpec[];
}

/** Everything CreateTable checks about keys and indexes. */
export function resolveTableSchema(input: {
  AttributeDefinitions?: AttributeDefinition[];
  KeySchema?: KeySchemaElement[];
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  BillingMode?: string;
}): TableSchema {
  const types = attributeTypes(input.AttributeDefinitions);
  const key = resolveKeySchema(input.KeySchema, types, 'keySchema');
  const used = new Set([key.hash.name, key.range?.name].filter(Boolean) as string[]);
  const indexes: IndexSpec[] = [];
  const names = new Set<string>();
  const addName = (name: string) => {
    if (names.has(name)) throw invalidParameter(`Duplicate index name: ${name}`);
    names.add(name);
  };
  const lsis = input.LocalSecondaryIndexes ?? [];
  // Index counts at CreateTable are request errors (UpdateTable's 21st GSI is a LimitExceededException).
  if (input.LocalSecondaryIndexes && lsis.length === 0) throw invalidParameter('List of LocalSecondaryIndexes is empty');
  if (lsis.length > 5) throw invalidParameter('Number of LocalSecondaryIndexes exceeds per-table limit of 5');
  if (lsis.length && !key.range) {
    throw invalidParameter('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
  }
  for (const lsi of lsis) {
    addName(lsi.IndexName);
    const k = resolveKeySchema(lsi.KeySchema, types, 'localSecondaryIndexes.member.keySchema');
    if (k.hash.name !== key.hash.name) {
      throw invalidParameter(
        `Index KeySchema does not have the same leading hash key as table KeySchema for index: ${lsi.IndexName}. index hash key: ${k.hash.name}, table hash key: ${key.hash.name}`,
      );
    }
    if (!k.range) throw invalidParameter(`Index KeySchema does not have a range key for index: ${lsi.IndexName}`);
    used.add(k.range.name);
    indexes.push({ name: lsi.IndexName, kind: 'LSI', key: k, projection: checkProjection(lsi.Projection, lsi.IndexName) });
  }
  const gsis = input.GlobalSecondaryIndexes ?? [];
  if (input.GlobalSecondaryIndexes && gsis.length === 0) throw invalidParameter('List of GlobalSecondaryIndexes is empty');
  if (gsis.length > 20) throw invalidParameter('GlobalSecondaryIndex count exceeds the per-table limit of 20');
  for (const gsi of gsis) indexes.push(resolveGsi(gsi, types, input.BillingMode, addName, used));
  if (used.size !== types.size && indexes.length) {
    // With indexes DynamoDB names both sides: the definitions as sent, the keys in its hash set's order.
    throw invalidParameter(
      `Some AttributeDefinitions are not used. AttributeDefinitions: [${[...types.keys()].join(', ')}], keys used: [${javaHashSetOrder([...used]).join(', ')}]`,
    );
  }
  if (used.size !== types.size) {
    throw invalidParameter(
      'Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
  }
  return { key, attributeDefinitions: input.AttributeDefinitions ?? [], indexes };
}

export function resolveGsi(
  gsi: GlobalSecondaryIndex,
  types: Map<string, string>,
  billingMode: string | undefined,
  addName: (n: string) => void,
  used: Set<string>,
): IndexSpec {
  addName(gsi.IndexName);
  const k = resolveKeySchema(gsi.KeySchema, types, 'globalSecondaryIndexes.member.keySchema');
  used.add(k.hash.name);
  if (k.range) used.add(k.range.name);
  if ((billingMode ?? 'PROVISIONED') === 'PROVISIONED') {
    checkBilling('PROVISIONED', gsi.ProvisionedThroughput, ` for index ${gsi.IndexName}`);
  }
  return {
    name: gsi.IndexName,
    kind: 'GSI',
    key: k,
    projection: checkProjection(gsi.Projection, gsi.IndexName),
    throughput: gsi.ProvisionedThroughput,
  };
}

/**
 * The iteration order of a java.util.HashSet holding `names` (inserted in
 * this order): DynamoDB prints some name sets straight from one. Buckets are
 * `(h ^ h >>> 16) & (capacity - 1)` of String.hashCode, capacity 16 doubled
 * past a 0.75 load; a bucket keeps insertion order.
 */
export function javaHashSetOrder(names: string[]): string[] {
  let capacity = 16;
  while (names.length > capacity * 0.75) capacity *= 2;
  const bucket = (name: string) => {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return names.map((name, i) => ({ name, i, b: bucket(name) })).sort((x, y) => x.b - y.b || x.i - y.i).map((e) => e.name);
}
