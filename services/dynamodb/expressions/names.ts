/** The top-level attribute names an expression tree reads (to know whether an LSI read must fetch from the table). */
import type { Condition, Operand, Path } from './ast';

export /** Top-level attribute names a condition reads. */
function namesIn(c: Condition | undefined, out = new Set<string>()): Set<string> {
  const path = (p: Path) => {
    const first = p[0];
    if (first && 'name' in first) out.add(first.name);
  };
  const operand = (o: Operand): void => {
    if (o.kind === 'path' || o.kind === 'size') path(o.path);
    else if (o.kind === 'arith' || o.kind === 'list_append') {
      operand(o.left);
      operand(o.right);
    } else if (o.kind === 'if_not_exists') {
      path(o.path);
      operand(o.fallback);
    }
  };
  if (!c) return out;
  switch (c.kind) {
    case 'compare':
      operand(c.left);
      operand(c.right);
      break;
    case 'between':
      [c.operand, c.low, c.high].forEach(operand);
      break;
    case 'in':
      [c.operand, ...c.list].forEach(operand);
      break;
    case 'and':
    case 'or':
      namesIn(c.left, out);
      namesIn(c.right, out);
      break;
    case 'not':
      namesIn(c.condition, out);
      break;
    case 'exists':
    case 'not_exists':
    case 'attribute_type':
      path(c.path);
      break;
    case 'begins_with':
    case 'contains':
      operand(c.path);
      operand(c.operand);
      break;
  }
  return out;
}
