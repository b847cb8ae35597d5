import { expressHeader } from './express-cases.js';
import { lintRule, lintText } from '../lint-text.js';

const headerLines = expressHeader.split('\n').length - 1;

describe('no-unscoped-key messages', () => {
  it('names the source, every hop with its line, and the sink position', async () => {
    const messages = await lintRule(
      'no-unscoped-key',
      `${expressHeader}async function findOrder(orderId: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Orders', Key: { orderId } }));
  return out.Item;
}
app.get('/orders/:orderId', async (req, res) => {
  const id = req.params.orderId;
  res.json(await findOrder(id));
});
`,
    );
    const line = (n: number) => headerLines + n;
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['dynamodb-security/no-unscoped-key', line(7)]]);
    expect(messages[0]!.message).toBe(
      `\`req.params.orderId\` (line ${line(6)}) → \`id\` (line ${line(6)}) → findOrder(orderId) (line ${line(1)}) → Key.orderId in GetCommand (line ${line(2)}): ` +
        "the route parameter (also unvalidated) picks the item and nothing ties it to `req.user`, so any client can reach others' items (IDOR); " +
        'nothing in the program shows that Orders items are shared.',
    );
  });

  it('reports on the value inside the input literal when the literal is in the reading function', async () => {
    const messages = await lintRule(
      'no-unscoped-key',
      `${expressHeader}app.get('/users/:userId', async (req, res) => {
  const params = {
    TableName: 'Users',
    Key: { userId: req.params.userId },
  };
  res.json((await ddb.send(new GetCommand(params))).Item);
});
`,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ line: headerLines + 4, column: 20, endColumn: 37 });
    expect(messages[0]!.message).toMatch(
      /^`req\.params\.userId` \(line \d+\) → Key\.userId in GetCommand \(line \d+\): the route parameter/,
    );
  });

  it('says what the value does to the access: picks the item, picks the items, filters a scan', async () => {
    const route = (command: string) => `${expressHeader}app.get('/notes', async (req, res) => {
  const out = await ddb.send(${command});
  res.json({ count: out.Count });
});
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: String(req.body.id) } }));
  res.sendStatus(201);
});
`;
    const [query] = await lintRule(
      'no-unscoped-key',
      route(
        "new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': String(req.query.owner) } })",
      ),
    );
    expect(query?.message).toContain('the query string (also unvalidated) picks the items and nothing ties it');
    const [scan] = await lintRule(
      'no-unscoped-key',
      route(
        "new ScanCommand({ TableName: 'Notes', FilterExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': String(req.query.owner) } })",
      ),
    );
    expect(scan?.message).toContain("the query string (also unvalidated) filters a scan of every user's items and");
  });

  it('names the caller of the event the value was read from, where an untyped event may be any', async () => {
    const handler = (read: string) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event: any) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tweets', Key: { id: ${read} } }));
  return out.Item;
};
`;
    const [appsync] = await lintRule('no-unscoped-key', handler('event.arguments.tweetId'));
    expect(appsync?.message).toContain('nothing ties it to `event.identity`');
    const [gateway] = await lintRule('no-unscoped-key', handler('event.pathParameters.tweetId'));
    expect(gateway?.message).toContain('nothing ties it to `event.requestContext.authorizer`');
  });

  it("names the header a web request read by name, and no other framework's caller for a web Request", async () => {
    const [report] = await lintRule(
      'no-unscoped-key',
      `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export async function GET(request: Request) {
  const out = await ddb.send(new GetCommand({ TableName: 'Settings', Key: { userId: String(request.headers.get('x-user-id')) } }));
  return Response.json(out.Item);
}
`,
    );
    expect(report?.message).toMatch(/^`request\.headers\.get\('x-user-id'\)` \(line 5\) → Key\.userId in GetCommand/);
    expect(report?.message).toContain('nothing ties it to the authenticated caller');
  });

  it('names the verifier a handler authenticates its caller with', async () => {
    const [report] = await lintRule(
      'no-unscoped-key',
      `${expressHeader}import jwt from 'jsonwebtoken';
app.get('/notes/:owner/:id', async (req, res) => {
  jwt.verify(String(req.headers.authorization), 'secret');
  res.json((await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.params.owner } }))).Item);
});
`,
    );
    expect(report?.message).toContain('nothing ties it to the caller `jwt.verify(…)` returns, so any client');
  });

  it('shows the flow of the claimed header when the identity named is a claim', async () => {
    // The tenant is the query string's or, failing that, the header's: the message names the header
    // as the claimed identity, so its flow is the header's, not the query string's.
    const [report, ...rest] = await lintRule(
      'no-unscoped-key',
      `${expressHeader}app.post('/rates', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Rates', Item: { scope: crypto.randomUUID(), rate: Number(req.body.rate) } }));
  res.sendStatus(201);
});
app.get('/rates', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { scope: String(req.query.scope ?? req.headers['x-tenant-id']) } }));
  res.json({ rate: out.Item?.rate });
});
`,
    );
    expect(rest).toHaveLength(0);
    expect(report?.message).toMatch(/^`req\.headers\.x-tenant-id` \(line \d+\) → Key\.scope in GetCommand/);
    expect(report?.message).toContain("the caller's identity is taken from `req.headers.x-tenant-id`");
  });
});

describe('no-unscoped-key options', () => {
  const code = `${expressHeader}app.get('/p/:id', async (req, res) => {
  res.json((await ddb.send(new GetCommand({ TableName: 'Products', Key: { id: req.params.id } }))).Item);
});
`;

  it('rejects an invalid /regex/ in publicTables with a clear error', async () => {
    await expect(
      lintText(code, { 'dynamodb-security/no-unscoped-key': ['error', { publicTables: ['/[unclosed/'] }] }),
    ).rejects.toThrow(/publicTables entry "\/\[unclosed\/" is not a valid regular expression/);
  });

  it('rejects unknown option keys and wrong types through the schema', async () => {
    await expect(
      lintText(code, { 'dynamodb-security/no-unscoped-key': ['error', { publicTable: ['Products'] }] }),
    ).rejects.toThrow(/should NOT have additional properties|must NOT have additional properties/);
    await expect(
      lintText(code, { 'dynamodb-security/no-unscoped-key': ['error', { guards: 'assertOwner' }] }),
    ).rejects.toThrow(/should be array|must be array/);
  });
});
