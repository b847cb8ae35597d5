import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { libDynamodb } from '../../src/models/lib-dynamodb.js';
import { MODEL, programOf, sourceFile } from './program.js';

// A file may reach a sink through its imports and through the classes that implement an interface
// it declares, though nothing it imports names them. The port and its implementation import each
// other's way (the class imports the port, the port leads to the class), so every file of such a
// cycle gets one answer, whichever file is asked about first.

const files = {
  'node_modules/@aws-sdk/lib-dynamodb/index.d.ts': `export class DynamoDBDocumentClient { send(command: unknown): Promise<any>; }
export class GetCommand { constructor(input: { TableName: string; Key: Record<string, unknown> }); }`,
  'db.ts': `import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
declare const doc: DynamoDBDocumentClient;
export class Db { get(id: string) { return doc.send(new GetCommand({ TableName: 'notes', Key: { id } })); } }`,
  'port.ts': `export interface NotesPort { find(id: string): Promise<unknown> }`,
  'notes.ts': `import type { NotesPort } from './port';
import { Db } from './db';
export class StoredNotes implements NotesPort {
  constructor(private readonly db: Db) {}
  find(id: string) { return this.db.get(id); }
}`,
  'use.ts': `import type { NotesPort } from './port';
export const find = (notes: NotesPort, id: string) => notes.find(id);`,
  'clock.ts': `export interface Clock { now(): number }
export class SystemClock implements Clock { now() { return Date.now(); } }`,
  'time.ts': `import type { Clock } from './clock';
export const stamp = (clock: Clock) => clock.now();`,
};
const names = ['db.ts', 'port.ts', 'notes.ts', 'use.ts', 'clock.ts', 'time.ts'];

describe('files that may reach a sink', () => {
  test.each(names)('asked first about %s: the port and its callers reach the implementation, nothing else', (first) => {
    const program = programOf(files);
    const analysis = new DynamoAnalysis(program, MODEL, [libDynamodb]);
    const reaches = (name: string) => analysis.mayReachSinks(sourceFile(program, name));
    reaches(first);
    expect(Object.fromEntries(names.map((name) => [name, reaches(name)]))).toEqual({
      'db.ts': true,
      'port.ts': true,
      'notes.ts': true,
      'use.ts': true,
      'clock.ts': false,
      'time.ts': false,
    });
  });
});
