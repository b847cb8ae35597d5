import { lintText } from '../lint-text.js';
import { expressHeader } from './express-cases.js';

const RULE = 'dynamodb-security/no-expression-injection';
const headerLines = expressHeader.split('\n').length - 1;
const line = (n: number) => headerLines + n;
const only = (rules: Awaited<ReturnType<typeof lintText>>) => rules.filter((message) => message.ruleId === RULE);

describe('no-expression-injection messages', () => {
  it('names the source, the path, the position, every splice point and the safe alternative', async () => {
    const messages = only(
      await lintText(`${expressHeader}app.get('/notes', async (req, res) => {
  const { color, tag } = req.query as Record<string, string>;
  let filter = 'archived = :no';
  if (color) filter += \` AND color = \${color}\`;
  if (tag) filter += ' AND contains(tags, ' + tag + ')';
  const out = await ddb.send(new QueryCommand({
    TableName: 'Notes',
    KeyConditionExpression: 'ownerId = :o',
    FilterExpression: filter,
    ExpressionAttributeValues: { ':o': req.user!.sub, ':no': false },
  }));
  res.json(out.Items);
});
`),
    );
    expect(messages.map((m) => [m.line, m.column])).toEqual([[line(9), 23]]);
    expect(messages[0]!.message).toBe(
      `\`req.query.color\` (line ${line(2)}) → \`color\` (line ${line(2)}) → \`filter\` (line ${line(3)}) → FilterExpression in QueryCommand (line ${line(9)}) ` +
        `(and \`req.query.tag\` (line ${line(2)})): ` +
        `text from the query string is spliced into FilterExpression at \`color\` (line ${line(4)}), \`tag\` (line ${line(5)}); ` +
        'the client can rewrite the expression (bind it as a `:placeholder`).',
    );
  });

  it('gives each kind of position its own safe alternative', async () => {
    const messages = only(
      await lintText(`${expressHeader}app.get('/t/:table', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: req.params.table, Key: { id: 'a' }, ProjectionExpression: '#f', ExpressionAttributeNames: { '#f': String(req.query.f) } }));
  res.json(out.Item);
});
`),
    );
    expect(messages.map((m) => m.message.replace(/^.*?: /, ''))).toEqual([
      'the route parameter chooses TableName; the client can pick another table, index or result (use a constant allow-list).',
      "the query string chooses the attribute names of ExpressionAttributeNames['#f']; the client can reach any attribute (map it through a constant allow-list).",
    ]);
  });

  it('names the other file of a flow, and reports on the argument that leaves the route', async () => {
    const code = `import { Router } from 'express';
import { notesWhere } from './repositories/search.js';
export const router = Router();
router.get('/n', async (req, res) => {
  res.json(await notesWhere(\`noteId = '\${req.query.id}'\`));
});
`;
    const messages = only(await lintText(code, {}, {}, 'layered/routes.ts'));
    expect(messages.map((m) => [m.line, m.column])).toEqual([[5, 29]]);
    expect(messages[0]!.message).toBe(
      '`req.query.id` (line 5) → notesWhere(where) (layered/repositories/search.ts:63) → Statement in ExecuteStatementCommand (layered/repositories/search.ts:64): ' +
        'text from the query string is spliced into the PartiQL Statement at `where` (layered/repositories/search.ts:64) (bind it as a `?` parameter).',
    );
  });

  it('asks for an allow-list where client text is spliced only as attribute names, a placeholder where it is a value', async () => {
    const update = (set: string) => `${expressHeader}app.patch('/rooms/:id', async (req, res) => {
  const updates = req.body as Record<string, unknown>;
  const fields = Object.keys(updates);
  await ddb.send(new UpdateCommand({
    TableName: 'Rooms',
    Key: { id: String(req.params.id) },
    UpdateExpression: \`SET \${fields.map(${set}).join(', ')}\`,
    ExpressionAttributeNames: Object.fromEntries(fields.map((key) => ['#' + key, key])),
    ExpressionAttributeValues: Object.fromEntries(fields.map((key, i) => [\`:v\${i}\`, updates[key]])),
  }));
  res.sendStatus(204);
});
`;
    const names = only(await lintText(update('(key, i) => `#${key} = :v${i}`')));
    expect(names.map((m) => m.message.replace(/^.*?: /, ''))).toEqual([
      `the request body chooses the attribute names of UpdateExpression at \`key\` (line ${line(7)}); the client can reach any attribute (map it through a constant allow-list).`,
      'the request body chooses the attribute names of ExpressionAttributeNames; the client can reach any attribute (map it through a constant allow-list).',
    ]);
    const concatenated = only(await lintText(update("(key, i) => '#' + key + ' = :v' + i")));
    expect(concatenated.map((m) => m.messageId)).toEqual(['attributeNameInjection', 'attributeNameInjection']);
    const values = only(await lintText(update('(key) => `${key} = ${String(updates[key])}`')));
    expect(values.map((m) => m.messageId)).toEqual(['expressionInjection', 'attributeNameInjection']);
  });
});
