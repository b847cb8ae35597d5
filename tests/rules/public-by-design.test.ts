import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { trpc } from './framework-headers.js';

/**
 * SPEC §5, public by design as the code itself marks it: a read that only ever returns items
 * marked public is not someone else's item. Either its own key condition or filter selects only
 * such items (`FilterExpression: 'isPublic = :t'`, `:t` the constant `true`), or every use of its
 * item comes after a check that exits unless the item is marked public (`if (!post.published)
 * throw …`). `recommended` leaves such reads out; `strict` still reports them; writes are never
 * excused. Each case writes `Posts` with the caller as author, so the entity is owned.
 */
const ruleTester = createRuleTesterWithTypes();
const owned = `
app.post('/posts', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Posts', Item: { id: crypto.randomUUID(), authorId: req.user!.sub, body: String(req.body.body) } }));
  res.sendStatus(201);
});`;
const code = (body: string) => expressHeader + owned + body;
const audit = [{ evidence: 'none' }] as const;

// 1. A check on the fetched item before every use of it.
const flagCheck = code(`
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (!post || !post.published) return res.sendStatus(404);
  res.json({ body: post.body });
});`);
const stateCheck = code(`
app.get('/posts/:id', async (req, res) => {
  const params: GetCommandInput = { TableName: 'Posts', Key: { id: req.params.id } }; // ✗
  const { Item } = await ddb.send(new GetCommand(params));
  if (Item?.visibility !== 'public') throw new Error('not found');
  res.json({ body: Item.body });
});`);
// The check nested in a presence test, the item read alongside another one (studlancer's publishedQuest).
const nestedCheck = code(`
app.get('/quests/:id', async (req, res) => {
  const id = req.params.id;
  const [questOut, statsOut] = await Promise.all([
    ddb.send(new GetCommand({ TableName: 'Posts', Key: { id } })), // ✗
    ddb.send(new GetCommand({ TableName: 'Stats', Key: { id: 'global' } })),
  ]);
  if (questOut.Item && statsOut.Item) {
    const quest = questOut.Item as { published?: boolean; body?: string; views?: number };
    if (!quest.published) throw new Error('UNAUTHORIZED TO VIEW THE QUEST');
    quest.views = Number(statsOut.Item.views);
    return res.json(quest);
  }
  res.sendStatus(404);
});`);
// A wrapper reads; the handler whose request value chose the item checks it.
const wrapperCheck = code(`
async function loadPost(id: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id } }));
  return out.Item;
}
app.get('/posts/:id', async (req, res) => {
  const post = await loadPost(req.params.id); // ✗
  if (post?.status !== 'published') return res.sendStatus(404);
  res.json({ body: post.body });
});`);

// Public or the caller's own: one of the two conditions of the exit is false.
const publicOrOwn = code(`
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (!post) return res.sendStatus(404);
  if (!post.isPublic && post.authorId !== req.user!.sub) return res.sendStatus(403);
  res.json({ body: post.body });
});`);
// Look-alikes: the "owner" the client names; the other condition says nothing of the caller.
const publicOrClaimed = code(`
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (!post || (!post.isPublic && post.authorId !== String(req.query.as))) return res.sendStatus(403);
  res.json({ body: post.body });
});`);
const publicOrTitled = code(`
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (!post?.isPublic && post?.title !== 'Welcome') return res.sendStatus(403);
  res.json({ body: post?.body });
});`);

// Look-alikes: no exit; a use before the check; the check on another item; a non-public state.
const checkNoExit = code(`
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (!post?.published) console.warn('draft read');
  res.json({ body: post?.body });
});`);
const useBeforeCheck = code(`
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (req.query.preview) return res.json(post);
  if (!post?.published) return res.sendStatus(404);
  res.json({ body: post.body });
});`);
const copiedOutBeforeCheck = code(`
const recent: Record<string, unknown> = {};
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  recent.post = out.Item;
  if (!out.Item?.published) return res.sendStatus(404);
  res.json({ body: out.Item.body });
});`);
const otherItemChecked = code(`
app.get('/posts/:id', async (req, res) => {
  const site = await ddb.send(new GetCommand({ TableName: 'Sites', Key: { id: 'main' } }));
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  if (!site.Item?.isPublic) return res.sendStatus(404);
  res.json({ body: out.Item?.body });
});`);
const draftState = code(`
app.get('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  if (out.Item?.status === 'draft') return res.sendStatus(404);
  res.json({ body: out.Item?.body });
});`);
const returnedDirectly = code(`
app.get('/posts/:id', async (req, res) => {
  res.json((await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } }))).Item); // ✗
});`);

// 2. The read's own conditions select only public items.
const publicFilter = code(`
app.get('/shared/:id', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Posts',
    KeyConditionExpression: 'id = :id',
    FilterExpression: 'isPublic = :isPublic',
    ExpressionAttributeValues: { ':id': req.params.id, ':isPublic': true }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ body: item.body })));
});`);
const publishedIndex = code(`
app.get('/authors/:author/posts', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Posts',
    IndexName: 'byAuthor',
    KeyConditionExpression: 'authorId = :a AND #s = :published',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':a': req.params.author, ':published': 'PUBLISHED' }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ body: item.body })));
});`);
// Look-alikes: an OR; a value the client sends; the flag compared with false.
const orFilter = code(`
app.get('/shared/:id', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Posts',
    KeyConditionExpression: 'id = :id',
    FilterExpression: 'isPublic = :t OR authorId = :a',
    ExpressionAttributeValues: { ':id': req.params.id, ':t': true, ':a': String(req.query.a) }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ body: item.body })));
});`);
const clientFlag = code(`
app.get('/shared/:id', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Posts',
    KeyConditionExpression: 'id = :id',
    FilterExpression: 'isPublic = :p',
    ExpressionAttributeValues: { ':id': req.params.id, ':p': req.query.p === 'true' }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ body: item.body })));
});`);
const unpublishedFilter = code(`
app.get('/drafts/:id', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Posts',
    KeyConditionExpression: 'id = :id',
    FilterExpression: '#published = :published',
    ExpressionAttributeNames: { '#published': 'published' },
    ExpressionAttributeValues: { ':id': req.params.id, ':published': false }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ body: item.body })));
});`);

// 3. A write is never public by design, whatever it is conditioned on.
const publishedWrite = code(`
app.put('/posts/:id', async (req, res) => {
  await ddb.send(new UpdateCommand({
    TableName: 'Posts',
    Key: { id: req.params.id }, // ✗
    UpdateExpression: 'SET body = :b',
    ConditionExpression: 'published = :t',
    ExpressionAttributeValues: { ':b': String(req.body.body), ':t': true },
  }));
  res.sendStatus(204);
});`);

// A data mapper's read, checked the same way.
const dynamoose = (check: string) =>
  code(`import dynamoose from 'dynamoose';
const Article = dynamoose.model('Article', new dynamoose.Schema({ id: { type: String, hashKey: true }, authorId: String, body: String, published: Boolean }));
app.post('/articles', async (req, res) => {
  await Article.create({ id: crypto.randomUUID(), authorId: req.user!.sub, body: String(req.body.body), published: false });
  res.sendStatus(201);
});
app.get('/articles/:id', async (req, res) => {
  const article = await Article.get(req.params.id); // ✗
  ${check}
  res.json({ body: article.body });
});`);
const mapperCheck = dynamoose(`if (!article?.published) return res.sendStatus(404);`);
const mapperNoCheck = dynamoose(`if (!article) return res.sendStatus(404);`);
// A tRPC query (studlancer's publishedQuest): the typed input literal stands for the call that sends it.
const trpcQuest = (check: string) => `${trpc}import { PutCommand, type GetCommandInput } from '@aws-sdk/lib-dynamodb';
export const router = t.router({
  create: t.procedure.input(z.object({ body: z.string() })).mutation(async ({ input, ctx }) => {
    await doc.send(new PutCommand({ TableName: 'Quests', Item: { id: crypto.randomUUID(), creatorId: ctx.user!.sub, body: input.body } }));
  }),
  publishedQuest: t.procedure.input(z.object({ id: z.string() })).query(async ({ input }) => {
    const params: GetCommandInput = { TableName: 'Quests', Key: { id: input.id } }; // ✗
    const out = await doc.send(new GetCommand(params));
    if (!out.Item) return null;
    const quest = out.Item as { published?: boolean; body?: string };
    ${check}
    return quest;
  }),
});`;
const trpcChecked = trpcQuest(`if (!quest.published) throw new Error('UNAUTHORIZED TO VIEW THE QUEST');`);
const trpcUnchecked = trpcQuest(`if (!quest.body) throw new Error('empty');`);

// 4. The program names the operation public: its route, its handler's name, the name it is held under.
const publicRoute = code(`
app.get('/public/profiles/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  res.json({ body: out.Item?.body });
});`);
const publicHandler = code(`
async function getPublicProfile(req: Request, res: Response) {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  res.json({ body: out.Item?.body });
}
app.get('/profiles/:id', getPublicProfile);`);
const publicHolder = code(`
const withLogging = <T>(handler: T) => handler;
export const publicPost = withLogging(async (req: Request, res: Response) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  res.json({ body: out.Item?.body });
});
app.get('/posts/:id', publicPost);`);
// Look-alikes: a write on a public route; an API called public that reads by a chosen id; "publish".
const publicWrite = code(`
app.delete('/public/profiles/:id', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  res.sendStatus(204);
});`);
const publishRoute = code(`
app.get('/publish/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  res.json({ body: out.Item?.body });
});`);

const publicReads = [
  flagCheck,
  stateCheck,
  nestedCheck,
  wrapperCheck,
  publicOrOwn,
  mapperCheck,
  trpcChecked,
  publicFilter,
  publishedIndex,
  publicRoute,
  publicHandler,
  publicHolder,
];

ruleTester.run('no-unscoped-key (public by design)', noUnscopedKey, {
  valid: publicReads.map((program) => program.replaceAll(' // ✗', '')),
  invalid: [
    ...[
      checkNoExit,
      useBeforeCheck,
      copiedOutBeforeCheck,
      otherItemChecked,
      draftState,
      returnedDirectly,
      publicOrClaimed,
      publicOrTitled,
      mapperNoCheck,
      trpcUnchecked,
    ].map((program) => invalidAt(program, 'unscopedKey')),
    ...[orFilter, clientFlag, unpublishedFilter, publishedWrite, publicWrite, publishRoute].map((program) =>
      invalidAt(program, 'unscopedKey'),
    ),
    // strict (an audit) still reports every pattern.
    ...publicReads.map((program) => ({ ...invalidAt(program, 'unscopedKey'), options: audit })),
  ],
});
