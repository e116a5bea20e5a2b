/**
 * GetModelTemplate: the mapping template API Gateway generates from a model,
 * in the documented style (`#set($inputRoot = $input.path('$'))`, then the
 * model's JSON shape with `$inputRoot.<member>` references, strings quoted,
 * arrays through `#foreach` with `#if($foreach.hasNext),#end`). Applied to a
 * payload of the model's shape, it renders that payload again.
 */
import { MODEL_REF } from './json-schema';

type Schema = Record<string, unknown>;

const isObj = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

export function modelTemplate(schema: Schema, models: (name: string) => Schema | undefined): string {
  let loops = 0;
  const resolve = (s: unknown, root: Schema, depth: number): { schema: Schema; root: Schema } => {
    if (!isObj(s) || typeof s.$ref !== 'string' || depth > 16) return { schema: isObj(s) ? s : {}, root };
    const model = MODEL_REF.exec(s.$ref);
    if (model) {
      const target = models(decodeURIComponent(model[1])) ?? {};
      return resolve(model[2] ? { $ref: model[2] } : target, target, depth + 1);
    }
    let at: unknown = root;
    for (const part of s.$ref.replace(/^#\/?/, '').split('/').filter(Boolean)) at = isObj(at) ? at[part] : undefined;
    return resolve(at, root, depth + 1);
  };
  const node = (raw: unknown, ref: string, indent: string, root: Schema, depth: number): string => {
    const { schema, root: r } = resolve(raw, root, 0);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    if (depth > 16) return `"${ref}"`;
    if (type === 'object' || (type === undefined && isObj(schema.properties))) {
      const props = Object.entries(isObj(schema.properties) ? schema.properties : {});
      if (!props.length) return '{}';
      const inner = `${indent}  `;
      const lines = props.map(([name, sub]) => {
        const member = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${ref}.${name}` : `${ref}.get('${name.replace(/'/g, "''")}')`;
        return `${inner}${JSON.stringify(name)} : ${node(sub, member, inner, r, depth + 1)}`;
      });
      return `{\n${lines.join(',\n')}\n${indent}}`;
    }
    if (type === 'array') {
      const elem = loops === 0 ? '$elem' : `$elem${loops}`;
      loops += 1;
      const item = node(schema.items, elem, indent, r, depth + 1);
      return `[\n#foreach(${elem} in ${ref})\n${indent}${item}#if($foreach.hasNext),#end\n#end\n${indent}]`;
    }
    if (type === 'string') return `"${ref}"`;
    return ref;
  };
  return `#set($inputRoot = $input.path('$'))\n${node(schema, '$inputRoot', '', schema, 0)}`;
}
