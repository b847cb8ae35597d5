import { DynamoAnalysis } from '../../src/engine/dynamodb/analysis.js';
import { libDynamodb } from '../../src/models/lib-dynamodb.js';
import { kinds, MODEL, programOf, sourceFile, TYPES } from './program.js';

/** Just enough of `@aws-sdk/lib-dynamodb` for the sink matcher, which goes by package and name. */
const SDK = `
export class DynamoDBDocumentClient { send(command: unknown): Promise<any>; }
export class GetCommand { constructor(input: { TableName: string; Key: Record<string, unknown>; ProjectionExpression?: string }); }
export class QueryCommand { constructor(input: { TableName: string; KeyConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> }); }
`;

function analysed(files: Readonly<Record<string, string>>) {
  const program = programOf({ 'types.ts': TYPES, 'node_modules/@aws-sdk/lib-dynamodb/index.d.ts': SDK, ...files });
  const analysis = new DynamoAnalysis(program, MODEL, [libDynamodb]);
  return { analysis, facts: (name: string) => analysis.factsInFile(sourceFile(program, name)) };
}

const header = `import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Req } from './types';
declare const doc: DynamoDBDocumentClient;
`;

describe('DynamoDB access readers', () => {
  test('a key value read from the request is a source at Key.id', () => {
    const { facts } = analysed({
      'main.ts': `${header}
        export async function handler(req: Req) {
          return doc.send(new GetCommand({ TableName: 'notes', Key: { id: req.params.id } }));
        }`,
    });
    const [fact] = facts('main.ts');
    expect(fact?.site.operation).toBe('get');
    expect(fact?.keys.map((position) => [position.label, kinds(position.taint)])).toEqual([['Key.id', ['source']]]);
  });

  test('a key from the principal is no source', () => {
    const { facts } = analysed({
      'main.ts': `${header}
        export async function handler(req: Req) {
          return doc.send(new GetCommand({ TableName: 'notes', Key: { id: req.user.sub } }));
        }`,
    });
    expect(facts('main.ts')[0]?.keys.map((position) => kinds(position.taint))).toEqual([['principal']]);
  });

  test('request text spliced into a key condition is an injection position', () => {
    const { facts } = analysed({
      'main.ts': `${header}
        export async function handler(req: Req) {
          return doc.send(new QueryCommand({ TableName: 'notes', KeyConditionExpression: \`pk = \${req.query.pk}\` }));
        }`,
    });
    // Injection positions are facts of their own, beside the access's key positions.
    const injections = facts('main.ts').flatMap((fact) => fact.injections ?? []);
    expect(injections.map((position) => [position.kind, kinds(position.taint)])).toEqual([['expression', ['source']]]);
  });

  test('an access in a repository function is found from the caller in another file (access summary)', () => {
    const { facts } = analysed({
      'repository.ts': `${header}
        export function getNote(id: string) {
          return doc.send(new GetCommand({ TableName: 'notes', Key: { id } }));
        }`,
      'main.ts': `import { getNote } from './repository';
        import type { Req } from './types';
        export function handler(req: Req) { return getNote(req.params.id); }`,
    });
    const keys = facts('main.ts').flatMap((fact) => fact.keys);
    expect(keys.map((position) => [position.label, kinds(position.taint)])).toEqual([['Key.id', ['source']]]);
    expect(facts('repository.ts').flatMap((fact) => fact.keys.map((position) => kinds(position.taint)))).toEqual([
      ['param'],
    ]);
  });
});
