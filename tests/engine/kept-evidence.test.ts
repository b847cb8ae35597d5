import { vi } from 'vitest';
import type ts from 'typescript';
import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { evidenceFor } from '../../src/engine/evidence/cache.js';
import type { EvidenceModel } from '../../src/engine/evidence/program-evidence.js';
import { libDynamodb } from '../../src/models/lib-dynamodb.js';
import { MODEL, programOf, sourceFile, TYPES } from './program.js';

// Each file's share of the entity evidence is kept per source file across the programs of an
// editor session, and reused only under the file's stamp: while the file, what it imports
// (transitively), the global declarations and the compiler options are unchanged.

const SDK = `
export class DynamoDBDocument { put(input: { TableName: string; Item: Record<string, unknown> }): Promise<any>; }
`;
const files = (options: { client?: string; route?: string } = {}) => ({
  'types.ts': TYPES,
  'node_modules/@aws-sdk/lib-dynamodb/index.d.ts': SDK,
  'client.ts':
    options.client ??
    `import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\nexport declare const raw: DynamoDBDocument;\n`,
  'db.ts': `export { raw as doc } from './client';\n`,
  'repo.ts': `import { doc } from './db';\nexport const save = (id: string) => doc.put({ TableName: 'Notes', Item: { id, title: 't' } });\n`,
  'route.ts':
    options.route ?? `import type { Req } from './types';\nexport const route = (req: Req) => req.params.id;\n`,
});
const EVIDENCE: EvidenceModel = {
  principalKinds: ['user'],
  principalKeyNames: [],
  sensitive: [],
  key: 'kept-evidence',
};

/** Builds the program's evidence and says whether repo.ts's share had to be gathered. */
function gathersRepo(program: ts.Program): boolean {
  const analysis = new DynamoAnalysis(program, MODEL, [libDynamodb], [], 'kept-evidence-test');
  const factsInFile = vi.spyOn(analysis, 'factsInFile');
  evidenceFor(analysis, EVIDENCE, 'kept-evidence-test');
  const repo = sourceFile(program, 'repo.ts');
  return factsInFile.mock.calls.some(([file]) => file === repo);
}

describe('entity evidence across the programs of an editor session', () => {
  test("an unchanged file's share is reused when an unrelated file is edited", () => {
    const first = programOf(files());
    expect(gathersRepo(first)).toBe(true);
    const edited = programOf(files({ route: `export const route = () => 'edited';\n` }), first);
    expect(sourceFile(edited, 'repo.ts')).toBe(sourceFile(first, 'repo.ts'));
    expect(gathersRepo(edited)).toBe(false);
  });

  test('an edit to a file it imports, two hops away, gathers its share again', () => {
    const first = programOf(files());
    expect(gathersRepo(first)).toBe(true);
    const client = `import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\nexport declare const raw: DynamoDBDocument;\nexport const edited = 1;\n`;
    const edited = programOf(files({ client }), first);
    expect(sourceFile(edited, 'repo.ts')).toBe(sourceFile(first, 'repo.ts'));
    expect(gathersRepo(edited)).toBe(true);
  });
});
