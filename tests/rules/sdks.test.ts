import baseRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Every modelled SDK and operation: the v3 low-level client, SDK v2, batch, transact, PartiQL, paginators.
 * The rule runs in audit mode: these cases are about recognising the access, not the evidence
 * around it (tests/rules/evidence*.test.ts).
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import {
  DynamoDB, GetItemCommand, PutItemCommand, QueryCommand as RawQueryCommand, ExecuteStatementCommand as RawStatementCommand,
  BatchWriteItemCommand, TransactGetItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand, BatchWriteCommand, TransactGetCommand, TransactWriteCommand, ExecuteStatementCommand,
  BatchExecuteStatementCommand, ExecuteTransactionCommand, paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import AWS from 'aws-sdk';
const raw = new DynamoDBClient({});
const aggregated = new DynamoDB({});
const v2 = new AWS.DynamoDB.DocumentClient();
const v2raw = new AWS.DynamoDB();
`;
const code = (body: string) => header + body;
const invalid = (body: string) => invalidAt(code(body), 'unscopedKey' as const);

ruleTester.run('no-unscoped-key (sdks)', rule, {
  valid: [
    code(`
app.get('/me', async (req, res) => {
  const out = await raw.send(new GetItemCommand({ TableName: 'Users', Key: { userId: { S: req.user!.sub } } }));
  const again = await aggregated.getItem({ TableName: 'Users', Key: marshall({ userId: req.user!.sub }) });
  res.json([out.Item, again.Item]);
});`),
    code(`
app.get('/me/v2', async (req, res) => {
  const out = await v2.get({ TableName: 'Users', Key: { userId: req.user!.sub } }).promise();
  const items = await v2raw.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': { S: req.user!.sub } } }).promise();
  res.json([out.Item, items.Items]);
});`),
    // Batch and transact items keyed by the caller.
    code(`
app.post('/me/batch', async (req, res) => {
  const ids: string[] = req.body.ids;
  const out = await ddb.send(new BatchGetCommand({
    RequestItems: { Notes: { Keys: ids.map((noteId) => ({ ownerId: req.user!.sub, noteId })) } },
  }));
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: 'n1', text: String(req.body.text) } } },
      { Delete: { TableName: 'Drafts', Key: { ownerId: req.user!.sub, draftId: String(req.body.draftId) } } },
    ],
  }));
  res.json(out.Responses);
});`),
    // PartiQL with the caller bound in the WHERE clause; INSERT creates.
    code(`
app.get('/me/orders/:orderId', async (req, res) => {
  const out = await ddb.send(new ExecuteStatementCommand({
    Statement: 'SELECT * FROM "Orders" WHERE ownerId = ? AND orderId = ?',
    Parameters: [req.user!.sub, req.params.orderId],
  }));
  await ddb.send(new ExecuteStatementCommand({ Statement: "INSERT INTO \\"Handles\\" VALUE {'handle': ?, 'ownerId': ?}", Parameters: [req.params.orderId, req.user!.sub] }));
  res.json(out.Items);
});`),
    // Paginated queries keyed by the caller.
    code(`
app.get('/me/events', async (req, res) => {
  const items: unknown[] = [];
  for await (const page of paginateQuery({ client: ddb }, { TableName: 'Events', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': req.user!.sub } })) {
    items.push(...(page.Items ?? []));
  }
  res.json(items);
});`),
  ],
  invalid: [
    invalid(`
app.get('/users/:id', async (req, res) => {
  const out = await raw.send(new GetItemCommand({ TableName: 'Users', Key: { userId: { S: req.params.id } } })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/users2/:id', async (req, res) => {
  const out = await aggregated.getItem({ TableName: 'Users', Key: marshall({ userId: req.params.id }) }); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/orders', async (req, res) => {
  const out = await raw.send(new RawQueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'customerId = :c',
    ExpressionAttributeValues: { ':c': { S: String(req.query.customer) } }, // ✗
  }));
  res.json(out.Items);
});`),
    invalid(`
app.put('/items/:id', async (req, res) => {
  await raw.send(new PutItemCommand({ TableName: 'Items', Item: { id: { S: req.params.id }, body: { S: String(req.body.text) } } })); // ✗
  res.sendStatus(204);
});`),
    // SDK v2, with .promise() and with a callback.
    invalid(`
app.get('/v2/:id', async (req, res) => {
  const out = await v2.get({ TableName: 'Users', Key: { userId: req.params.id } }).promise(); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.delete('/v2/:id', (req, res) => {
  v2.delete({ TableName: 'Users', Key: { userId: req.params.id } }, (err) => (err ? res.sendStatus(500) : res.sendStatus(204))); // ✗
});`),
    invalid(`
app.get('/v2raw/:id', async (req, res) => {
  const out = await v2raw.getItem({ TableName: 'Users', Key: { userId: { S: req.params.id } } }).promise(); // ✗
  res.json(out.Item);
});`),
    // Batch reads and writes: every client-chosen key.
    invalid(`
app.post('/batch', async (req, res) => {
  const ids: string[] = req.body.ids;
  const out = await ddb.send(new BatchGetCommand({ RequestItems: { Notes: { Keys: ids.map((noteId) => ({ noteId })) } } })); // ✗
  res.json(out.Responses);
});`),
    invalid(`
app.post('/batch-delete', async (req, res) => {
  await ddb.send(new BatchWriteCommand({
    RequestItems: {
      Notes: [
        { DeleteRequest: { Key: { noteId: req.body.a } } }, // ✗
        { DeleteRequest: { Key: { noteId: req.body.b } } }, // ✗
      ],
    },
  }));
  res.sendStatus(204);
});`),
    invalid(`
app.post('/raw-batch', async (req, res) => {
  await raw.send(new BatchWriteItemCommand({ RequestItems: { Notes: [{ PutRequest: { Item: { noteId: { S: String(req.body.id) }, text: { S: 'x' } } } }] } })); // ✗
  res.sendStatus(204);
});`),
    // Transactions: each item is an access of its own.
    invalid(`
app.post('/transfer', async (req, res) => {
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Accounts', Key: { accountId: req.body.from }, UpdateExpression: 'SET b = b - :a', ExpressionAttributeValues: { ':a': 1 } } }, // ✗
      { Update: { TableName: 'Accounts', Key: { accountId: req.user!.sub }, UpdateExpression: 'SET b = b + :a', ExpressionAttributeValues: { ':a': 1 } } },
    ],
  }));
  res.sendStatus(204);
});`),
    invalid(`
app.get('/pair', async (req, res) => {
  const out = await ddb.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: 'Notes', Key: { noteId: req.query.a } } }] })); // ✗
  const raw2 = await raw.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'Notes', Key: { noteId: { S: String(req.query.b) } } } }] })); // ✗
  res.json([out.Responses, raw2.Responses]);
});`),
    // PartiQL: WHERE parameters on key attributes.
    invalid(`
app.get('/orders/:orderId', async (req, res) => {
  const out = await ddb.send(new ExecuteStatementCommand({
    Statement: 'SELECT * FROM "Orders" WHERE orderId = ?',
    Parameters: [req.params.orderId], // ✗
  }));
  res.json(out.Items);
});`),
    invalid(`
app.delete('/orders/:orderId', async (req, res) => {
  await raw.send(new RawStatementCommand({ Statement: 'DELETE FROM "Orders" WHERE orderId = ?', Parameters: [{ S: req.params.orderId }] })); // ✗
  res.sendStatus(204);
});`),
    invalid(`
app.post('/orders/close', async (req, res) => {
  const ids: string[] = req.body.ids;
  await ddb.send(new BatchExecuteStatementCommand({
    Statements: ids.map((id) => ({ Statement: 'UPDATE "Orders" SET closed = true WHERE orderId = ?', Parameters: [id] })), // ✗
  }));
  await ddb.send(new ExecuteTransactionCommand({
    TransactStatements: [{ Statement: 'DELETE FROM "Carts" WHERE cartId = ?', Parameters: [req.body.cartId] }], // ✗
  }));
  res.sendStatus(204);
});`),
    invalid(`
app.get('/events', async (req, res) => {
  const pages = paginateQuery({ client: ddb }, { TableName: 'Events', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': req.query.user } }); // ✗
  const items: unknown[] = [];
  for await (const page of pages) items.push(...(page.Items ?? []));
  res.json(items);
});`),
  ],
});
