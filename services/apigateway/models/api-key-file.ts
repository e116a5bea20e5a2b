/**
 * AWS's "API Gateway API key file format": CSV with `Name` and `Key` columns
 * (header names case-insensitive, any order) and optional `Description`,
 * `Enabled` and `UsagePlanIds` (several ids in one quoted field, double or
 * single quotes); other columns are ignored; defaults are an empty string and
 * `true`.
 */
export interface KeyRow {
  line: number;
  name: string;
  key: string;
  description: string;
  enabled: string;
  usagePlanIds: string[];
}

/** The fields of one CSV line; `"` or `'` quote a field (a doubled quote inside is one). */
function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    const quote = line[i] === '"' || line[i] === "'" ? line[i] : undefined;
    let value = '';
    if (quote) {
      i++;
      while (i < line.length) {
        if (line[i] === quote && line[i + 1] === quote) {
          value += quote;
          i += 2;
        } else if (line[i] === quote) {
          i++;
          break;
        } else value += line[i++];
      }
      const comma = line.indexOf(',', i);
      i = comma === -1 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      value = comma === -1 ? line.slice(i) : line.slice(i, comma);
      i = comma === -1 ? line.length + 1 : comma + 1;
    }
    out.push(value.trim());
  }
  return out;
}

/** The rows of a key file, or the reason it cannot be read at all. */
export function readKeyFile(text: string): { rows: KeyRow[] } | { error: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = fields(lines[0] ?? '').map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('name') === -1 || col('key') === -1) return { error: 'Invalid API key file: the Name and Key columns are required' };
  const rows: KeyRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const f = fields(line);
    const at = (name: string) => (col(name) === -1 ? '' : (f[col(name)] ?? ''));
    rows.push({
      line: i + 2,
      name: at('name'),
      key: at('key'),
      description: at('description'),
      enabled: at('enabled') || 'true',
      usagePlanIds: at('usageplanids').split(',').map((s) => s.trim()).filter(Boolean),
    });
  });
  return { rows };
}
