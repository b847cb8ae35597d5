import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';

/**
 * A table named by an environment variable is one entity however a module reads the variable:
 * `const { STOCK } = process.env` (also renamed, `{ STOCK: table }`) names the same table as
 * `process.env.STOCK`, so what one module writes decides what another module's reads are.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;

const program = (read: string, ownerOnWrite: boolean) => `${expressHeader}${read}
app.post('/stock', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: process.env.STOCK, Item: { sku: crypto.randomUUID(), title: String(req.body.title)${ownerOnWrite ? ', ownerId: req.user!.sub' : ''} } }));
  res.sendStatus(201);
});
app.get('/stock/:sku', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: table, Key: { sku: req.params.sku } }));
  res.json({ title: out.Item?.title });
});`;

const destructured = 'const { STOCK: table } = process.env;';
const shorthand = 'const { STOCK } = process.env;\nconst table = STOCK;';
const line = (code: string) => code.split('\n').findIndex((text) => text.includes('new GetCommand')) + 1;

ruleTester.run('no-unscoped-key (tables named by destructured environment variables)', noUnscopedKey, {
  valid: [
    // Written with no owner through `process.env.STOCK`: a shared catalog, read through the destructured name.
    program(destructured, false),
    program(shorthand, false),
  ],
  invalid: [
    ...[destructured, shorthand].map((read) => {
      const code = program(read, true);
      return { code, errors: [{ messageId: 'unscopedKey' as const, line: line(code) }] };
    }),
    // The audit mode reports the shared catalog's pattern too.
    {
      code: program(destructured, false),
      options: audit,
      errors: [{ messageId: 'unscopedKey' as const, line: line(program(destructured, false)) }],
    },
  ],
});
