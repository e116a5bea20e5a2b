/**
 * Prints the S3 coverage table for docs/services/s3.md: every operation of
 * the generated spec, and whether the handler registry implements it.
 *
 * npx esbuild bench/s3-coverage.ts --bundle --platform=node --packages=external --outfile=.tmp/s3-coverage.cjs && node .tmp/s3-coverage.cjs
 */
import { handlers } from '../services/s3/responses';
import { spec } from '../services/s3/spec';

const ops = Object.keys(spec.operations).sort();
const done = ops.filter((op) => handlers[op]);
console.log(`Implemented: ${done.length} of ${ops.length} operations.\n`);
console.log('| Operation | Implemented |');
console.log('|---|---|');
for (const op of ops) console.log(`| ${op} | ${handlers[op] ? 'yes' : 'no (NotImplemented)'} |`);
