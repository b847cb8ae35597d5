import { vi } from 'vitest';
import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { evidenceFor } from '../../src/engine/evidence/cache.js';
import { constantTableId, type EntityRef } from '../../src/engine/evidence/entities.js';
import { configuredEvidence } from '../../src/models/configured.js';
import { libDynamodb } from '../../src/models/lib-dynamodb.js';
import { MODEL, programOf, sourceFile, TYPES } from './program.js';

const SDK = `
export class DynamoDBDocumentClient { send(command: unknown): Promise<any>; }
export class GetCommand { constructor(input: { TableName: string; Key: Record<string, unknown> }); }
export class PutCommand { constructor(input: { TableName: string; Item: Record<string, unknown> }); }
`;
const header = `import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Req } from './types';
declare const doc: DynamoDBDocumentClient;
`;
const ownerWrite = `${header}
export async function create(req: Req) {
  return doc.send(new PutCommand({ TableName: 'Notes', Item: { id: crypto.randomUUID(), ownerId: req.user.sub } }));
}`;
const sharedWrite = `${header}
export async function create(req: Req) {
  return doc.send(new PutCommand({ TableName: 'Notes', Item: { id: crypto.randomUUID(), text: String(req.body.text) } }));
}`;
const read = (route: string) => `${header}
export async function ${route}(req: Req) {
  return doc.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } }));
}`;
/** The `Notes` table of the app the program's files are in. */
const notes = (program: ReturnType<typeof programOf>): EntityRef => ({
  table: constantTableId(sourceFile(program, 'read.ts'), 'Notes'),
  tableLabel: 'Notes',
});
const files = (write: string, route: string) => ({
  'types.ts': TYPES,
  'node_modules/@aws-sdk/lib-dynamodb/index.d.ts': SDK,
  'write.ts': write,
  'read.ts': read(route),
});

/** The evidence of a program, and the files whose accesses it had to read to build it. */
function evidenceOf(program: ReturnType<typeof programOf>) {
  const analysis = new DynamoAnalysis(program, MODEL, [libDynamodb]);
  const factsInFile = vi.spyOn(analysis, 'factsInFile');
  const evidence = evidenceFor(analysis, configuredEvidence(undefined), 'test');
  const read = new Set(factsInFile.mock.calls.map(([file]) => file.fileName.replace('/virtual/', '')));
  return { evidence, read };
}

describe('evidence across the programs of an editor session', () => {
  test("an unchanged file's share is reused; the edited file's is recomputed", () => {
    const first = programOf(files(ownerWrite, 'get'));
    expect(evidenceOf(first).evidence.verdict(notes(first), sourceFile(first, 'read.ts')).kind).toBe('owned');

    const edited = programOf(files(ownerWrite, 'show'), first);
    expect(sourceFile(edited, 'write.ts')).toBe(sourceFile(first, 'write.ts'));
    const { evidence, read } = evidenceOf(edited);
    expect(read).toEqual(new Set(['read.ts']));
    expect(evidence.verdict(notes(edited), sourceFile(edited, 'read.ts')).kind).toBe('owned');
  });

  test('an edit to the writing file changes the verdict', () => {
    const first = programOf(files(ownerWrite, 'get'));
    expect(evidenceOf(first).evidence.verdict(notes(first), sourceFile(first, 'read.ts')).kind).toBe('owned');
    const edited = programOf(files(sharedWrite, 'get'), first);
    const { evidence, read } = evidenceOf(edited);
    expect(read).toEqual(new Set(['write.ts']));
    expect(evidence.verdict(notes(edited), sourceFile(edited, 'read.ts')).kind).toBe('shared');
  });
});
