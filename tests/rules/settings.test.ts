import rule from '../../rules/no-unscoped-key.js';
import { lintText } from '../lint-text.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/** The shared model in `settings['dynamodb-security']`: in-house principals, sources, sinks, guards. */
const ruleTester = createRuleTesterWithTypes();
const inHouse = `${expressHeader}
export interface ApiRequest { pathArgs: Record<string, string>; caller: { id: string } }
export function getCaller(req: Request): { id: string } { return (req as any).principal; }
export function routeArg(req: Request, name: string): string { return String(req.params[name]); }
export const db = {
  async fetch(table: string, key: Record<string, unknown>) {
    return (await ddb.send(new GetCommand({ TableName: table, Key: key }))).Item;
  },
};
export async function loadItem(input: GetCommandInput) {
  return (await ddb.send(new GetCommand(input))).Item;
}
export declare function verifyOwnership(user: unknown, id: string): Promise<void>;
`;
const settings = {
  'dynamodb-security': {
    principals: [{ from: 'file', path: 'file.ts', name: 'getCaller' }],
    sources: [{ callee: { from: 'file', path: 'file.ts', name: 'routeArg' }, sourceType: 'route parameter' }],
    sinks: [{ callee: { from: 'file', path: 'file.ts', name: 'fetch' }, operation: 'get', table: 0, key: 1 }],
    guards: ['verifyOwnership'],
    requestTypes: [
      {
        type: { from: 'file', path: 'file.ts', name: 'ApiRequest' },
        sources: { pathArgs: 'route parameter' },
        principals: ['caller'],
      },
    ],
  },
};

ruleTester.run('no-unscoped-key (settings)', rule, {
  valid: [
    {
      code: `${inHouse}
app.get('/me', async (req, res) => {
  const caller = getCaller(req);
  res.json(await db.fetch('Users', { userId: caller.id }));
});`,
      settings,
    },
    {
      code: `${inHouse}
app.get('/notes/:id', async (req, res) => {
  const id = routeArg(req, 'id');
  await verifyOwnership(req.user, id);
  res.json(await db.fetch('Notes', { noteId: id }));
});`,
      settings,
    },
    {
      code: `${inHouse}
export async function show(req: ApiRequest) {
  return db.fetch('Users', { userId: req.caller.id });
}`,
      settings,
    },
  ],
  invalid: [
    {
      ...invalidAt(
        `${inHouse}
app.get('/users/:id', async (req, res) => {
  res.json(await db.fetch('Users', { userId: req.params.id })); // ✗
});`,
        'unscopedKey',
      ),
      settings,
    },
    {
      ...invalidAt(
        `${inHouse}
app.get('/notes/:id', async (req, res) => {
  const id = routeArg(req, 'id');
  res.json(await loadItem({ TableName: 'Notes', Key: { noteId: id } })); // ✗
});`,
        'unscopedKey',
      ),
      settings,
    },
    {
      ...invalidAt(
        `${inHouse}
export async function show(req: ApiRequest) {
  return db.fetch('Users', { userId: req.pathArgs.id }); // ✗
}`,
        'unscopedKey',
      ),
      settings,
    },
  ],
});

describe('settings validation', () => {
  const code = `${expressHeader}app.get('/x', (_req, res) => { res.end(); });\n`;
  const lintWith = (value: unknown) => lintText(code, {}, { 'dynamodb-security': value });

  it.each([
    [[], /settings\['dynamodb-security'\]: must be an object/],
    [{ principal: [] }, /unknown key 'principal'/],
    [{ principals: 'getCaller' }, /\.principals: must be an array/],
    [{ principals: [{ from: 'npm', name: 'x' }] }, /\.principals\[0\]\.from: must be 'package', 'file' or 'lib'/],
    [{ sinks: [{ callee: 'fetch', operation: 'read', key: 1 }] }, /\.sinks\[0\]\.operation: must be one of/],
    [{ sinks: [{ callee: 'fetch', operation: 'get' }] }, /\.sinks\[0\]: needs `input`/],
    [
      { sources: [{ callee: { from: 'package', package: 'x' } }] },
      /\.sources\[0\]\.callee\.name: must be a non-empty string/,
    ],
  ])('rejects %j with a clear error', async (value, message) => {
    await expect(lintWith(value)).rejects.toThrow(message);
  });
});
