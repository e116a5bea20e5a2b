/**
 * GetModelTemplate: the Velocity mapping template API Gateway generates from a
 * model's JSON schema, mapping `$input` onto the schema's shape: object members
 * as `"name" : "$inputRoot.name"` (strings quoted, numbers, integers and
 * booleans bare), arrays as `#foreach` loops joined with `#if($foreach.hasNext),#end`,
 * nested objects and arrays recursively; `$ref`s to `#/definitions/<name>` are followed
 * (a reference cycle stops as the bare reference).
 */

type Schema = Record<string, unknown>;

function resolve(schema: Schema, root: Schema, seen: Set<string>): { schema: Schema; cycle: boolean } {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
  if (!ref) return { schema, cycle: false };
  const name = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
  const target = name ? ((root.definitions as Record<string, Schema> | undefined)?.[name] ?? {}) : {};
  if (seen.has(ref)) return { schema: target, cycle: true };
  seen.add(ref);
  return { schema: target, cycle: false };
}

function render(schema: Schema, root: Schema, ref: string, indent: string, seen: Set<string>, depth: number): string {
  const { schema: s, cycle } = resolve(schema, root, new Set(seen));
  if (cycle) return `"${ref}"`;
  const inner = typeof schema.$ref === 'string' ? new Set([...seen, schema.$ref]) : seen;
  if (s.type === 'object' || s.properties) {
    const props = Object.entries((s.properties as Record<string, Schema> | undefined) ?? {});
    const lines = props.map(([name, p]) => `${indent}  "${name}" : ${render(p, root, `${ref}.${name}`, `${indent}  `, inner, depth)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  if (s.type === 'array') {
    const elem = `elem${depth === 0 ? '' : depth}`;
    const body = render((s.items as Schema | undefined) ?? {}, root, `$${elem}`, `${indent}  `, inner, depth + 1);
    return `[\n#foreach($${elem} in ${ref})\n${indent}  ${body}#if($foreach.hasNext),#end\n#end\n${indent}]`;
  }
  if (s.type === 'number' || s.type === 'integer' || s.type === 'boolean') return ref;
  return `"${ref}"`;
}

export function modelTemplate(schemaText: string | undefined): string {
  let schema: Schema = {};
  try {
    const parsed = JSON.parse(schemaText ?? '{}');
    if (parsed && typeof parsed === 'object') schema = parsed;
  } catch {
    // CreateModel and UpdateModel accept only JSON schemas; an unreadable one maps nothing.
  }
  return `#set($inputRoot = $input.path('$'))\n${render(schema, schema, '$inputRoot', '', new Set(), 0)}`;
}
