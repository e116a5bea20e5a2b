/**
 * `npm run codegen`: writes services/<svc>/spec.ts and types.ts, the
 * catalog and the registry from the pinned SDK models, and scaffolds
 * urls.ts/index.ts of services that have none.
 *
 * @example npm run codegen            # all services
 * @example npm run codegen -- sqs s3  # only these specs/types
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateAll } from './generate-all';

const root = join(__dirname, '..');

function write(path: string, content: string): boolean {
  const full = join(root, path);
  if (existsSync(full) && readFileSync(full, 'utf8') === content) return false;
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  return true;
}

function main(): void {
  const started = process.hrtime.bigint();
  const ids = process.argv.slice(2);
  const out = generateAll(ids.length ? ids : undefined);
  for (const [path, content] of out.files) {
    const changed = write(path, content);
    console.log(`${changed ? 'wrote    ' : 'unchanged'} ${path} (${Buffer.byteLength(content)} bytes)`);
  }
  for (const [path, content] of out.scaffolds) {
    if (existsSync(join(root, path))) continue;
    write(path, content);
    console.log(`scaffold  ${path}`);
  }
  for (const warning of out.warnings) console.warn(`warning: ${warning}`);
  if (out.notes.length) console.log(`${out.notes.length} enums where botocore and the SDK disagree (the SDK's values kept)`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`codegen done in ${(ms / 1000).toFixed(1)}s`);
}

main();
