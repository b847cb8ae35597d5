import { describe, expect, it } from 'vitest';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { lintText } from '../lint-text.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Public profiles (SPEC §5, `recommended`): a read of a principal's record by a request key is no
 * IDOR when all of the item that reaches the caller is attributes a public profile shows (a name,
 * a picture, a bio): a pick (`res.json({ name: user.name })`) or a constant projection minus the
 * names deleted before the response. An e-mail, role or any other attribute that reaches the
 * response (named in the message), the whole item, a spread of it, or a write by the request key
 * stays reported; `strict` reports every one.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (route: string) => `${expressHeader}
app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user?.sub } }));
  res.json(out.Item);
});
${route}`;

const read = "  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.id } }));";
const profile = (sent: string, input = "{ TableName: 'Users', Key: { userId: req.params.id } }") =>
  app(`app.get('/users/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand(${input}));
${sent}
});`);
const marked = (code: string, line = read) => code.replace(line, `${line} // ✗`);
const projected = (names: string) =>
  `{ TableName: 'Users', Key: { userId: req.params.id }, ProjectionExpression: '${names}', ExpressionAttributeNames: { '#n': 'name' } }`;
const projectedRead = (names: string) => `  const out = await ddb.send(new GetCommand(${projected(names)}));`;
/** A helper returning picked fields, as a DTO, to a handler that sends them. */
const helper = (fields: string) =>
  app(`async function publicProfile(id: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: id } }));
  return { ${fields} };
}
app.get('/users/:id', async (req, res) => {
  res.json({ ok: true, data: await publicProfile(req.params.id) });
});`);
/** A wrapper every read goes through: the caller's own record (sent whole) and another user's (sent as `sent`). */
const wrapped = (sent: string) => `${expressHeader}
const db = { get: (params: GetCommandInput) => ddb.send(new GetCommand(params)) };
app.get('/me', async (req, res) => {
  const out = await db.get({ TableName: 'Users', Key: { userId: req.user?.sub } });
  res.json(out.Item);
});
app.get('/users/:id', async (req, res) => {
  const out = await db.get({ TableName: 'Users', Key: { userId: req.params.id } }); // ✗
${sent}
});`;
const options = [{ evidence: 'required' }] as const;

ruleTester.run('no-unscoped-key (public profiles)', noUnscopedKey, {
  valid: [
    // Picked non-sensitive attributes of another user's record.
    { code: profile('  res.json({ name: out.Item?.name, avatar: out.Item?.avatar });'), options },
    { code: helper('name: out.Item?.name, bio: out.Item?.bio'), options },
    // A constant projection of non-sensitive attributes, sent as read.
    { code: profile('  res.json(out.Item);', projected('#n, avatar')), options },
    // The projection names an e-mail, deleted before the response.
    {
      code: profile(
        '  if (!out.Item) return res.status(404).end();\n  delete out.Item.email;\n  res.json(out);',
        projected('#n, email'),
      ),
      options,
    },
    // Through a wrapper: the caller's own record sent whole elsewhere is another access.
    { code: wrapped('  res.json({ name: out.Item?.name });').replace(' // ✗', ''), options },
  ],
  invalid: [
    // Through the wrapper, this access's item sent whole.
    { ...invalidAt(wrapped('  res.json(out.Item);'), 'unscopedKey'), options },
    // Picked here, but also handed to a helper that copies it whole into the response.
    {
      ...invalidAt(
        marked(
          profile(
            '  const copy = (user: any) => ({ ...user });\n  if (req.query.raw) return res.json(copy(out.Item));\n  res.json({ name: out.Item?.name });',
          ),
        ),
        'unscopedKey',
      ),
      options,
    },
    // A sensitive attribute picked: an e-mail, a role.
    {
      ...invalidAt(marked(profile('  res.json({ name: out.Item?.name, email: out.Item?.email });')), 'unscopedKey'),
      options,
    },
    {
      ...invalidAt(
        marked(
          helper('name: out.Item?.name, role: out.Item?.role'),
          '  res.json({ ok: true, data: await publicProfile(req.params.id) });',
        ),
        'unscopedKey',
      ),
      options,
    },
    // An attribute no public profile shows, sensitive by name or not: another user's private inbox.
    {
      ...invalidAt(
        marked(profile('  res.json({ name: out.Item?.name, inbox: out.Item?.habitRequests });')),
        'unscopedKey',
      ),
      options,
    },
    {
      ...invalidAt(
        marked(profile('  res.json(out.Item);', projected('habitRequests')), projectedRead('habitRequests')),
        'unscopedKey',
      ),
      options,
    },
    // Looked up by an e-mail, even a name tells who holds that address.
    {
      ...invalidAt(
        marked(
          profile(
            '  res.json({ name: out.Item?.name });',
            "{ TableName: 'Users', Key: { email: String(req.query.email) } }",
          ),
          "  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email: String(req.query.email) } }));",
        ),
        'unscopedKey',
      ),
      options,
    },
    // The whole item, or a spread of it.
    { ...invalidAt(marked(profile('  res.json(out.Item);')), 'unscopedKey'), options },
    { ...invalidAt(marked(profile('  res.json({ ...out.Item, seen: true });')), 'unscopedKey'), options },
    // Picked here, whole there.
    {
      ...invalidAt(
        marked(profile('  if (req.query.full) return res.json(out.Item);\n  res.json({ name: out.Item?.name });')),
        'unscopedKey',
      ),
      options,
    },
    // A projection that keeps the e-mail.
    {
      ...invalidAt(
        marked(profile('  res.json(out.Item);', projected('#n, email')), projectedRead('#n, email')),
        'unscopedKey',
      ),
      options,
    },
    // A write keyed by the request is never a profile view.
    {
      ...invalidAt(
        app(`app.post('/users/:id/seen', async (req, res) => {
  const out = await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: req.params.id }, UpdateExpression: 'SET seen = :t', ExpressionAttributeValues: { ':t': true }, ReturnValues: 'ALL_NEW' })); // ✗
  res.json({ name: out.Attributes?.name });
});`),
        'unscopedKey',
      ),
      options,
    },
    // `strict` reports the public profile too.
    {
      ...invalidAt(marked(profile('  res.json({ name: out.Item?.name, avatar: out.Item?.avatar });')), 'unscopedKey'),
      options: [{ evidence: 'none' }],
    },
  ],
});

describe('no-unscoped-key public profiles: message', () => {
  it('names the sensitive attribute that reaches the response', async () => {
    const messages = (
      await lintText(profile('  res.json({ name: out.Item?.name, email: out.Item?.email });'), {
        'dynamodb-security/no-unscoped-key': ['error', { evidence: 'required' }],
      })
    ).filter((message) => message.ruleId === 'dynamodb-security/no-unscoped-key');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(
      /Users items are users' own records \(their email reaches the response at line \d+\)/,
    );
  });
});
