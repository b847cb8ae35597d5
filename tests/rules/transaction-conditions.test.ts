import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A transaction succeeds only if every condition in it holds: an ownership condition on one item
 * (`#creatorId = :me`, `:me` the caller) scopes every item of the same transaction keyed by the
 * same request value. An item keyed by another request value, a condition against a client value,
 * a condition with `OR`, or a condition in another transaction scopes nothing.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import AWS from 'aws-sdk';
const raw = new DynamoDBClient({});
const v2 = new AWS.DynamoDB.DocumentClient();
`;
const code = (body: string) => header + body;
const invalid = (body: string) => invalidAt(code(body), 'unscopedKey' as const);
const audit = auditMode(rule);

ruleTester.run('no-unscoped-key (transaction conditions)', audit, {
  valid: [
    // v3: the workspace item must be the caller's quest; the published quest shares its id.
    code(`
app.post('/quests/:id/publish', async (req, res) => {
  const { id } = req.params;
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: 'Workspace',
          Key: { PK: \`USER#\${req.user!.sub}\`, SK: \`QUEST#\${id}\` },
          ConditionExpression: '#published = :no AND #creatorId = :me',
          UpdateExpression: 'SET #published = :yes',
          ExpressionAttributeNames: { '#published': 'published', '#creatorId': 'creatorId' },
          ExpressionAttributeValues: { ':no': false, ':yes': true, ':me': req.user!.sub },
        },
      },
      { Put: { TableName: 'Main', Item: { PK: \`QUEST#\${id}\`, SK: \`QUEST#\${id}\`, title: String(req.body.title) } } },
    ],
  }));
  res.sendStatus(204);
});`),
    // The condition on the quest item itself; siblings in the quest's collection share its id,
    // whatever other request value they also hold.
    code(`
app.post('/quests/:questId/accept', async (req, res) => {
  const { questId, winnerId } = req.body as { questId: string; winnerId: string };
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: 'Main',
          Key: { PK: \`QUEST#\${questId}\`, SK: \`QUEST#\${questId}\` },
          ConditionExpression: '#creatorId = :creatorId AND attribute_not_exists(#winnerId)',
          UpdateExpression: 'SET #winnerId = :winnerId',
          ExpressionAttributeNames: { '#creatorId': 'creatorId', '#winnerId': 'winnerId' },
          ExpressionAttributeValues: { ':creatorId': req.user!.sub, ':winnerId': winnerId },
        },
      },
      { Update: { TableName: 'Main', Key: { PK: \`QUEST#\${questId}\`, SK: \`SOLVER#\${winnerId}\` }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'ACCEPTED' } } },
    ],
  }));
  res.sendStatus(204);
});`),
    // v2 DocumentClient transactWrite, the sibling a delete; the request value read twice.
    code(`
app.delete('/quests/:id', async (req, res) => {
  await v2.transactWrite({
    TransactItems: [
      {
        Update: {
          TableName: 'Workspace',
          Key: { PK: \`USER#\${req.user!.sub}\`, SK: \`QUEST#\${req.params.id}\` },
          ConditionExpression: 'creatorId = :me',
          UpdateExpression: 'SET published = :no',
          ExpressionAttributeValues: { ':me': req.user!.sub, ':no': false },
        },
      },
      { Delete: { TableName: 'Main', Key: { PK: \`QUEST#\${req.params.id}\`, SK: \`QUEST#\${req.params.id}\` } } },
    ],
  }).promise();
  res.sendStatus(204);
});`),
    // A ConditionCheck item as the guard: the task is in a project the caller owns.
    code(`
app.put('/projects/:projectId/tasks/:taskId', async (req, res) => {
  const { projectId, taskId } = req.params;
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { ConditionCheck: { TableName: 'Projects', Key: { projectId }, ConditionExpression: 'ownerId = :me', ExpressionAttributeValues: { ':me': req.user!.sub } } },
      { Put: { TableName: 'Tasks', Item: { projectId, taskId, text: String(req.body.text) } } },
    ],
  }));
  res.sendStatus(204);
});`),
    // The low-level client: attribute values wrapped in { S: … }.
    code(`
app.delete('/albums/:albumId', async (req, res) => {
  const albumId = req.params.albumId;
  await raw.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Delete: { TableName: 'Albums', Key: { albumId: { S: albumId } }, ConditionExpression: 'ownerId = :me', ExpressionAttributeValues: { ':me': { S: req.user!.sub } } } },
      { Delete: { TableName: 'AlbumStats', Key: { albumId: { S: albumId } } } },
    ],
  }));
  res.sendStatus(204);
});`),
    // A helper builds the transaction from its parameters: the caller passes the caller's id.
    code(`
async function closeQuest(questId: string, me: string) {
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Main', Key: { PK: \`QUEST#\${questId}\` }, ConditionExpression: 'creatorId = :me', UpdateExpression: 'SET closed = :t', ExpressionAttributeValues: { ':me': me, ':t': true } } },
      { Delete: { TableName: 'Listings', Key: { PK: \`QUEST#\${questId}\` } } },
    ],
  }));
}
app.post('/quests/:id/close', async (req, res) => {
  await closeQuest(req.params.id, req.user!.sub);
  res.sendStatus(204);
});`),
  ],
  invalid: [
    // The sibling is keyed by another request value than the guarded item.
    invalid(`
app.post('/quests/:questId/reward', async (req, res) => {
  const { questId, winnerId } = req.body as { questId: string; winnerId: string };
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Main', Key: { PK: \`QUEST#\${questId}\` }, ConditionExpression: 'creatorId = :me', UpdateExpression: 'SET closed = :t', ExpressionAttributeValues: { ':me': req.user!.sub, ':t': true } } },
      { Update: { TableName: 'Main', Key: { PK: \`USER#\${winnerId}\` }, UpdateExpression: 'SET balance = balance + :r', ExpressionAttributeValues: { ':r': 10 } } }, // ✗
    ],
  }));
  res.sendStatus(204);
});`),
    // The condition compares with a client value: it guards neither item.
    invalid(`
app.delete('/quests/:id', async (req, res) => {
  const { id } = req.params;
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Main', Key: { PK: \`QUEST#\${id}\` }, ConditionExpression: 'creatorId = :owner', UpdateExpression: 'SET closed = :t', ExpressionAttributeValues: { ':owner': String(req.body.owner), ':t': true } } }, // ✗
      { Delete: { TableName: 'Listings', Key: { PK: \`QUEST#\${id}\` } } }, // ✗
    ],
  }));
  res.sendStatus(204);
});`),
    // `OR` lets the guarded item pass without being the caller's (a fresh item): no guard for the sibling.
    invalid(`
app.post('/quests/:id/publish', async (req, res) => {
  const { id } = req.params;
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: 'Workspace', Item: { PK: \`QUEST#\${id}\`, creatorId: req.user!.sub }, ConditionExpression: 'attribute_not_exists(PK) OR creatorId = :me', ExpressionAttributeValues: { ':me': req.user!.sub } } },
      { Put: { TableName: 'Main', Item: { PK: \`QUEST#\${id}\`, title: 'x' } } }, // ✗
    ],
  }));
  res.sendStatus(204);
});`),
    // No condition in the transaction at all (v2): every item keyed by the client is reported.
    invalid(`
app.post('/solutions/:id/reject', async (req, res) => {
  const { questId, solutionId } = req.body as { questId: string; solutionId: string };
  await v2.transactWrite({
    TransactItems: [
      { Update: { TableName: 'Main', Key: { PK: \`QUEST#\${questId}\` }, UpdateExpression: 'SET s = :s', ExpressionAttributeValues: { ':s': 'REJECTED' } } }, // ✗
      { Update: { TableName: 'Main', Key: { PK: \`SOLUTION#\${solutionId}\` }, UpdateExpression: 'SET s = :s', ExpressionAttributeValues: { ':s': 'REJECTED' } } }, // ✗
    ],
  }).promise();
  res.sendStatus(204);
});`),
    // The condition is in another transaction: each transaction fails on its own.
    invalid(`
app.post('/quests/:id/archive', async (req, res) => {
  const { id } = req.params;
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Main', Key: { PK: \`QUEST#\${id}\` }, ConditionExpression: 'creatorId = :me', UpdateExpression: 'SET archived = :t', ExpressionAttributeValues: { ':me': req.user!.sub, ':t': true } } },
    ],
  }));
  await ddb.send(new TransactWriteCommand({
    TransactItems: [{ Delete: { TableName: 'Listings', Key: { PK: \`QUEST#\${id}\` } } }], // ✗
  }));
  res.sendStatus(204);
});`),
    // The helper's condition value is a client value at this call.
    invalid(`
async function closeQuest(questId: string, me: string) {
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Main', Key: { PK: \`QUEST#\${questId}\` }, ConditionExpression: 'creatorId = :me', UpdateExpression: 'SET closed = :t', ExpressionAttributeValues: { ':me': me, ':t': true } } },
      { Delete: { TableName: 'Listings', Key: { PK: \`QUEST#\${questId}\` } } },
    ],
  }));
}
app.post('/quests/:id/close', async (req, res) => {
  await closeQuest(req.params.id, String(req.query.owner)); // ✗
  res.sendStatus(204);
});`),
  ],
});

// Evidence (`recommended`): a transaction's condition that scopes an item is the program checking
// that entity's items against the caller, so they are someone's; without it, an entity only ever
// written with no owner looks shared.
const statusUpdate = `
app.get('/me', async (req, res) => {
  res.json((await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub } }))).Item);
});
app.post('/solutions/:id/status', async (req, res) => {
  await ddb.send(new UpdateCommand({ TableName: 'Solutions', Key: { PK: \`SOLUTION#\${req.params.id}\` }, UpdateExpression: 'SET s = :s', ExpressionAttributeValues: { ':s': 'ACCEPTED' } })); // ✗
  res.sendStatus(204);
});`;
const publishSolution = `
app.post('/solutions/:id/publish', async (req, res) => {
  const { id } = req.params;
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: 'Drafts', Key: { PK: \`USER#\${req.user!.sub}\`, SK: \`SOLUTION#\${id}\` }, ConditionExpression: 'creatorId = :me', UpdateExpression: 'SET published = :t', ExpressionAttributeValues: { ':me': req.user!.sub, ':t': true } } },
      { Put: { TableName: 'Solutions', Item: { PK: \`SOLUTION#\${id}\`, published: true } } },
    ],
  }));
  res.sendStatus(204);
});`;

ruleTester.run('no-unscoped-key (transaction conditions, evidence)', rule, {
  valid: [code(statusUpdate)],
  invalid: [invalid(statusUpdate + publishSolution)],
});
