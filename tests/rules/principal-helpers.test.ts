import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * Read-check-act against a helper that returns the caller (SPEC §4/§5): `if (item.userId !==
 * callerId(event)) return 403` with `callerId = (event) => String(event.requestContext.authorizer
 * .claims.sub)`, or `getUserId(req)` returning `req.user.sub`, checks the owner like the inline
 * claims form does.
 */
const ruleTester = createRuleTesterWithTypes();
const audit: [{ evidence: 'none' }] = [{ evidence: 'none' }];
const express = (body: string) => `${expressHeader}function getUserId(req: { user?: { sub: string } }) {
  return req.user!.sub;
}
function getNoteId(req: { params: Record<string, string> }) {
  return req.params.owner;
}
${body}`;
const lambdaCode = (body: string) => `${lambda}import { DeleteCommand as Delete } from '@aws-sdk/lib-dynamodb';
const callerId = (event: APIGatewayProxyEvent) => String(event.requestContext.authorizer?.claims.sub);
${body}`;

ruleTester.run('no-unscoped-key (ownership checked against a principal helper)', rule, {
  valid: [
    {
      code: express(`
app.delete('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }));
  if (!Item || Item.ownerId !== getUserId(req)) return res.sendStatus(404);
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } }));
  res.sendStatus(204);
});`),
      options: audit,
    },
    {
      code: lambdaCode(`
export const handler = async (event: APIGatewayProxyEvent) => {
  const id = event.pathParameters?.id;
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id } }));
  if (out.Item?.userId !== callerId(event)) return { statusCode: 403, body: '' };
  await ddb.send(new Delete({ TableName: 'notes', Key: { id } }));
  return { statusCode: 204, body: '' };
};`),
      options: audit,
    },
    // Other helper shapes: an async helper, an object's method.
    {
      code: express(`
async function currentUser(req: { user?: { sub: string } }) {
  return req.user!.sub;
}
const auth = { userOf: (req: { user?: { sub: string } }) => req.user!.sub };
app.delete('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }));
  if (!Item || Item.ownerId !== (await currentUser(req))) return res.sendStatus(404);
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } }));
  res.sendStatus(204);
});
app.put('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }));
  if (!Item) return res.sendStatus(404);
  if (Item.ownerId !== auth.userOf(req)) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } }));
  res.sendStatus(204);
});`),
      options: audit,
    },
  ],
  invalid: [
    // The helper returns a request value, not the caller: no ownership check.
    {
      ...invalidAt(
        express(`
app.delete('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } })); // ✗
  if (!Item || Item.ownerId !== getNoteId(req)) return res.sendStatus(404);
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } })); // ✗
  res.sendStatus(204);
});`),
        'unscopedKey',
      ),
      options: audit,
    },
    // The caller's id is computed but the item's owner is never compared with it.
    {
      ...invalidAt(
        lambdaCode(`
export const handler = async (event: APIGatewayProxyEvent) => {
  const id = event.pathParameters?.id;
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id } })); // ✗
  if (!out.Item || !callerId(event)) return { statusCode: 404, body: '' };
  await ddb.send(new Delete({ TableName: 'notes', Key: { id } })); // ✗
  return { statusCode: 204, body: '' };
};`),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
