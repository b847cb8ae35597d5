import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { js, lambdaJs } from './framework-headers.js';

/**
 * Plain-JavaScript Lambda handlers whose event parameter is neither typed nor named `event`: an
 * exported handler whose first parameter reads what only an API Gateway event has
 * (`pathParameters`, `queryStringParameters`, `requestContext`, `body` with `headers`) is a request
 * handler, whatever the parameter is called and also when it is destructured. A helper the program
 * calls itself is decided by its callers, and a function that is not exported is not a handler.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string) => ({ ...invalidAt(`${lambdaJs}${code}`, 'unscopedKey' as const), filename: js });
const good = (code: string) => ({ code: `${lambdaJs}${code}`, filename: js });

ruleTester.run('no-unscoped-key (untyped Lambda handlers)', rule, {
  valid: [
    // Not exported: nothing hands it an event.
    good(`
const getById = async ({ pathParameters: { id } }) => {
  const r = await doc.get({ TableName: 'users', Key: { userId: id } }).promise();
  return { statusCode: 200, body: JSON.stringify(r.Item) };
};`),
    // A helper the handler calls with a server-side value: its callers decide.
    good(`
const load = async (e) => {
  const r = await doc.get({ TableName: 'users', Key: { userId: e.pathParameters.id } }).promise();
  return r.Item;
};
exports.handler = async () => {
  const item = await load({ pathParameters: { id: 'fixed' } });
  return { statusCode: 200, body: JSON.stringify(item) };
};`),
    // An exported function whose parameter reads nothing an API Gateway event has.
    good(`
exports.worker = async ({ Records }) => {
  for (const record of Records) await doc.delete({ TableName: 'users', Key: { userId: record.body } }).promise();
};`),
    // The body alone is no API Gateway event (a queue message has one too).
    good(`
exports.worker = async (message) => {
  await doc.delete({ TableName: 'users', Key: { userId: JSON.parse(message.body).id } }).promise();
};`),
    // The authorizer's claims are the caller, also through a destructured event.
    good(`
exports.mine = async ({ requestContext }) => {
  const r = await doc.get({ TableName: 'users', Key: { userId: requestContext.authorizer.claims.sub } }).promise();
  return { statusCode: 200, body: JSON.stringify(r.Item) };
};`),
  ],
  invalid: [
    // The destructured event of the audit (fresh-b repro 4).
    bad(`
exports.getById = async ({ pathParameters: { id } }, context, callback) => {
  const r = await doc.get({ TableName: 'users', Key: { userId: id } }).promise(); // ✗
  callback(null, { statusCode: 200, body: JSON.stringify({ name: r.Item.name }) });
};`),
    // Another name for the event.
    bad(`
module.exports.remove = async (e) => {
  await doc.delete({ TableName: 'users', Key: { userId: e.pathParameters.id } }).promise(); // ✗
  return { statusCode: 204 };
};`),
    bad(`
async function list(request) {
  const { owner } = request.queryStringParameters;
  const r = await doc.query({ TableName: 'notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': owner } }).promise(); // ✗
  return { statusCode: 200, body: JSON.stringify(r.Items) };
}
module.exports = { list };`),
    // The body read beside the headers; the handler exported through a wrapping call.
    bad(`
const middy = (fn) => fn;
const update = async (req) => {
  const token = req.headers.authorization;
  const { id } = JSON.parse(req.body);
  await doc.delete({ TableName: 'users', Key: { userId: id } }).promise(); // ✗
  return { statusCode: 204, body: token ? '' : 'anonymous' };
};
exports.update = middy(update);`),
    // An exported handler destructuring the query string.
    bad(`
exports.search = async function ({ queryStringParameters }) {
  const r = await doc.get({ TableName: 'users', Key: { userId: queryStringParameters.id } }).promise(); // ✗
  return { statusCode: 200, body: JSON.stringify(r.Item) };
};`),
  ],
});
