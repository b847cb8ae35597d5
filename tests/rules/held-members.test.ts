import { readFileSync } from 'node:fs';
import path from 'node:path';
import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { docClient, js, koa } from './framework-headers.js';

// A method whose holder the program fills at run time runs the method of the value put there: a
// wrapper handed to a route factory (`addRoutes({ router, db: wrapper })`), and a member declared
// on a framework instance without a value and set by `instance.decorate('store', { remove })`.
const ruleTester = createRuleTesterWithTypes();
const decoratedRoutes = path.join(fixturesDir, 'decorated-instance/src/routes.ts');
const decoratedTasks = path.join(fixturesDir, 'decorated-instance/src/tasks.ts');

const wrapper = `const store = {
  get: (TableName: string, id: string) => ddb.send(new GetCommand({ TableName, Key: { id } })),
};
const other = { get: async (_table: string, _id: string) => undefined };
`;

const factory = (
  route: string,
  calls: string,
) => `${koa}${wrapper}type Store = { get(table: string, id: string): Promise<unknown> };
const addRoutes = ({ router, db }: { router: Router; db: Store }) => {
  router.get('/users/:id', async (ctx) => {
${route}
  });
};
${calls}
`;

const decorated = `import Fastify from 'fastify';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, DeleteCommand } from '@aws-sdk/lib-dynamodb';
declare module 'fastify' {
  interface FastifyInstance { store: { remove: (table: string, key: Record<string, string>) => Promise<unknown> } }
}
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = Fastify();
const remove = async (TableName: string, Key: Record<string, string>) => doc.send(new DeleteCommand({ TableName, Key }));
app.decorate('store', { remove });
app.delete<{ Querystring: { id: string } }>('/tasks', async (request) => {
  await app.store.remove('Tasks', { id: request.query.id }); // ✗
  return { ok: true };
});
`;

ruleTester.run('no-unscoped-key (methods of values put into their holders)', auditMode(unscoped), {
  valid: [
    // Every caller hands the factory a wrapper that never reaches DynamoDB.
    factory(`    ctx.body = await db.get('users', ctx.params.id);`, `addRoutes({ router: new Router(), db: other });`),
    // Callers that hand two different wrappers give no callee to follow.
    factory(
      `    ctx.body = await db.get('users', ctx.params.id);`,
      `addRoutes({ router: new Router(), db: other });\naddRoutes({ router: new Router(), db: store });`,
    ),
    { code: readFileSync(decoratedRoutes, 'utf8'), filename: decoratedRoutes },
    // A member named like the decorated one on another holder type is not the decorated value.
    `${expressHeader}${wrapper}interface Services { store: { get(table: string, id: string): Promise<unknown> } }
const services: Services = JSON.parse('{}') as Services;
const registry = { decorate: (_name: string, _value: unknown) => undefined };
registry.decorate('store', store);
app.get('/users/:id', async (req, res) => { res.json(await services.store.get('users', req.params.id)); });
`,
  ],
  invalid: [
    invalidAt(
      factory(
        `    ctx.body = await db.get('users', ctx.params.id); // ✗`,
        `addRoutes({ router: new Router(), db: store });`,
      ),
      'unscopedKey',
    ),
    // A plain parameter, not destructured.
    invalidAt(
      `${expressHeader}${wrapper}type Store = { get(table: string, id: string): Promise<unknown> };
function userRoutes(db: Store) {
  app.get('/users/:id', async (req, res) => { res.json(await db.get('users', req.params.id)); }); // ✗
}
userRoutes(store);
`,
      'unscopedKey',
    ),
    // Untyped JavaScript: the parameter's type says nothing, the callers do.
    {
      ...invalidAt(
        `${docClient.replace(/^import (.*) from '(.*)';$/gm, (_line, names: string, from: string) => `const ${names} = require('${from}');`)}const Router = require('@koa/router');
const store = { get: (TableName, id) => ddb.send(new GetCommand({ TableName, Key: { id } })) };
const addRoutes = ({ router, db }) => {
  router.get('/users/:id', async (ctx) => {
    ctx.body = await db.get('users', ctx.params.id); // ✗
  });
};
addRoutes({ router: new Router(), db: store });
`,
        'unscopedKey',
      ),
      filename: js,
    },
    invalidAt(decorated, 'unscopedKey'),
    // The decorated value is the function itself, written in place.
    invalidAt(
      decorated
        .replace(
          'interface FastifyInstance {',
          'interface FastifyInstance { removeTask: (id: string) => Promise<unknown>;',
        )
        .replace(
          "app.decorate('store', { remove });",
          "app.decorate('removeTask', async function (id: string) { return remove('Tasks', { id }); });",
        )
        .replace("app.store.remove('Tasks', { id: request.query.id })", 'app.removeTask(request.query.id)'),
      'unscopedKey',
    ),
    // The member declared in the app's own \`.d.ts\`, the value given in its plugin's file.
    {
      ...invalidAt(
        readFileSync(decoratedRoutes, 'utf8')
          .replace("{ id: 'constant' });", '{ id: request.query.id }); // ✗')
          .replace('async () =>', 'async (request) =>'),
        'unscopedKey',
      ),
      filename: decoratedRoutes,
    },
    // A file that reads the member without importing the file that gives it its value.
    {
      ...invalidAt(
        readFileSync(decoratedTasks, 'utf8').replace("{ id: 'constant' });", '{ id: request.query.id }); // ✗'),
        'unscopedKey',
      ),
      filename: decoratedTasks,
    },
  ],
});
