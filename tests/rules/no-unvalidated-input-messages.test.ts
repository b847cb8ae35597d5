import { expressHeader } from './express-cases.js';
import { lintRule, lintText } from '../lint-text.js';

const headerLines = expressHeader.split('\n').length - 1;
const line = (n: number) => headerLines + n;

describe('no-unvalidated-input messages', () => {
  it('names the source, every hop with its line, the position and the fix', async () => {
    const messages = await lintRule(
      'no-unvalidated-input',
      `${expressHeader}app.get('/orders', async (req, res) => {
  const status = String(req.query.status);
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'userId = :uid AND #s = :status',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': status },
  }));
  res.json(out.Items?.length);
});
`,
    );
    expect(messages.map((m) => m.line)).toEqual([line(7)]);
    expect(messages[0]!.message).toBe(
      `\`req.query.status\` (line ${line(2)}) → \`status\` (line ${line(2)}) → ExpressionAttributeValues[':status'] in QueryCommand (line ${line(7)}): ` +
        'the query string selects or filters items with unchecked text (validate it: a schema, an anchored pattern or an allow-list).',
    );
  });

  it('leaves the canonical IDOR lookup to no-unscoped-key, one finding per flaw (the raw item is a second flaw)', async () => {
    const messages = await lintText(`${expressHeader}app.get('/users/:userId', async (req, res) => {
  res.json((await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.userId } }))).Item);
});
`);
    expect(messages.map((m) => [m.ruleId, m.line]).sort()).toEqual([
      ['dynamodb-security/no-raw-item-response', line(2)],
      ['dynamodb-security/no-unscoped-key', line(2)],
    ]);
  });
});

describe('no-unvalidated-input options', () => {
  const code = `${expressHeader}app.get('/p/:id', async (req, res) => {
  res.json((await ddb.send(new GetCommand({ TableName: 'Products', Key: { id: req.params.id } }))).Item);
});
`;

  it('rejects unknown option keys and wrong types through the schema', async () => {
    await expect(
      lintText(code, { 'dynamodb-security/no-unvalidated-input': ['error', { validator: ['isId'] }] }),
    ).rejects.toThrow(/should NOT have additional properties|must NOT have additional properties/);
    await expect(
      lintText(code, { 'dynamodb-security/no-unvalidated-input': ['error', { validators: 'isId' }] }),
    ).rejects.toThrow(/should be array|must be array/);
    await expect(
      lintText(code, { 'dynamodb-security/no-unvalidated-input': ['error', { validators: [''] }] }),
    ).rejects.toThrow(/should NOT be shorter than 1 characters|must NOT have fewer than 1 characters/);
  });
});
