import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { js } from './framework-headers.js';

/**
 * Express on Lambda (`aws-serverless-express/middleware`'s `eventContext()`, the AWS Amplify CLI
 * REST template): the middleware leaves the API Gateway event on `req.apiGateway.event`, whose
 * authorizer claims and Cognito identity are the caller API Gateway verified, as on a Lambda event.
 * The middleware always sets `req.apiGateway` in deployment, so the template's local-development
 * branch (`if (userIdPresent && req.apiGateway) … else key = req.params.userId`, with
 * `const userIdPresent = true`) never runs; with `userIdPresent = false` it is the live one.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const header = `const express = require('express');
const awsServerlessExpressMiddleware = require('aws-serverless-express/middleware');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
app.use(awsServerlessExpressMiddleware.eventContext());
const UNAUTH = 'UNAUTH';
`;
const bad = (code: string) => ({ ...invalidAt(`${header}${code}`, 'unscopedKey' as const), filename: js });
const good = (code: string) => ({ code: `${header}${code}`, filename: js });

/** The Amplify template's get-one route, with its flag and branch condition. */
const template = (flag: string, condition: string, mark = '') => `
const userIdPresent = ${flag};
app.get('/notes/object/:userId/:noteId', async function (req, res) {
  const params = {};
  if (${condition}) {
    params['userId'] = req.apiGateway.event.requestContext.identity.cognitoIdentityId || UNAUTH;
  } else {
    params['userId'] = req.params['userId'];${mark}
  }
  params['noteId'] = req.params['noteId'];${mark}
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: params }));
  res.json(data.Item);
});`;

/** The template's list route: legacy `KeyConditions` built over several statements. */
const listTemplate = (flag: string, mark = '') => `
const userIdPresent = ${flag};
app.get('/notes/:userId', async function (req, res) {
  const condition = {};
  condition['userId'] = { ComparisonOperator: 'EQ' };
  if (userIdPresent && req.apiGateway) {
    condition['userId']['AttributeValueList'] = [req.apiGateway.event.requestContext.identity.cognitoIdentityId || UNAUTH];
  } else {
    condition['userId']['AttributeValueList'] = [req.params['userId']];${mark}
  }
  const data = await ddb.send(new QueryCommand({ TableName: 'notes', KeyConditions: condition }));
  res.json(data.Items);
});`;

ruleTester.run('no-unscoped-key (Express on Lambda: req.apiGateway.event)', rule, {
  valid: [
    // The Cognito identity pool's id of an IAM-authorised call (Amplify `getUserId(req)`).
    good(`
const getUserId = (req) => req.apiGateway.event.requestContext.identity.cognitoIdentityId;
app.get('/notes/:noteId', async function (req, res) {
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId: getUserId(req), noteId: req.params.noteId } }));
  res.json(data.Item);
});`),
    // A Cognito user pool authorizer's claims.
    good(`
app.get('/notes/:noteId', async function (req, res) {
  const { claims } = req.apiGateway.event.requestContext.authorizer;
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId: claims['cognito:username'], noteId: req.params.noteId } }));
  res.json(data.Item);
});`),
    good(`
app.get('/notes/:noteId', async function (req, res) {
  const userId = req.apiGateway.event.requestContext.authorizer.claims.sub || UNAUTH;
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId, noteId: req.params.noteId } }));
  res.json(data.Item);
});`),
    // The template: its request branch runs only without the middleware (local development).
    good(template('true', 'userIdPresent && req.apiGateway')),
    good(template('true', 'req.apiGateway')),
    good(listTemplate('true')),
    // The verbatim template: the get's input is held in a variable, which still tells the table's keys.
    good(`
const userIdPresent = true;
app.get('/notes/object/:userId/:noteId', async function (req, res) {
  const params = {};
  params['userId'] = req.apiGateway.event.requestContext.identity.cognitoIdentityId || UNAUTH;
  params['noteId'] = req.params['noteId'];
  let getItemParams = { TableName: 'notes', Key: params };
  const data = await ddb.send(new GetCommand(getItemParams));
  res.json({ title: data.Item.title });
});
app.put('/notes', async function (req, res) {
  if (userIdPresent) {
    req.body['userId'] = req.apiGateway.event.requestContext.identity.cognitoIdentityId || UNAUTH;
  }
  let putItemParams = { TableName: 'notes', Item: req.body };
  await ddb.send(new PutCommand(putItemParams));
  res.json({ ok: true });
});`),
    // The table's keys come from the template's own KeyConditions built over several statements:
    // the put's body owner is overwritten, its other key is the caller's own item.
    good(`${listTemplate('true')}
app.put('/notes', async function (req, res) {
  if (userIdPresent) {
    req.body['userId'] = req.apiGateway.event.requestContext.identity.cognitoIdentityId || UNAUTH;
  }
  await ddb.send(new PutCommand({ TableName: 'notes', Item: req.body }));
  res.json({ ok: true });
});`),
    // The template's put: the body's owner is overwritten with the identity first.
    good(`
const userIdPresent = true;
app.get('/notes/:userId', async function (req, res) {
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId: req.apiGateway.event.requestContext.identity.cognitoIdentityId, noteId: 'x' } }));
  res.json(data.Item);
});
app.put('/notes', async function (req, res) {
  if (userIdPresent) {
    req.body['userId'] = req.apiGateway.event.requestContext.identity.cognitoIdentityId || UNAUTH;
  }
  await ddb.send(new PutCommand({ TableName: 'notes', Item: req.body }));
  res.json({ ok: true });
});`),
  ],
  invalid: [
    // With the flag off the request branch is the live one.
    bad(template('false', 'userIdPresent && req.apiGateway', ' // ✗')),
    bad(listTemplate('false', ' // ✗')),
    // A condition that depends on the request: either branch may run.
    bad(template('true', "userIdPresent && req.headers['x-mine']", ' // ✗')),
    // The event's path parameters are request data, like `req.params`.
    bad(`
app.get('/notes/:userId', async function (req, res) {
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId: req.apiGateway.event.pathParameters.userId } })); // ✗
  res.json(data.Item);
});`),
    // A fallback the client chooses is no constant.
    bad(`
app.get('/notes', async function (req, res) {
  const userId = req.apiGateway.event.requestContext.identity.cognitoIdentityId || req.query.userId;
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId } })); // ✗
  res.json(data.Item);
});`),
    // The overwrite may not run, or runs after the put: the body's owner reaches the item.
    bad(`
app.get('/notes/:userId', async function (req, res) {
  const data = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId: req.apiGateway.event.requestContext.identity.cognitoIdentityId, noteId: 'x' } }));
  res.json(data.Item);
});
app.put('/notes', async function (req, res) {
  if (req.query.mine) req.body.userId = req.apiGateway.event.requestContext.identity.cognitoIdentityId;
  await ddb.send(new PutCommand({ TableName: 'notes', Item: req.body })); // ✗
  req.body.userId = req.apiGateway.event.requestContext.identity.cognitoIdentityId;
  res.json({ ok: true });
});`),
  ],
});
