import path from 'node:path';
import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/** Sources of other frameworks, plain JavaScript, and the shared settings (configured sources and wrappers). */
const ruleTester = createRuleTesterWithTypes();
const js = path.join(fixturesDir, 'plain.js');
const bundler = path.join(fixturesDir, 'bundler/file.ts');
const docClient = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand, ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;
const inHouse = `${expressHeader}
export function routeArg(req: Request, name: string): string { return String(req.params[name]); }
export const db = {
  async list(table: string, owner: string) {
    return (await ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': owner } }))).Items;
  },
};
`;
const settings = {
  'dynamodb-security': {
    sources: [{ callee: { from: 'file', path: 'file.ts', name: 'routeArg' }, sourceType: 'route parameter' }],
    sinks: [{ callee: { from: 'file', path: 'file.ts', name: 'list' }, operation: 'query', table: 0, key: 1 }],
  },
};

ruleTester.run('no-expression-injection (frameworks and settings)', rule, {
  valid: [
    // Lambda: the claims of the authorizer are the caller's, not client text.
    `import type { APIGatewayProxyEvent } from 'aws-lambda';
${docClient}
export const mine = async (event: APIGatewayProxyEvent) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: 'color = :c', ExpressionAttributeValues: { ':o': event.requestContext.authorizer?.claims.sub, ':c': event.queryStringParameters?.color } }));
  return { statusCode: 200, body: JSON.stringify(out.Count) };
};`,
    // A configured wrapper called with a constant table.
    {
      code: `${inHouse}app.get('/notes', async (req, res) => { res.json(await db.list('Notes', req.user!.sub)); });`,
      settings,
    },
  ],
  invalid: [
    // Lambda behind API Gateway (REST and HTTP API).
    injectionsAt(`import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
${docClient}
export const search = async (event: APIGatewayProxyEvent) => {
  const q = event.queryStringParameters?.q ?? '';
  const out = await ddb.send(new ScanCommand({ TableName: 'Public', FilterExpression: \`contains(title, \${q})\` })); // ✗ expression+
  return { statusCode: 200, body: JSON.stringify(out.Count) };
};
export const byTable = async (event: APIGatewayProxyEventV2) => {
  const body = JSON.parse(event.body ?? '{}');
  const out = await ddb.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM ' + body.table })); // ✗ statement
  return { statusCode: 200, body: JSON.stringify(out.Items?.length) };
};`),
    // Koa.
    injectionsAt(`import Router from '@koa/router';
${docClient}const router = new Router();
router.get('/projects', async (ctx) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Projects', IndexName: String(ctx.query.index), KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ctx.state.user.sub } })); // ✗ selector
  ctx.body = out.Count;
});`),
    // Plain JavaScript: an untyped Lambda event and SDK v2.
    {
      ...injectionsAt(`const AWS = require('aws-sdk');
const doc = new AWS.DynamoDB.DocumentClient();
exports.handler = async (event) => {
  const out = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ProjectionExpression: event.queryStringParameters.fields, ExpressionAttributeValues: { ':o': 'x' } }).promise(); // ✗ attributeName
  return { statusCode: 200, body: JSON.stringify(out.Count) };
};`),
      filename: js,
    },
    // Hono, with bundler resolution.
    {
      ...injectionsAt(`import { Hono } from 'hono';
${docClient}const app = new Hono();
app.get('/search', async (c) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Public', FilterExpression: 'contains(title, ' + c.req.query('q') + ')' })); // ✗ expression
  return c.json(out.Count);
});`),
      filename: bundler,
    },
    // A configured source spliced in, and a configured wrapper's table argument.
    {
      ...injectionsAt(`${inHouse}app.get('/t/:table', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: \`ownerId = :o AND begins_with(sk, \${routeArg(req, 'prefix')})\`, ExpressionAttributeValues: { ':o': req.user!.sub } })); // ✗ expression+
  res.json([out.Items, await db.list(req.params.table, req.user!.sub)]); // ✗ selector
});`),
      settings,
    },
  ],
});
