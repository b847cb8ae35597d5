/**
 * An import the program cannot resolve is followed through the path mapping of the nearest
 * tsconfig of the importing file. `fixtures/path-aliases/` is a monorepo whose package declares
 * `paths` (`@/*`) in its own tsconfig; here it is linted with the ROOT tsconfig (which has no
 * `paths`) as one program, as a repository-wide lint or a corpus scan does. The e2e suite lints
 * the same fixture with the project service, which picks the package's own tsconfig: both must
 * give the reports the fixture's `expect:` comments state.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject, temporaryRootProject } from '../root-project.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/path-aliases');
const route = path.join(root, 'packages/notes/app/api/notes/route.ts');

describe('imports through a path alias only the package tsconfig declares', () => {
  it('are followed to the data layer when the program uses the root tsconfig', async () => {
    expect(await reportsWithRootProject(root, route, 'strict')).toEqual([
      '10 dynamodb-security/no-unscoped-key',
      '10 dynamodb-security/no-unscoped-key',
      '11 dynamodb-security/no-raw-item-response',
      '17 dynamodb-security/no-expression-injection',
      '17 dynamodb-security/no-unscoped-key',
      '17 dynamodb-security/no-unscoped-key',
      '26 dynamodb-security/no-unvalidated-input',
    ]);
  }, 60_000);

  it('reach the methods of a class the alias names, through a field of that type', async () => {
    const archive = path.join(root, 'packages/notes/app/api/archive/route.ts');
    expect(await reportsWithRootProject(root, archive, 'strict')).toEqual([
      '21 dynamodb-security/no-unscoped-key',
      '21 dynamodb-security/no-unscoped-key',
      '22 dynamodb-security/no-raw-item-response',
    ]);
  }, 60_000);

  it('give the attributes an aliased item type declares to the evidence', async () => {
    const cards = path.join(root, 'packages/notes/app/api/cards/route.ts');
    expect(await reportsWithRootProject(root, cards, 'recommended')).toEqual([
      '7 dynamodb-security/no-unscoped-key',
      '8 dynamodb-security/no-raw-item-response',
    ]);
  }, 60_000);

  it("are followed through a JavaScript package's jsconfig.json", async () => {
    const jsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/jsconfig-aliases');
    const journal = path.join(jsRoot, 'packages/journal/app/api/journal/route.js');
    expect(await reportsWithRootProject(jsRoot, journal, 'recommended')).toEqual([
      '9 dynamodb-security/no-unscoped-key',
      '9 dynamodb-security/no-unscoped-key',
      '10 dynamodb-security/no-raw-item-response',
      '16 dynamodb-security/no-unscoped-key',
      '16 dynamodb-security/no-unscoped-key',
    ]);
  }, 60_000);
});

/**
 * A NestJS-style monorepo (`apps/api`, `libs/shared`) whose tsconfig maps `@apps/api/*` and
 * `@app/shared` through `paths` + `baseUrl` (in a base config it `extends`), linted with a root
 * tsconfig that lacks them: the program resolves none of these imports, and the checker gives every
 * name imported through them the unknown type. A command builder class imported that way is still
 * followed: its static builders (`NoteModel.getItem(id)`) and the methods of an instance a variable
 * is set to (`const note = new NoteModel(…)`; `note.toPut()`).
 */
describe('a class imported through an alias only the repository tsconfig declares', () => {
  const { root, write } = temporaryRootProject('unresolved-class-');
  write('repo/package.json', '{ "name": "repo" }');
  write(
    'repo/tsconfig.base.json',
    JSON.stringify({
      compilerOptions: {
        baseUrl: './',
        paths: { '@apps/api/*': ['apps/api/src/*'], '@app/shared': ['libs/shared/src'] },
      },
    }),
  );
  write('repo/tsconfig.json', JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { strict: false } }));
  write(
    'repo/libs/shared/src/index.ts',
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const NOTES_TABLE = 'Notes';
export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`,
  );
  write(
    'repo/apps/api/src/models/note.model.ts',
    `import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NOTES_TABLE } from '@app/shared';

export class NoteModel {
  constructor(
    public id: string,
    public text: string,
  ) {}

  toPut() {
    return new PutCommand({ TableName: NOTES_TABLE, Item: { id: this.id, text: this.text } });
  }

  static getItem(id: string) {
    return new GetCommand({ TableName: NOTES_TABLE, Key: { id } });
  }
}

export default NoteModel;
`,
  );
  write(
    'repo/apps/api/src/notes.routes.ts',
    `import { Router } from 'express';
import { ddb } from '@app/shared';
import NoteModel from '@apps/api/models/note.model';

export const router = Router();

router.get('/:id', async (req, res) => {
  const out = await ddb.send(NoteModel.getItem(req.params.id));
  res.json({ text: out.Item?.text });
});

router.put('/:id', async (req, res) => {
  const note = new NoteModel(req.params.id, String(req.body.text));
  await ddb.send(note.toPut());
  res.sendStatus(204);
});
`,
  );
  const routes = path.join(root, 'repo/apps/api/src/notes.routes.ts');

  it('reaches its static builders and the methods of an instance it constructs', async () => {
    expect(await reportsWithRootProject(root, routes, 'strict')).toEqual([
      '8 dynamodb-security/no-unscoped-key',
      '14 dynamodb-security/no-unscoped-key',
    ]);
  }, 60_000);
});

/**
 * A JavaScript Next.js app (no TypeScript) whose SDK v2 client is built in one module and imported
 * through the `@/*` alias its jsconfig.json declares, linted with a root config that lacks it: the
 * imported name is `any`, and the client is known by the `new` that built it in the aliased file.
 */
describe('an untyped client imported through an alias only the package jsconfig declares', () => {
  const { root, write } = temporaryRootProject('unresolved-client-');
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { module: 'nodenext', allowJs: true, checkJs: false, skipLibCheck: true, noEmit: true },
    }),
  );
  write('survey/package.json', '{ "name": "survey", "dependencies": { "aws-sdk": "^2.1391.0" } }');
  write('survey/jsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }));
  write(
    'survey/src/lib/dynamodb.js',
    `import AWS from 'aws-sdk';
const dynamoDb = new AWS.DynamoDB.DocumentClient();
export default dynamoDb;
export const named = dynamoDb;
`,
  );
  write(
    'survey/src/app/api/users/route.js',
    `import dynamoDb, { named } from '@/lib/dynamodb';

export async function PUT(req) {
  const { id, ...updates } = await req.json();
  await dynamoDb.update({
    TableName: 'Users',
    Key: { id },
    UpdateExpression: \`SET \${Object.keys(updates).map((key, i) => \`#\${key} = :v\${i}\`).join(', ')}\`,
    ExpressionAttributeValues: Object.fromEntries(Object.values(updates).map((value, i) => [\`:v\${i}\`, value])),
  }).promise();
  await named.delete({ TableName: 'Users', Key: { id: String(req.headers.get('x-user')) } }).promise();
  return new Response(null, { status: 204 });
}
`,
  );
  const route = path.join(root, 'survey/src/app/api/users/route.js');

  it('reaches its methods, by the default export and by a named one', async () => {
    expect(await reportsWithRootProject(root, route, 'strict')).toEqual([
      '7 dynamodb-security/no-unscoped-key',
      '8 dynamodb-security/no-expression-injection',
      '11 dynamodb-security/no-unscoped-key',
    ]);
  }, 60_000);
});

/**
 * An npm workspace (`packages/core`, `packages/functions`) whose functions import the core package
 * by its name (`@app/core/notes`), checked out without installed dependencies: no `node_modules`
 * links the member, so the program resolves none of these imports. The package's own `exports`
 * map (or its `main`, or the subpath as a path) names the file.
 */
describe('a workspace member imported by its package name, without installed links', () => {
  const { root, write } = temporaryRootProject('workspace-member-');
  write('repo/package.json', JSON.stringify({ name: 'repo', workspaces: ['packages/*'] }));
  write(
    'repo/packages/core/package.json',
    JSON.stringify({ name: '@app/core', type: 'module', exports: { './notes': './src/notes.ts' } }),
  );
  write(
    'repo/packages/core/src/notes.ts',
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export async function getNote(id: string) {
  return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id } }))).Item;
}
`,
  );
  write('repo/packages/legacy/package.json', JSON.stringify({ name: 'legacy', main: 'lib/main.ts' }));
  write(
    'repo/packages/legacy/lib/main.ts',
    `export { getNote as legacyNote } from '@app/core/notes';
`,
  );
  write('repo/packages/functions/package.json', JSON.stringify({ name: '@app/functions' }));
  write(
    'repo/packages/functions/src/notes.ts',
    `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { getNote } from '@app/core/notes';
import { legacyNote } from 'legacy';

export const handler = async (event: APIGatewayProxyEvent) => {
  const note = await getNote(String(event.pathParameters?.id));
  const old = await legacyNote(String(event.queryStringParameters?.id));
  return { statusCode: 200, body: JSON.stringify({ text: note?.text, old: old?.text }) };
};
`,
  );
  const handler = path.join(root, 'repo/packages/functions/src/notes.ts');

  it("is followed through the member's exports map and its main", async () => {
    expect(await reportsWithRootProject(root, handler, 'strict')).toEqual([
      '6 dynamodb-security/no-unscoped-key',
      '7 dynamodb-security/no-unscoped-key',
    ]);
  }, 60_000);
});
