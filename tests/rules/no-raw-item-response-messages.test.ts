import path from 'node:path';
import { lintText } from '../lint-text.js';
import { expressHeader } from './express-cases.js';

const headerLines = expressHeader.split('\n').length - 1;
const only = { 'dynamodb-security/no-unscoped-key': 'off' } as const;

describe('no-raw-item-response messages', () => {
  it('names the read, every hop with its line, and the response sink, on the expression handed to the response', async () => {
    const messages = await lintText(
      `${expressHeader}async function findUser(userId: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId } }));
  return out.Item;
}
app.get('/me', async (req, res) => {
  const user = await findUser(req.user!.sub);
  res.status(200).json({ user });
});
`,
      only,
    );
    const line = (n: number) => headerLines + n;
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['dynamodb-security/no-raw-item-response', line(7), 24],
    ]);
    expect(messages[0]!.message).toBe(
      `\`Item\` of GetCommand (line ${line(2)}) → \`out\` (line ${line(2)}) → findUser (line ${line(1)}) → \`user\` (line ${line(6)}) → res.status(200).json (line ${line(7)}): ` +
        'the whole item reaches the client with every attribute it holds, including any added later; ' +
        'nothing known of it is sensitive, so this may be by design (excessive data exposure).',
    );
  });

  it('names a read in another file with its file and line', async () => {
    const messages = await lintText(
      `import { Router } from 'express';
import { findProfile } from './layered/repositories/profiles.js';
export const router = Router();
router.get('/me', async (req, res) => {
  res.json(await findProfile(req.user!.sub));
});
`,
      only,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(
      new RegExp(
        `^\`Item\` of GetCommand \\(${path.join('layered', 'repositories', 'profiles.ts').replace(/\\/g, '\\\\')}:14\\) → \`out\` \\(.*profiles\\.ts:14\\) → findProfile \\(.*profiles\\.ts:13\\) → res\\.json \\(line 5\\): the whole item`,
      ),
    );
  });

  it('says what a deny-list misses', async () => {
    const messages = await lintText(
      `${expressHeader}app.get('/me', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub } }));
  const { passwordHash, ...profile } = Item ?? {};
  res.json(profile);
});
`,
      only,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain(
      'removing some attributes (`...profile`) still sends every other attribute of the item',
    );
    expect(messages[0]!.message).toContain('(excessive data exposure)');
  });
});

describe('no-raw-item-response options', () => {
  const code = `${expressHeader}app.get('/me', async (req, res) => {
  res.json((await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub } }))).Item);
});
`;

  it('rejects unknown option keys and wrong types through the schema', async () => {
    await expect(
      lintText(code, { 'dynamodb-security/no-raw-item-response': ['error', { allowDenylist: true }] }),
    ).rejects.toThrow(/should NOT have additional properties|must NOT have additional properties/);
    await expect(
      lintText(code, { 'dynamodb-security/no-raw-item-response': ['error', { allowDenyList: 'yes' }] }),
    ).rejects.toThrow(/should be boolean|must be boolean/);
  });

  it('is part of both configs', async () => {
    const messages = await lintText(code);
    expect(messages.map((m) => m.ruleId)).toEqual(['dynamodb-security/no-raw-item-response']);
  });
});
