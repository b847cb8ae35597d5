import unscoped from '../../rules/no-unscoped-key.js';
import injection from '../../rules/no-expression-injection.js';
import raw from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

// A client method named by a constant, directly or through a parameter whose callers pass
// constants, is that method: `client[action](params)` in the serverless-stack tutorial's
// `call('update', params)` helper is an update for that caller. A name that is no constant, or no
// method of the client, is no access.
const ruleTester = createRuleTesterWithTypes();
const js = 'plain.js';

const helper = `import AWS from 'aws-sdk';
export function call(action, params) {
  const dynamoDb = new AWS.DynamoDB.DocumentClient();
  return dynamoDb[action](params).promise();
}
`;

const typedHelper = `${expressHeader}const doc = DynamoDBDocument.from(new DynamoDBClient({}));
async function run(action: 'get' | 'put' | 'update', params: any): Promise<any> {
  return (doc[action] as (input: unknown) => Promise<unknown>)(params);
}
`;

ruleTester.run('no-unscoped-key (client methods chosen by name)', auditMode(unscoped), {
  valid: [
    // The caller's own key through the helper.
    {
      code: `${helper}export const get = async (event) => {
  const out = await call('get', { TableName: 'notes', Key: { userId: event.requestContext.authorizer.claims.sub } });
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};
`,
      filename: js,
    },
    // A name that is no client method is no access.
    {
      code: `${helper}export const make = async (event) => {
  await call('createSet', { TableName: 'notes', Key: { noteId: event.pathParameters.id } });
  return { statusCode: 204, body: '' };
};
`,
      filename: js,
    },
    // A name that is no constant is no access.
    {
      code: `${helper}export const any = async (event) => {
  await call(event.queryStringParameters.op, { TableName: 'notes', Key: { noteId: event.pathParameters.id } });
  return { statusCode: 204, body: '' };
};
`,
      filename: js,
    },
    // An object that is no client, its method chosen the same way.
    `${expressHeader}const handlers = { get: async (input: unknown) => input, put: async (input: unknown) => input };
async function dispatch(action: 'get' | 'put', params: unknown) { return handlers[action](params); }
app.get('/notes/:id', async (req, res) => { res.json(await dispatch('get', { TableName: 'notes', Key: { noteId: req.params.id } })); });
`,
  ],
  invalid: [
    // Each caller runs the method it names: a get reads `Key`, a put writes `Item`, a query binds its values.
    {
      ...invalidAt(
        `${helper}export const get = async (event) => {
  const out = await call('get', { TableName: 'notes', Key: { noteId: event.pathParameters.id } }); // ✗
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};
export const create = async (event) => {
  const data = JSON.parse(event.body);
  await call('put', { TableName: 'notes', Item: { noteId: data.noteId, text: data.text } }); // ✗
  return { statusCode: 204, body: '' };
};
export const list = async (event) => {
  const out = await call('query', {
    TableName: 'notes',
    KeyConditionExpression: 'userId = :u',
    ExpressionAttributeValues: { ':u': event.queryStringParameters.user }, // ✗
  });
  return { statusCode: 200, body: JSON.stringify(out.Items) };
};
`,
        'unscopedKey',
      ),
      filename: js,
    },
    // A typed DocumentClient (v3) through a parameter typed as its method names.
    invalidAt(
      `${typedHelper}app.put('/notes/:id', async (req, res) => {
  await run('put', { TableName: 'notes', Item: { noteId: req.params.id, text: 'x' } }); // ✗
  res.json(await run('get', { TableName: 'notes', Key: { noteId: req.params.id } })); // ✗
});
`,
      'unscopedKey',
    ),
  ],
});

ruleTester.run('no-expression-injection (client methods chosen by name)', injection, {
  valid: [
    {
      code: `${helper}export const update = async (event) => {
  const body = JSON.parse(event.body);
  await call('update', { TableName: 'notes', Key: { noteId: 'n1' }, UpdateExpression: 'SET title = :t', ExpressionAttributeValues: { ':t': body.title } });
  return { statusCode: 204, body: '' };
};
`,
      filename: js,
    },
  ],
  invalid: [
    {
      ...invalidAt(
        `${helper}export const update = async (event) => {
  const body = JSON.parse(event.body);
  const sets = Object.keys(body).map((k) => k + ' = :v').join(', ');
  await call('update', { TableName: 'notes', Key: { noteId: 'n1' }, UpdateExpression: 'SET ' + sets, ExpressionAttributeValues: { ':v': 1 } }); // ✗
  return { statusCode: 204, body: '' };
};
`,
        'expressionInjection',
      ),
      filename: js,
    },
  ],
});

ruleTester.run('no-raw-item-response (client methods chosen by name)', auditMode(raw), {
  valid: [],
  invalid: [
    {
      ...invalidAt(
        `${helper}export const get = async (event) => {
  const out = await call('get', { TableName: 'notes', Key: { noteId: event.pathParameters.id } });
  return { statusCode: 200, body: JSON.stringify(out.Item) }; // ✗
};
`,
        'rawItem',
      ),
      filename: js,
    },
  ],
});
