import unscoped from '../../rules/no-unscoped-key.js';
import path from 'node:path';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient, js, lambdaJs } from './framework-headers.js';

/**
 * AppSync code recognised by its shape, not by a package name in its text: an APPSYNC_JS
 * resolver's exported `request(ctx)` returns a DynamoDB request literal with or without the utils
 * import (`util` is a runtime global); a Lambda data source's exported handler reads the resolver
 * event's `arguments` whatever its parameter is called.
 */
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string, filename = js) => ({ ...invalidAt(code, 'unscopedKey' as const), filename });
const good = (code: string, filename = js) => ({ code, filename });

const typed = path.join(fixturesDir, 'file.ts');
const expressJs = `const express = require('express');
const app = express();
`;

ruleTester.run('no-unscoped-key (AppSync resolver shapes)', auditMode(unscoped), {
  valid: [
    // A comment naming the utils package imports nothing: this literal is an Express response, no request.
    good(`${expressJs}// shaped like '@aws-appsync/utils' requests
app.get('/r/:id', (req, res) => {
  res.json({ operation: 'GetItem', key: { id: req.params.id } });
});`),
    // An exported \`request\` that does not return the literal: it only logs it.
    good(`export function request(ctx) {
  console.log({ operation: 'GetItem', key: { id: ctx.args.id } });
  return { method: 'GET', resourcePath: '/items' };
}`),
    // A Lambda reading the function's own \`arguments\` object: no parameter's member, no AppSync event.
    good(`${lambdaJs}
exports.handler = async function (input) {
  const args = arguments;
  return (await doc.get({ TableName: 'Members', Key: { memberId: args.length } }).promise()).Item;
};`),
    // A helper the module calls itself is no handler, whatever it reads.
    good(`${lambdaJs}
async function load(payload) {
  return (await doc.get({ TableName: 'Members', Key: { memberId: payload.arguments.memberId } }).promise()).Item;
}
exports.handler = async () => load({ arguments: { memberId: 'fixed' } });`),
    // A typed parameter with an \`arguments\` member but not the event's shape (no \`info\`).
    good(
      `${docClient}
export const run = async (command: { arguments: string[] }) =>
  (await ddb.send(new GetCommand({ TableName: 'Jobs', Key: { jobId: command.arguments[0] } }))).Item;`,
      typed,
    ),
  ],
  invalid: [
    // APPSYNC_JS resolver without the import: the global \`util\`, the request returned.
    bad(`export function request(ctx) {
  return {
    operation: 'Query',
    query: { expression: 'PK = :PK', expressionValues: util.dynamodb.toMapValues({ ':PK': ctx.args.chatId }) }, // ✗
  };
}
export function response(ctx) {
  return ctx.result.items;
}`),
    // An arrow function export, and a request held in a variable it returns.
    bad(
      `export const request = (ctx) => ({ operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) }); // ✗`,
    ),
    bad(`export function request(ctx) {
  const req = { operation: 'DeleteItem', key: { id: { S: ctx.args.id } } }; // ✗
  return ctx.args.soft ? { operation: 'UpdateItem', key: { id: { S: ctx.args.id } } } : req; // ✗
}`),
    // With the import, as before.
    bad(`import { util } from '@aws-appsync/utils';
export function request(ctx) {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) }; // ✗
}`),
    // A Lambda data source whose parameter is not called \`event\`: untyped TypeScript, plain JavaScript, destructured.
    bad(
      `import AWS from 'aws-sdk';
const dynamo = new AWS.DynamoDB.DocumentClient();
export const getMembersChats = async (payload: any) => {
  const memberId = payload.arguments.memberId;
  const out = await dynamo.query({ TableName: 'Members', KeyConditionExpression: 'PK = :m', ExpressionAttributeValues: { ':m': memberId } }).promise(); // ✗
  return out.Items;
};`,
      typed,
    ),
    bad(`${lambdaJs}
const getMembersChats = async (payload) => {
  return (await doc.get({ TableName: 'Members', Key: { memberId: payload.arguments.memberId } }).promise()).Item; // ✗
};
module.exports.handler = getMembersChats;`),
    bad(`${lambdaJs}
exports.handler = async ({ arguments: { memberId } }) =>
  (await doc.get({ TableName: 'Members', Key: { memberId } }).promise()).Item; // ✗`),
  ],
});
