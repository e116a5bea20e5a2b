/**
 * CSV for ImportTable: RFC 4180 records (quoted fields, doubled quotes,
 * line breaks inside quotes) with a one-character delimiter. The header row
 * names the attributes unless HeaderList is given; attributes named in the
 * table's AttributeDefinitions take their declared type, every other column
 * is imported as a string, and empty cells are left out.
 */
import type { AttributeValue, Item } from '../values/attribute-value';
import { validateItem } from '../values/attribute-value';

export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    // A blank line is no record.
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else field += c;
    i += 1;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

function typed(value: string, type: string | undefined): AttributeValue {
  if (type === 'N') return { N: value };
  if (type === 'B') return { B: Buffer.from(value, 'base64') };
  return { S: value };
}

/** Rows → items; `errors` receives the number of rows that could not become an item. */
export function csvItems(
  text: string,
  types: Map<string, string>,
  options: { delimiter?: string; headerList?: string[] },
): { items: Item[]; errors: number } {
  const rows = parseCsv(text, options.delimiter ?? ',');
  const header = options.headerList ?? rows.shift() ?? [];
  const items: Item[] = [];
  let errors = 0;
  for (const row of rows) {
    if (row.length > header.length) {
      errors += 1;
      continue;
    }
    const item: Item = Object.create(null);
    row.forEach((cell, i) => {
      if (cell !== '') item[header[i]] = typed(cell, types.get(header[i]));
    });
    try {
      items.push(validateItem(item));
    } catch {
      errors += 1;
    }
  }
  return { items, errors };
}
