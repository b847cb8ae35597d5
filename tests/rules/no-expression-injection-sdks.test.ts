import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/** The injection positions on every modelled SDK: v3 low-level commands and client, paginators, SDK v2, batch, transact, PartiQL. */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import {
  DynamoDB, GetItemCommand, QueryCommand as RawQueryCommand, ScanCommand as RawScanCommand, UpdateItemCommand,
  ExecuteStatementCommand as RawStatementCommand, BatchExecuteStatementCommand as RawBatchStatementCommand,
  TransactWriteItemsCommand, BatchGetItemCommand, paginateScan as paginateRawScan,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand, BatchWriteCommand, TransactGetCommand, TransactWriteCommand, ExecuteStatementCommand,
  BatchExecuteStatementCommand, ExecuteTransactionCommand, paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import AWS from 'aws-sdk';
const raw = new DynamoDBClient({});
const aggregated = new DynamoDB({});
const v2 = new AWS.DynamoDB.DocumentClient();
const v2raw = new AWS.DynamoDB();
`;
const code = (body: string) => header + body;
const invalid = (body: string) => injectionsAt(code(body));

ruleTester.run('no-expression-injection (sdks)', rule, {
  valid: [
    // Every SDK with constant expressions and bound values.
    code(`
app.get('/me/all', async (req, res) => {
  const a = await raw.send(new RawQueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: 'color = :c', ExpressionAttributeValues: { ':o': { S: req.user!.sub }, ':c': { S: String(req.query.color) } } }));
  const b = await aggregated.executeStatement({ Statement: 'SELECT * FROM "Notes" WHERE ownerId = ? AND color = ?', Parameters: [{ S: req.user!.sub }, { S: String(req.query.color) }] });
  const c = await v2.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub, ':c': req.query.color } }).promise();
  const d = await v2raw.scan({ TableName: 'Public', FilterExpression: 'tag = :t', ExpressionAttributeValues: { ':t': { S: String(req.query.tag) } } }).promise();
  const e = await ddb.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: 'UPDATE "Notes" SET color = ? WHERE ownerId = ? AND noteId = ?', Parameters: [req.body.color, req.user!.sub, req.body.noteId] }] }));
  res.json([a.Items, b.Items, c.Items, d.Items, e.Responses]);
});`),
    // Batch and transaction items with constant tables and projections.
    code(`
app.post('/me/batch', async (req, res) => {
  const ids: string[] = req.body.ids;
  const out = await ddb.send(new BatchGetCommand({
    RequestItems: { Notes: { Keys: ids.map((noteId) => ({ ownerId: req.user!.sub, noteId })), ProjectionExpression: 'noteId, title' } },
  }));
  await ddb.send(new TransactWriteCommand({
    TransactItems: ids.map((noteId) => ({ Update: { TableName: 'Notes', Key: { ownerId: req.user!.sub, noteId }, UpdateExpression: 'SET archived = :t', ExpressionAttributeValues: { ':t': true } } })),
  }));
  res.json(out.Responses);
});`),
  ],
  invalid: [
    // @aws-sdk/client-dynamodb commands.
    invalid(`
app.get('/raw/:id', async (req, res) => {
  const item = await raw.send(new GetItemCommand({ TableName: 'Notes', Key: { id: { S: req.params.id } }, ProjectionExpression: \`id, \${req.query.extra}\` })); // ✗ attributeName
  const found = await raw.send(new RawQueryCommand({
    TableName: 'Notes',
    KeyConditionExpression: 'ownerId = :o',
    FilterExpression: \`color = \${String(req.query.color)}\`, // ✗ expression+
    ExpressionAttributeValues: { ':o': { S: req.user!.sub } },
  }));
  await raw.send(new UpdateItemCommand({ TableName: 'Notes', Key: { id: { S: req.params.id } }, UpdateExpression: 'SET #f = :v', ExpressionAttributeNames: { '#f': String(req.body.field) }, ExpressionAttributeValues: { ':v': { S: 'x' } } })); // ✗ attributeName
  const scanned = await raw.send(new RawScanCommand({ TableName: 'Public', IndexName: req.query.index as string })); // ✗ selector
  res.json([item.Item, found.Items, scanned.Items]);
});`),
    // The aggregated DynamoDB client and its PartiQL methods.
    invalid(`
app.get('/agg/:table', async (req, res) => {
  const out = await aggregated.query({ TableName: req.params.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: req.user!.sub } } }); // ✗ selector
  const rows = await aggregated.executeStatement({ Statement: \`SELECT * FROM "Notes" WHERE color = '\${String(req.query.color)}'\` }); // ✗ statement+
  res.json([out.Items, rows.Items]);
});`),
    // PartiQL commands of both v3 packages, batch and transaction lists included.
    invalid(`
app.post('/partiql', async (req, res) => {
  const one = await ddb.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "Notes" WHERE noteId = ' + req.body.noteId })); // ✗ statement
  const raws = await raw.send(new RawStatementCommand({ Statement: req.body.statement })); // ✗ statement
  await ddb.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: \`DELETE FROM "Notes" WHERE noteId = '\${req.body.noteId}'\` }] })); // ✗ statement
  await raw.send(new RawBatchStatementCommand({ Statements: req.body.ids.map((id: string) => ({ Statement: \`SELECT * FROM "Notes" WHERE noteId = '\${id}'\` })) })); // ✗ statement
  await ddb.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: \`UPDATE "Notes" SET color = '\${req.body.color}' WHERE noteId = ?\`, Parameters: ['n1'] }] })); // ✗ statement
  res.json([one.Items, raws.Items]);
});`),
    // SDK v2: DocumentClient (with .promise()) and the low-level client (with a callback).
    invalid(`
app.get('/v2', async (req, res) => {
  const out = await v2.scan({ TableName: 'Public', FilterExpression: 'contains(title, ' + req.query.q + ')' }).promise(); // ✗ expression
  await v2.update({ TableName: 'Notes', Key: { id: 'n1' }, UpdateExpression: \`SET \${req.body.field} = :v\`, ExpressionAttributeValues: { ':v': 1 } }).promise(); // ✗ expression
  v2raw.getItem({ TableName: 'Notes', Key: { id: { S: 'n1' } }, AttributesToGet: [String(req.query.attr)] }, () => undefined); // ✗ attributeName
  v2raw.executeStatement({ Statement: 'SELECT * FROM Notes WHERE id = ' + req.query.id }, () => undefined); // ✗ statement
  res.json(out.Items);
});`),
    // Batch reads: a client-chosen table and a per-table projection.
    invalid(`
app.post('/batch', async (req, res) => {
  const out = await ddb.send(new BatchGetCommand({
    RequestItems: {
      [req.body.table]: { Keys: [{ id: 'a' }] }, // ✗ selector
      Notes: { Keys: [{ id: 'b' }], ProjectionExpression: req.body.projection }, // ✗ attributeName
    },
  }));
  await ddb.send(new BatchWriteCommand({ RequestItems: { [String(req.query.table)]: [{ DeleteRequest: { Key: { id: 'a' } } }] } })); // ✗ selector
  const low = await raw.send(new BatchGetItemCommand({ RequestItems: { Notes: { Keys: [{ id: { S: 'a' } }], ExpressionAttributeNames: { '#a': String(req.query.attr) }, ProjectionExpression: '#a' } } })); // ✗ attributeName
  res.json([out.Responses, low.Responses]);
});`),
    // Transaction items: Get, Update, ConditionCheck.
    invalid(`
app.post('/tx', async (req, res) => {
  const got = await ddb.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: 'Notes', Key: { id: 'a' }, ProjectionExpression: req.body.fields } }] })); // ✗ attributeName
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Notes', Key: { id: 'a' }, UpdateExpression: 'SET ' + req.body.set, ExpressionAttributeValues: { ':v': 1 } } }, // ✗ expression
      { ConditionCheck: { TableName: req.body.table, Key: { id: 'b' }, ConditionExpression: 'attribute_exists(id)' } }, // ✗ selector
    ],
  }));
  await raw.send(new TransactWriteItemsCommand({ TransactItems: [{ Delete: { TableName: 'Notes', Key: { id: { S: 'a' } }, ConditionExpression: req.body.condition } }] })); // ✗ expression
  res.json(got.Responses);
});`),
    // Paginators.
    invalid(`
app.get('/pages', async (req, res) => {
  const items: unknown[] = [];
  for await (const page of paginateQuery({ client: ddb }, { TableName: 'Notes', KeyConditionExpression: \`ownerId = :o AND \${req.query.range}\`, ExpressionAttributeValues: { ':o': req.user!.sub } })) { // ✗ expression
    items.push(...(page.Items ?? []));
  }
  for await (const page of paginateRawScan({ client: raw }, { TableName: String(req.query.table) })) items.push(...(page.Items ?? [])); // ✗ selector
  res.json(items);
});`),
  ],
});
