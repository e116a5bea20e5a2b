/**
 * The generated files (services/<svc>/spec.ts, types.ts, the catalog and
 * the registry) must be what codegen writes from the installed SDK models.
 * After an SDK upgrade or a codegen change: `npm run codegen`, then commit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Generated, generateAll } from '../../codegen/generate-all';

const root = join(__dirname, '..', '..');
let generated: Generated;

beforeAll(() => {
  generated = generateAll();
});

describe('generated files', () => {
  it('are all up to date with codegen (fix: npm run codegen)', () => {
    const stale: string[] = [];
    for (const [path, content] of generated.files) {
      let committed = '';
      try {
        committed = readFileSync(join(root, path), 'utf8');
      } catch {
        // a missing file is stale too
      }
      if (committed !== content) stale.push(path);
    }
    expect({ stale, fix: 'npm run codegen' }).toEqual({ stale: [], fix: 'npm run codegen' });
  });

  it('cover all 27 services (spec, types, state classes) plus the catalog, the registry and the state-class index', () => {
    expect(generated.specs.map((s) => s.id)).toEqual([
      's3', 'dynamodb', 'dynamodbstreams', 'sqs', 'sns', 'sts', 'iam', 'secretsmanager',
      'ssm', 'kms', 'lambda', 'events', 'logs', 'scheduler', 'cloudwatch', 'kinesis', 'firehose', 'ec2', 'sesv2', 'ses',
      'stepfunctions', 'cognitoidp', 'cognitoidentity', 'apigateway', 'apigatewayv2', 's3control', 'apigatewaymanagementapi',
    ]);
    expect(generated.files.size).toBe(27 * 3 + 3);
  });

  it('only warn about event-stream traits the spec format has no field for', () => {
    for (const warning of generated.warnings) expect(warning).toMatch(/member trait eventPayload/);
  });

  it('reference only shapes and enums the spec defines', () => {
    for (const spec of generated.specs) {
      const missing: string[] = [];
      const check = (where: string, m: { target: string; enum?: string }) => {
        const primitive = /^(string|boolean|number|bigint|bigdecimal|timestamp|blob|document)$/.test(m.target);
        if (!primitive && !spec.shapes[m.target]) missing.push(`${where} → ${m.target}`);
        if (m.enum && !spec.enums[m.enum]?.length) missing.push(`${where} → enum ${m.enum}`);
      };
      for (const [name, shape] of Object.entries(spec.shapes)) {
        if (shape.type === 'list') check(name, shape.member);
        else if (shape.type === 'map') {
          check(name, shape.key);
          check(name, shape.value);
        } else for (const [m, member] of Object.entries(shape.members)) check(`${name}.${m}`, member);
      }
      for (const op of Object.values(spec.operations)) {
        for (const ref of [op.input, op.output]) if (ref && !spec.shapes[ref]) missing.push(`${op.name} → ${ref}`);
      }
      for (const e of spec.errors) if (!spec.shapes[e]) missing.push(`error ${e}`);
      expect({ id: spec.id, missing }).toEqual({ id: spec.id, missing: [] });
    }
  });

  it('take their constraints from the committed botocore extract (fix: npm run codegen:constraints)', () => {
    const committedPath = join(root, 'codegen', 'constraints', 'constraints.json');
    const committed = readFileSync(committedPath, 'utf8');
    const run = spawnSync('python3', [join(root, 'codegen', 'constraints', 'extract.py'), '--stdout'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error || run.status !== 0) {
      // Codegen itself reads only the committed file; this check needs Python with botocore.
      console.warn('skipped: python3 with botocore is not available to re-extract the constraints');
      return;
    }
    const installed = JSON.parse(run.stdout) as { botocore: string };
    const pinned = JSON.parse(committed) as { botocore: string };
    if (installed.botocore !== pinned.botocore) {
      console.warn(`skipped: botocore ${installed.botocore} installed, constraints extracted from ${pinned.botocore}`);
      return;
    }
    expect(run.stdout === committed).toBe(true);
  });
});
