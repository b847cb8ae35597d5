import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5, an entity the app already lists to everyone: a read of it whose key no request value
 * chooses and no principal scopes (a Scan without a filter, a query on a constant partition) hands
 * every item to a client, with no role check on the way and, in an app that logs anyone in, no
 * narrower audience than a read by id. Such a read by a client-chosen key or filter then shows
 * nothing the caller cannot list, so `recommended` leaves it out, when the entity holds no
 * sensitive attribute that the list's projection could have left out. Writes stay reported;
 * `strict` reports everything.
 */
const ruleTester = createRuleTesterWithTypes();
const strict = [{ evidence: 'none' }] as const;

// An authenticated app: rooms are created by the caller (owned), every room is listed to anyone.
const rooms = (list: string, more = '', attributes = '') => `${expressHeader}
app.post('/rooms', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Rooms', Item: { id: crypto.randomUUID(), name: String(req.body.name), createdBy: req.user!.sub${attributes} } }));
  res.sendStatus(201);
});
${list}
app.get('/rooms/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Rooms', Key: { id: req.params.id } })); // ✗
  res.json({ name: out.Item?.name });
});${more}`;
const scanAll = `app.get('/rooms', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Rooms' }));
  res.json(out.Items?.map((room) => ({ id: room.id, name: room.name })));
});`;
const listed = rooms(scanAll);
// A helper reads; the route sends what it returns.
const listedThroughHelper = rooms(`async function allRooms() {
  return (await ddb.send(new ScanCommand({ TableName: 'Rooms' }))).Items ?? [];
}
app.get('/rooms', async (req, res) => {
  res.json(await allRooms());
});`);
// Look-alikes that list less than every item to every caller.
const adminList = rooms(`app.get('/rooms', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  const out = await ddb.send(new ScanCommand({ TableName: 'Rooms' }));
  res.json(out.Items);
});`);
const roleMiddleware = rooms(`const requireAdmin = (req: Request, res: Response, next: () => void) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  next();
};
app.get('/rooms', requireAdmin, async (req, res) => {
  res.json((await ddb.send(new ScanCommand({ TableName: 'Rooms' }))).Items);
});`);
const ownList = rooms(`app.get('/rooms', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Rooms', FilterExpression: 'createdBy = :me', ExpressionAttributeValues: { ':me': req.user!.sub } }));
  res.json(out.Items);
});`);
const filteredList = rooms(`app.get('/rooms', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Rooms', FilterExpression: 'isOpen = :t', ExpressionAttributeValues: { ':t': true } }));
  res.json(out.Items);
});`);
const countOnly = rooms(`app.get('/rooms', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Rooms' }));
  res.json({ count: out.Count });
});`);
// Only logged-in callers see the list; the read by id answers anyone.
const loggedInList = rooms(`app.get('/rooms', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  res.json((await ddb.send(new ScanCommand({ TableName: 'Rooms' }))).Items);
});`);
// The entity holds personal data the list may not hand out.
const sensitive = rooms(scanAll, '', ', contactEmail: String(req.body.email)');
// A write by a chosen key stays reported.
const write = rooms(
  scanAll,
  `
app.delete('/rooms/:id', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Rooms', Key: { id: req.params.id } })); // ✗
  res.sendStatus(204);
});`,
);

// A single table: the list reads one constant partition; reads of another stay reported.
const partitions = (partition: string) => `${expressHeader}
app.post('/boards', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'App', Item: { pk: 'BOARD', sk: crypto.randomUUID(), title: String(req.body.title), ownerId: req.user!.sub } }));
  await ddb.send(new PutCommand({ TableName: 'App', Item: { pk: 'DRAFT', sk: crypto.randomUUID(), title: String(req.body.title), ownerId: req.user!.sub } }));
  res.sendStatus(201);
});
app.get('/boards', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'App', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'BOARD' } }));
  res.json(out.Items?.map((board) => ({ sk: board.sk, title: board.title })));
});
app.get('/boards/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'App', Key: { pk: '${partition}', sk: req.params.id } })); // ✗
  res.json({ title: out.Item?.title });
});`;

// No authentication at all, GraphQL (youngho-vatech/CoffeePJT_dynamoose_final): a roster of users listed to everyone.
const roster = `import dynamoose from 'dynamoose';
import { GraphQLSchema, GraphQLObjectType, GraphQLString, GraphQLList, GraphQLNonNull } from 'graphql';
const RosterUser = dynamoose.model('roster_users', { dummy: { type: String, hashKey: true }, _id: { type: String, rangeKey: true }, username: String, status: String });
const userType = new GraphQLObjectType({ name: 'RosterUser', fields: { _id: { type: GraphQLString }, username: { type: GraphQLString }, status: { type: GraphQLString } } });
const allUsers = async () => RosterUser.query('dummy').eq('user').exec();
export const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      allUsers: { type: new GraphQLList(userType), resolve: () => allUsers() },
      me: {
        type: userType,
        args: { userid: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_parent, args) => RosterUser.get({ dummy: 'user', _id: args.userid }), // ✗
      },
      search: {
        type: new GraphQLList(userType),
        args: { word: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_parent, args) => RosterUser.scan({ username: { contains: args.word } }).exec(), // ✗
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      setStatus: {
        type: GraphQLString,
        args: { userid: { type: new GraphQLNonNull(GraphQLString) }, status: { type: GraphQLString } },
        resolve: async (_parent, args) => {
          await RosterUser.update({ dummy: 'user', _id: args.userid }, { status: args.status }); // ✗
          return 'ok';
        },
      },
    },
  }),
});`;
// Without the list, the same reads are principal records read by a client-chosen id in an app without login.
const unlisted = roster.replace(
  `      allUsers: { type: new GraphQLList(userType), resolve: () => allUsers() },\n`,
  '',
);
// An AppSync Lambda resolver answers with what it returns: `listPosts` lists every post to any caller.
const appsync = (list: string) => `import type { AppSyncResolverEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event: AppSyncResolverEvent<{ postId: string; title: string }>) => {
  const owner = (event.identity as { username: string }).username;
  switch (event.info.fieldName) {
    case 'getPost':
      return (await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: event.arguments.postId } }))).Item; // ✗
    ${list}
    case 'createPost':
      return ddb.send(new PutCommand({ TableName: 'Posts', Item: { id: crypto.randomUUID(), title: event.arguments.title, owner } }));
  }
  return null;
};`;
const appsyncListed = appsync(
  "case 'listPosts':\n      return (await ddb.send(new ScanCommand({ TableName: 'Posts' }))).Items;",
);
const unmarked = (code: string, line: string) =>
  code
    .split('\n')
    .map((text) => (text.includes(line) ? text.replace(' // ✗', '') : text))
    .join('\n');

ruleTester.run('no-unscoped-key (entities already listed to every caller)', noUnscopedKey, {
  valid: [
    { code: unmarked(listed, 'GetCommand') },
    { code: unmarked(listedThroughHelper, 'GetCommand') },
    { code: unmarked(partitions('BOARD'), 'GetCommand') },
    { code: unmarked(appsyncListed, 'GetCommand') },
  ],
  invalid: [
    // The reads by id, in recommended, once the list is gone, filtered, scoped or gated.
    invalidAt(adminList, 'unscopedKey'),
    invalidAt(roleMiddleware, 'unscopedKey'),
    invalidAt(ownList, 'unscopedKey'),
    invalidAt(filteredList, 'unscopedKey'),
    invalidAt(countOnly, 'unscopedKey'),
    invalidAt(loggedInList, 'unscopedKey'),
    invalidAt(sensitive, 'unscopedKey'),
    invalidAt(partitions('DRAFT'), 'unscopedKey'),
    invalidAt(unlisted, 'unscopedKey'),
    invalidAt(appsync(''), 'unscopedKey'),
    // Writes stay reported.
    invalidAt(unmarked(write, 'GetCommand'), 'unscopedKey'),
    invalidAt(unmarked(unmarked(roster, 'RosterUser.get'), 'RosterUser.scan'), 'unscopedKey'),
    // strict reports every pattern.
    { ...invalidAt(listed, 'unscopedKey'), options: strict },
    { ...invalidAt(roster, 'unscopedKey'), options: strict },
  ],
});
