import baseRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Item sources and projection forms, on Express: each case reads with the caller's own key (so only
 * the exposure question is asked) and hands something to the response.
 */
/** The engine's patterns, in the `strict` config's audit mode (evidence: tests/rules/evidence.test.ts). */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import _ from 'lodash';
import { z } from 'zod';
import { plainToInstance, Expose } from 'class-transformer';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDB, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactGetCommand, ExecuteStatementCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocument.from(new DynamoDBClient({}));
const raw = new DynamoDBClient({});
const aggregated = new DynamoDB({});
const getUser = (sub: string) => ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: sub } }));
`;
const ok = (body: string) => header + body;
const bad = (body: string) => invalidAt(header + body, 'rawItem' as const);
const denied = (body: string) => invalidAt(header + body, 'denyList' as const);

ruleTester.run('no-raw-item-response', rule, {
  valid: [
    // A property of the item is not the item.
    ok(`app.get('/me', async (req, res) => {
  const out = await getUser(req.user!.sub);
  res.json(out.Item?.displayName);
});`),
    // An object literal of named fields.
    ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json({ id: Item?.userId, name: Item?.displayName });
});`),
    // Destructuring named fields.
    ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  const { userId, displayName } = Item ?? {};
  res.json({ userId, displayName });
});`),
    // .map to named fields, with a destructured parameter too.
    ok(`app.get('/notes', async (req, res) => {
  const { Items = [] } = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(Items.map((i) => ({ id: i.noteId, title: i.title })));
});`),
    ok(`app.get('/notes', async (req, res) => {
  const { Items = [] } = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(Items.map(({ noteId, title }) => ({ noteId, title })));
});`),
    // A constant ProjectionExpression (with constant names), AttributesToGet, a constant field list.
    ok(`app.get('/me', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub }, ProjectionExpression: 'userId, #n', ExpressionAttributeNames: { '#n': 'name' } }));
  res.json(Item);
});`),
    ok(`app.get('/me', async (req, res) => {
  const params: GetCommandInput = { TableName: 'Users', Key: { userId: req.user!.sub }, AttributesToGet: ['userId', 'displayName'] };
  res.json((await ddb.send(new GetCommand(params))).Item);
});`),
    ok(`const PUBLIC = ['userId', 'displayName'] as const;
app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub }, ProjectionExpression: PUBLIC.join(', ') }));
  res.json(out.Item);
});`),
    ok(`app.get('/notes', async (req, res) => {
  const out = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub }, ProjectionExpression: 'noteId, title' });
  res.json(out.Items);
});`),
    // PartiQL naming its columns.
    ok(`app.get('/me', async (req, res) => {
  const out = await ddb.send(new ExecuteStatementCommand({ Statement: 'SELECT userId, displayName FROM Users WHERE userId = ?', Parameters: [req.user!.sub] }));
  res.json(out.Items);
});`),
    // lodash pick with constant fields.
    ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(_.pick(Item, ['userId', 'displayName']));
});`),
    // A mapper function returning named fields.
    ok(`function toProfile(user: Record<string, unknown>) {
  return { userId: user.userId, displayName: user.displayName };
}
app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(toProfile(Item!));
});`),
    ok(`const toDto = (n: Record<string, unknown>) => ({ id: n.noteId });
app.get('/notes', async (req, res) => {
  const out = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json({ notes: (out.Items ?? []).map(toDto), next: out.LastEvaluatedKey, count: out.Count });
});`),
    // zod object schema (strips unknown keys), through an extension and an array.
    ok(`const UserDto = z.object({ userId: z.string(), displayName: z.string() });
app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(UserDto.parse(Item));
});`),
    ok(`const Base = z.object({ userId: z.string() });
const UserDto = Base.extend({ displayName: z.string() }).strict();
app.get('/users', async (req, res) => {
  const out = await doc.scan({ TableName: 'Users', FilterExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json(z.array(UserDto).parse(out.Items));
});`),
    ok(`const UserDto = z.object({ userId: z.string() });
app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  const parsed = UserDto.safeParse(Item);
  res.json(parsed.data);
});`),
    // class-transformer with excludeExtraneousValues.
    ok(`class UserDto { @Expose() userId!: string; @Expose() displayName!: string; }
app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(plainToInstance(UserDto, Item, { excludeExtraneousValues: true }));
});`),
    // flatMap over outputs, then an allow-list mapper by name.
    ok(`const summary = (n: Record<string, unknown>) => ({ id: n.noteId, title: n.title });
app.get('/batch', async (req, res) => {
  const outputs = await Promise.all(['a', 'b'].map((id) => ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.user!.sub, id } }))));
  res.json(outputs.flatMap((out) => (out.Item ? [out.Item] : [])).map(summary));
});`),
    // Scalars made from items show none of them.
    ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json({ exists: Boolean(Item), found: !!Item, same: Item === undefined, n: Number(Item?.age) });
});`),
    // A write without ReturnValues returns no item; a count query returns none either.
    ok(`app.put('/me', async (req, res) => {
  const out = await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: req.user!.sub }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 } }));
  res.json(out);
});`),
    ok(`app.get('/count', async (req, res) => {
  const out = await doc.query({ TableName: 'Notes', Select: 'COUNT', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json(out);
});`),
    // The item goes to a log, not to the response.
    ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  console.log(JSON.stringify(Item));
  res.sendStatus(204);
});`),
    // Deny-lists, when the team accepts them.
    {
      code: ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  const { passwordHash, ...profile } = Item!;
  res.json(profile);
});`),
      options: [{ allowDenyList: true }],
    },
    {
      code: ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(_.omit(Item, ['passwordHash']));
});`),
      options: [{ allowDenyList: true }],
    },
    {
      code: ok(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  delete Item!.passwordHash;
  res.json(Item);
});`),
      options: [{ allowDenyList: true }],
    },
  ],
  invalid: [
    // The whole item, an element of Items, the Items list, the whole output.
    bad(`app.get('/me', async (req, res) => {
  const out = await getUser(req.user!.sub);
  res.json(out.Item); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  const { Items = [] } = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(Items[0]); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  const out = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.send(out.Items); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  res.jsonp(await doc.scan({ TableName: 'Notes' })); // ✗
});`),
    // Attributes of a write with ReturnValues.
    bad(`app.patch('/me', async (req, res) => {
  const { Attributes } = await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: req.user!.sub }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 }, ReturnValues: 'ALL_NEW' }));
  res.status(200).json(Attributes); // ✗
});`),
    // Responses of batch and transact reads.
    bad(`app.post('/batch', async (req, res) => {
  const out = await ddb.send(new BatchGetCommand({ RequestItems: { Users: { Keys: [{ userId: req.user!.sub }] } } }));
  res.json(out.Responses?.Users); // ✗
});`),
    bad(`app.post('/tx', async (req, res) => {
  const out = await ddb.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: 'Users', Key: { userId: req.user!.sub } } }] }));
  res.json(out.Responses?.[0]?.Item); // ✗
});`),
    // Paginator pages, SDK v2-style callbacks through the v3 document client, PartiQL SELECT *.
    bad(`app.get('/all', async (req, res) => {
  for await (const page of paginateQuery({ client: ddb }, { TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } })) {
    res.write(JSON.stringify(page.Items)); // ✗
  }
  res.end();
});`),
    bad(`app.get('/me', async (req, res) => {
  const out = await ddb.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM Users WHERE userId = ?', Parameters: [req.user!.sub] }));
  res.json(out.Items); // ✗
});`),
    // client-dynamodb output through unmarshall.
    bad(`app.get('/me', async (req, res) => {
  const out = await raw.send(new GetItemCommand({ TableName: 'Users', Key: { userId: { S: req.user!.sub } } }));
  res.json(unmarshall(out.Item!)); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  const out = await aggregated.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': { S: req.user!.sub } } });
  res.json((out.Items ?? []).map((i) => unmarshall(i))); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  const out = await aggregated.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': { S: req.user!.sub } } });
  res.json(out.Items?.map(unmarshall)); // ✗
});`),
    // Not projections: spreads, wrapping, Object.assign, structuredClone, JSON round trips, identity maps.
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json({ ...Item, role: undefined }); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json({ data: Item }); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  const { Items } = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json({ items: Items, count: Items?.length }); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(Object.assign({}, Item, { seen: true })); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(structuredClone(Item)); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(JSON.parse(JSON.stringify(Item))); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  const { Items = [] } = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json(Items.map((i) => i)); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.end(JSON.stringify(Item)); // ✗
});`),
    bad(`app.get('/notes', async (req, res) => {
  const { Items = [] } = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json(Items.filter((i) => i.pinned).slice(0, 10)); // ✗
});`),
    bad(`app.get('/batch', async (req, res) => {
  const outputs = await Promise.all(['a', 'b'].map((id) => ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.user!.sub, id } }))));
  res.json(outputs.flatMap((out) => (out.Item ? [out.Item] : []))); // ✗
});`),
    // A mapper that spreads is no projection; neither is a mapper passed by name that does.
    bad(`const withKind = (n: Record<string, unknown>) => ({ ...n, kind: 'note' });
app.get('/notes', async (req, res) => {
  const out = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json((out.Items ?? []).map(withKind)); // ✗
});`),
    // A client-chosen or non-constant projection projects nothing.
    bad(`app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub }, ProjectionExpression: String(req.query.fields) }));
  res.json(out.Item); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub }, ProjectionExpression: '#f', ExpressionAttributeNames: { '#f': String(req.query.field) } }));
  res.json(out.Item); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(_.pick(Item, String(req.query.fields).split(','))); // ✗
});`),
    // zod with passthrough / catchall, class-transformer without excludeExtraneousValues, lodash copies.
    bad(`const UserDto = z.object({ userId: z.string() }).passthrough();
app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(UserDto.parse(Item)); // ✗
});`),
    bad(`const UserDto = z.object({ userId: z.string() }).catchall(z.unknown());
app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(UserDto.parse(Item)); // ✗
});`),
    bad(`class UserDto { userId!: string; }
app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(plainToInstance(UserDto, Item)); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(_.cloneDeep(Item)); // ✗
});`),
    // The v2-style callback of the v3 document client.
    bad(`app.get('/me', (req, res) => {
  doc.get({ TableName: 'Users', Key: { userId: req.user!.sub } }, (err, data) => {
    res.json(data?.Item); // ✗
  });
});`),
    // Deny-lists are reported by default.
    denied(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  const { passwordHash, ...profile } = Item!;
  res.json(profile); // ✗
});`),
    denied(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  res.json(_.omit(Item, ['passwordHash'])); // ✗
});`),
    denied(`app.get('/notes', async (req, res) => {
  const { Items = [] } = await doc.query({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } });
  res.json(Items.map(({ secret, ...note }) => note)); // ✗
});`),
    denied(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  delete Item!.passwordHash;
  res.json(Item); // ✗
});`),
    // A deny-list on one path and a raw item on another: the raw one is reported even when deny-lists are accepted.
    {
      ...bad(`app.get('/me', async (req, res) => {
  const { Item } = await getUser(req.user!.sub);
  const { passwordHash, ...profile } = Item!;
  res.json(req.query.full ? Item : profile); // ✗
});`),
      options: [{ allowDenyList: true }],
    },
  ],
});
