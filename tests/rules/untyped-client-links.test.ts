import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { js } from './framework-headers.js';

/**
 * SPEC §3, shape fallback: a client whose type is `any` (a plain-JavaScript parameter) is the
 * client its callers pass, at its position or under its name in a destructured options object, or
 * the client a GraphQL server's context function built for a resolver; a call is what its callee
 * returns. A parameter that receives anything else is no client.
 */
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string) => ({ ...invalidAt(code, 'unscopedKey' as const), filename: js });
const good = (code: string) => ({ code, filename: js });

const express = `const AWS = require('aws-sdk');
const express = require('express');
const app = express();
`;

const apollo = `const { ApolloServer } = require('apollo-server-lambda');
const AWS = require('aws-sdk');
const getUserId = ({ headers }) => headers['X-User-Id'] || '';
`;

ruleTester.run('no-unscoped-key (untyped clients passed through parameters)', auditMode(rule), {
  valid: [
    // The parameter receives an object with its own `get`: no DynamoDB client.
    good(`${express}
const cache = { get(params) { return { promise: async () => ({ Item: params.Key }) }; } };
async function findNote(db, noteId) {
  return (await db.get({ TableName: 'Notes', Key: { noteId } }).promise()).Item;
}
app.get('/notes/:id', async (req, res) => {
  res.json(await findNote(cache, req.params.id));
});`),
    // The same through a destructured options object.
    good(`${express}
const store = { query: (params) => ({ promise: async () => ({ Items: [params] }) }) };
const listNotes = async ({ db, ownerId }) =>
  (await db.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } }).promise()).Items;
app.get('/notes', async (req, res) => {
  res.json(await listNotes({ db: store, ownerId: req.query.owner }));
});`),
    // Another package's DocumentClient, passed in, is not the SDK's.
    good(`${express}
const Other = require('not-the-sdk');
async function findNote(db, noteId) {
  return (await db.get({ TableName: 'Notes', Key: { noteId } }).promise()).Item;
}
app.get('/notes/:id', async (req, res) => {
  res.json(await findNote(new Other.DynamoDB.DocumentClient(), req.params.id));
});`),
    // A resolver context whose `db` the context function built as something else.
    good(`${apollo}
const getProducts = async ({ db, userId }) =>
  (await db.query({ TableName: 'Products', KeyConditionExpression: '#u = :u', ExpressionAttributeNames: { '#u': 'userId' }, ExpressionAttributeValues: { ':u': userId } }).promise()).Items;
const makeCache = () => ({ query: () => ({ promise: async () => ({ Items: [] }) }) });
const resolvers = {
  Query: { products: async (parent, args, { db, userId }) => getProducts({ db, userId }) },
};
const server = new ApolloServer({ typeDefs: '', resolvers, context: ({ event }) => ({ userId: getUserId(event), db: makeCache() }) });
exports.handler = server.createHandler();`),
  ],
  invalid: [
    // The client is an argument: the parameter is the client its caller passes.
    bad(`${express}
const doc = new AWS.DynamoDB.DocumentClient();
async function findNote(db, noteId) {
  return (await db.get({ TableName: 'Notes', Key: { noteId } }).promise()).Item;
}
app.get('/notes/:id', async (req, res) => {
  res.json(await findNote(doc, req.params.id)); // ✗
});`),
    // Through a destructured options object, the client under its own name (shorthand) or another.
    bad(`${express}
const makeClient = () => new AWS.DynamoDB.DocumentClient();
const listNotes = async ({ db, ownerId }) =>
  (await db.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } }).promise()).Items;
app.get('/notes', async (req, res) => {
  const db = makeClient();
  res.json(await listNotes({ db, ownerId: req.query.owner })); // ✗
});`),
    bad(`${express}
const deps = { client: new AWS.DynamoDB.DocumentClient() };
function removeNote(options) {
  return options.db.delete({ TableName: 'Notes', Key: { noteId: options.noteId } }).promise();
}
app.delete('/notes/:id', async (req, res) => {
  await removeNote({ db: deps.client, noteId: req.params.id }); // ✗
  res.sendStatus(204);
});`),
    // The resolver's context \`db\` is what the server's context function built: a client made in a helper.
    bad(`${apollo}
const getDynamoClient = (event) => {
  if (event.isOffline) return new AWS.DynamoDB.DocumentClient({ endpoint: 'http://localhost:8000' });
  return new AWS.DynamoDB.DocumentClient();
};
const getProducts = async ({ db, userId }) =>
  (await db.query({ TableName: 'Products', KeyConditionExpression: '#u = :u', ExpressionAttributeNames: { '#u': 'userId' }, ExpressionAttributeValues: { ':u': userId } }).promise()).Items;
const resolvers = {
  Query: {
    products: async (parent, args, { db, userId }) => getProducts({ db, userId }), // ✗
    product: async (parent, { id }, ctx) => (await ctx.db.get({ TableName: 'Products', Key: { id, userId: ctx.userId } }).promise()).Item, // ✗ ✗
  },
};
const server = new ApolloServer({ typeDefs: '', resolvers, context: ({ event }) => ({ userId: getUserId(event), db: getDynamoClient(event) }) });
exports.handler = server.createHandler();`),
  ],
});
