import type ts from 'typescript';
import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { awsSdkV2 } from '../../src/models/aws-sdk-v2.js';
import { MODEL, programOf, sourceFile, TYPES } from './program.js';

// An untyped client that reaches a sink as a parameter is the client its callers pass (SPEC §3,
// shape fallback). Its sites depend on files that import the sink's file, which the kept-sites
// stamp does not cover: they are found again in each program.

const files = (passed: string) => ({
  'types.ts': TYPES,
  'node_modules/aws-sdk/index.d.ts': `export declare const DynamoDB: any;\n`,
  // (TypeScript here: the file names the client in a comment, so the text pre-filter keeps it.)
  'repo.ts': `/** db: a DocumentClient */\nexport const load = (db: any, id: string) => db.get({ TableName: 'Notes', Key: { id } }).promise();\n`,
  'route.ts': `import { DynamoDB } from 'aws-sdk';
import type { Req } from './types';
import { load } from './repo';
const doc = new DynamoDB.DocumentClient();
const cache = { get: (input: unknown) => ({ promise: async () => input }) };
export const route = (req: Req) => load(${passed}, req.params.id);
`,
});

function sitesOfRepo(program: ts.Program) {
  const analysis = new DynamoAnalysis(program, MODEL, [awsSdkV2], [], 'client-links-test');
  return analysis.sites.inFile(sourceFile(program, 'repo.ts'));
}

describe('untyped clients passed through parameters', () => {
  test('a parameter is the client its caller passes', () => {
    expect(sitesOfRepo(programOf(files('doc'))).map((site) => site.api)).toEqual(['DocumentClient.get']);
  });

  test('a parameter that receives an object with its own method is no client', () => {
    expect(sitesOfRepo(programOf(files('cache')))).toEqual([]);
  });

  test("an edit to a caller (a file the sink's file does not import) finds its sites again", () => {
    const first = programOf(files('doc'));
    expect(sitesOfRepo(first)).toHaveLength(1);
    const edited = programOf(files('cache'), first);
    expect(sourceFile(edited, 'repo.ts')).toBe(sourceFile(first, 'repo.ts'));
    expect(sitesOfRepo(edited)).toEqual([]);
  });
});
