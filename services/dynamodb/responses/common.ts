/** Helpers every DynamoDB handler uses: request checks, consumed capacity, return values. */
import type { RequestContext } from '../../../src/core/service';
import type { Item } from '../values/attribute-value';
import { cloneItem } from '../values/attribute-value';
import { conditionalCheckFailed, validation } from '../exceptions';
import type { DynamoDbBackend } from '../models/backend';
import type { Table } from '../models/table';
import { checkTableRef } from '../models/table-schema';
import { ConditionFailed, type WritePlan } from '../models/item-ops';
import { Consumption, consumedCapacity, writeConsumption } from '../models/capacity';
import { project } from '../expressions/paths';
import type { Path } from '../expressions/ast';
import type { ConsumedCapacity } from '../types';

export type Ctx = RequestContext<DynamoDbBackend>;

/** The table an item operation names, by name or ARN (checked like DynamoDB's validator first). */
export function itemTable(ctx: Ctx, name: string): Table {
  checkTableRef(name, 'tableName');
  return ctx.backend.table(name);
}

export function checkEnum(value: string | undefined, allowed: string[], member: string): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw validation(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
}

/**
 * ReturnValues: an unknown value fails the model's enum; a known one the
 * operation does not take is "ReturnValues can only be ALL_OLD or NONE"
 * (PutItem and DeleteItem). PutItem reports it inside the validation
 * envelope (recorded in us-east-1 and eu-west-2, 2026-10-09).
 */
export function checkReturnValues(value: string | undefined, allowed: string[], enveloped = false): string {
  checkEnum(value, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'], 'returnValues');
  const rv = value ?? 'NONE';
  if (!allowed.includes(rv)) {
    const message = `ReturnValues can only be ${allowed.join(' or ')}`;
    throw validation(enveloped ? `1 validation error detected: ${message}` : message);
  }
  return rv;
}

export { readUnits, writeUnits } from '../models/capacity';

/** ConsumedCapacity for units read or written on the table, under the name or ARN the request used. */
export function capacity(
  mode: string | undefined,
  table: Table,
  units: number,
  name = table.name,
): ConsumedCapacity | undefined {
  const c = new Consumption();
  c.table = units;
  return consumedCapacity(mode, table, c, name);
}

/** What a planned write costs (ConditionCheck: only the table read, as one write unit's worth). */
export function planConsumption(p: WritePlan): Consumption {
  return writeConsumption(p.table, p.old, p.next === 'keep' ? p.old : p.next);
}

/** Attributes for ReturnValues: whole old/new item, or only the updated paths. */
export function returnedAttributes(
  rv: string,
  old: Item | undefined,
  next: Item | undefined,
  updatedPaths: Path[] = [],
): Item | undefined {
  let out: Item | undefined;
  switch (rv) {
    case 'ALL_OLD':
      out = old;
      break;
    case 'ALL_NEW':
      out = next;
      break;
    case 'UPDATED_OLD':
      out = old && project(old, updatedPaths);
      break;
    case 'UPDATED_NEW':
      out = next && project(next, updatedPaths);
      break;
  }
  return out && Object.keys(out).length ? cloneItem(out) : undefined;
}

/** Turns a failed condition into ConditionalCheckFailedException (with the item if asked). */
export function rethrowCondition(err: unknown, returnOnFailure: string | undefined): never {
  if (err instanceof ConditionFailed) {
    throw conditionalCheckFailed(returnOnFailure === 'ALL_OLD' && err.item ? cloneItem(err.item) : undefined);
  }
  throw err;
}

/** A projected copy of an item for reads. */
export function shapeItem(item: Item, projection: Path[] | undefined): Item {
  return projection ? project(item, projection) : cloneItem(item);
}
