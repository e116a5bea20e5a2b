/**
 * A pool's attribute schema: the standard attributes every pool has, the
 * custom ones it adds (named `custom:<name>`), and the checks Cognito makes
 * when attributes are written.
 */
import type { AttributeType, SchemaAttributeType } from '../types';
import { invalidParameter } from '../exceptions';

const STRING_STANDARD = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
  'website', 'email', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'address', 'identities',
];

/** The standard attributes as DescribeUserPool lists them for a pool that changed none. */
export function standardSchema(): Map<string, SchemaAttributeType> {
  const schema = new Map<string, SchemaAttributeType>();
  const add = (Name: string, AttributeDataType: string, extra: Partial<SchemaAttributeType> = {}) =>
    schema.set(Name, {
      Name,
      AttributeDataType,
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      ...(AttributeDataType === 'String' ? { StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' } } : {}),
      ...extra,
    });
  add('sub', 'String', { Mutable: false, Required: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' } });
  for (const name of STRING_STANDARD) add(name, 'String');
  add('email_verified', 'Boolean');
  add('phone_number_verified', 'Boolean');
  add('updated_at', 'Number', { NumberAttributeConstraints: { MinValue: '0' } });
  return schema;
}

/** Adds the pool's Schema entries: standard ones change their flags, others become `custom:<name>`. */
export function addSchemaAttributes(schema: Map<string, SchemaAttributeType>, attrs: SchemaAttributeType[]): void {
  for (const attr of attrs) {
    const name = attr.Name ?? '';
    const standard = schema.get(name);
    if (standard && !name.startsWith('custom:')) {
      schema.set(name, { ...standard, ...withoutUndefined(attr) });
      continue;
    }
    const full = name.startsWith('custom:') ? name : `custom:${name}`;
    if (schema.has(full)) throw invalidParameter(`Existing attribute already has name ${full}.`);
    if (attr.Required) throw invalidParameter('Required custom attributes are not supported currently.');
    schema.set(full, {
      Name: full,
      AttributeDataType: attr.AttributeDataType ?? 'String',
      DeveloperOnlyAttribute: attr.DeveloperOnlyAttribute ?? false,
      Mutable: attr.Mutable ?? true,
      Required: false,
      ...(attr.StringAttributeConstraints ? { StringAttributeConstraints: attr.StringAttributeConstraints } : {}),
      ...(attr.NumberAttributeConstraints ? { NumberAttributeConstraints: attr.NumberAttributeConstraints } : {}),
    });
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface WriteCheck {
  /** SignUp: every required attribute must be given. */
  requireAll?: boolean;
  /** Values the user already has (for the required check of an update). */
  existing?: Map<string, string>;
  /** Updates refuse immutable attributes. */
  update?: boolean;
}

/**
 * Checks attributes against the schema before anything is written; the
 * message lists every offending attribute, one per line, as Cognito's does.
 */
export function checkAttributes(schema: Map<string, SchemaAttributeType>, attrs: AttributeType[], check: WriteCheck = {}): void {
  const problems: string[] = [];
  const given = new Set<string>();
  for (const { Name, Value } of attrs) {
    given.add(Name);
    const def = schema.get(Name);
    if (!def) {
      problems.push(`${Name}: Attribute does not exist in the schema.`);
      continue;
    }
    if (Name === 'sub' || (check.update && def.Mutable === false && check.existing?.has(Name))) {
      problems.push(`${Name}: Attribute cannot be updated. (changing an immutable attribute)`);
      continue;
    }
    const max = Number(def.StringAttributeConstraints?.MaxLength ?? 2048);
    const min = Number(def.StringAttributeConstraints?.MinLength ?? 0);
    if (def.AttributeDataType === 'String' && Value !== undefined && (Value.length > max || Value.length < min)) {
      problems.push(`${Name}: String must be no longer than ${max} characters`);
    }
    if (def.AttributeDataType === 'Number' && Value !== undefined && Value !== '' && !/^-?\d+$/.test(Value)) {
      problems.push(`${Name}: Number must be an integer`);
    }
    if (def.AttributeDataType === 'Boolean' && Value !== undefined && !/^(true|false)$/i.test(Value)) {
      problems.push(`${Name}: Boolean must be either true or false`);
    }
  }
  if (check.requireAll) {
    for (const def of schema.values()) {
      const name = def.Name ?? '';
      if (def.Required && name !== 'sub' && !given.has(name) && !check.existing?.has(name)) {
        problems.push(`${name}: The attribute is required`);
      }
    }
  }
  if (problems.length) throw invalidParameter(`Attributes did not conform to the schema: ${problems.join('\n')}`);
}
