/** Pins the coverage tables of docs/services/cognitoidp.md and cognitoidentity.md to the handler tables. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handlers as identityHandlers } from '../../../services/cognitoidentity/responses';
import { spec as identitySpec } from '../../../services/cognitoidentity/spec';
import { handlers as idpHandlers } from '../../../services/cognitoidp/responses';
import { spec as idpSpec } from '../../../services/cognitoidp/spec';

function documented(doc: string): { yes: string[]; all: string[] } {
  const rows = readFileSync(join(__dirname, '../../../docs/services', doc), 'utf8')
    .split('\n')
    .map((line) => /^\| (\w+) \| (yes|no)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  return { yes: rows.filter((m) => m[2] === 'yes').map((m) => m[1]), all: rows.map((m) => m[1]) };
}

describe('Cognito coverage tables', () => {
  it.each([
    ['cognitoidp.md', idpHandlers, idpSpec.operations],
    ['cognitoidentity.md', identityHandlers, identitySpec.operations],
  ])('%s lists every operation and marks exactly the implemented ones', (doc, handlers, operations) => {
    const { yes, all } = documented(doc);
    expect(all.sort()).toEqual(Object.keys(operations).sort());
    expect(yes.sort()).toEqual(Object.keys(handlers).sort());
  });
});
